// People on two channels are one person (issue 12 item 4): a code shown on Telegram and typed on
// the console (or the other way) links the identities; agencies, reports, history, language and
// the coordinator role follow the person. Both channels run on one database, as they will in the
// bot's process: the Telegram app over HTTP against the Bot API stand-in, and the console channel
// driven in-process on the app's own deps (its database, configuration and clock).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleChannel, type Printed } from '../../src/channels/console/channel.js';
import { consolePerson } from '../../src/channels/console/identities.js';
import { createRequest, decide } from '../../src/db/queries/officers.js';
import { ROUTES } from '../../src/usecases/index.js';
import { CODE_TTL_MS, MAX_FAILURES } from '../../src/usecases/identity.js';
import { registerOfficer, startHarness, type Harness } from '../support/harness.js';
import { COORDINATOR, message, OFFICER, STRANGER, type TgUser } from '../support/updates.js';

interface Both {
  h: Harness;
  console: ConsoleChannel;
  printed: Printed[];
  clock: { now: number };
  /** A line typed on the console by `person` in their private chat; the texts printed. */
  type(person: string, line: string): Promise<string>;
  /** A message sent on Telegram by `from` in their private chat; the texts the bot answered. */
  tg(from: TgUser, text: string): Promise<string>;
  rows<T = Record<string, unknown>>(sql: string, ...args: unknown[]): T[];
}

const open: Both[] = [];
afterEach(async () => {
  for (const b of open.splice(0)) await b.h.close();
});

async function bothChannels(opts: { consoleCoordinators?: string[] } = {}): Promise<Both> {
  const clock = { now: Date.UTC(2026, 5, 1, 3, 0, 0) };
  const h = await startHarness({ now: () => clock.now, config: { consoleCoordinatorIds: opts.consoleCoordinators ?? [] } });
  const printed: Printed[] = [];
  const filesDir = mkdtempSync(join(tmpdir(), 'kh457-link-files-'));
  const channel = new ConsoleChannel(h.app.jobs, ROUTES, {
    coordinators: opts.consoleCoordinators ?? [],
    people: { minh: { firstName: 'Minh', lastName: 'Trần' }, thao: { firstName: 'Thảo' }, lan: { firstName: 'Lan' }, khach: { firstName: 'Khách' } },
    filesDir,
    print: (p) => printed.push(p),
  });
  const b: Both = {
    h,
    console: channel,
    printed,
    clock,
    async type(person, line) {
      const out = await channel.line(person, person, line);
      await h.app.outbox.drained();
      return out.map((p) => p.text).join('\n---\n');
    },
    async tg(from, text) {
      return (await h.ask(message(text, { from }))).join('\n---\n');
    },
    rows: (sql, ...args) => h.app.db.$client.prepare(sql).all(...args) as never,
  };
  open.push(b);
  const close = h.close.bind(h);
  h.close = async () => {
    await close();
    rmSync(filesDir, { recursive: true, force: true });
  };
  return b;
}

const codeIn = (text: string) => {
  const m = /(\d{6})/.exec(text);
  if (!m) throw new Error(`no code in: ${text}`);
  return m[1]!;
};
const persons = (b: Both) => b.rows<{ channel: string; ext: string; person: number }>("select channel, external_id ext, coalesce(person_id, id) person from users order by channel, external_id");
const personOf = (b: Both, channel: string, ext: string) => persons(b).find((p) => p.channel === channel && p.ext === ext)?.person;

describe('linking a Telegram account and a console account', () => {
  it('an officer registered on Telegram links the console, reports there, and the report is theirs on Telegram', async () => {
    const b = await bothChannels();
    await b.tg(OFFICER, '/start');
    await registerOfficer(b.h, OFFICER, 'Sở Y tế');
    // Before linking, the console Minh is a stranger: no agency.
    expect(await b.type('minh', '/capnhat III.1.3 đang 40% đã họp triển khai')).toMatch(/chưa là cán bộ đầu mối|đăng ký/);

    const shown = await b.tg(OFFICER, '/lienketkenh');
    expect(shown).toContain('/lienketkenh');
    expect(shown).toContain('10 phút');
    const code = codeIn(shown);
    // Only a hash is stored.
    expect(JSON.stringify(b.rows('select * from link_codes'))).not.toContain(code);

    const calls = b.h.stub.calls.length;
    const linked = await b.type('minh', `/lienketkenh ${code}`);
    expect(linked).toContain('Đã liên kết');
    expect(linked).toContain('Telegram');
    expect(linked).toContain('Sở Y tế');
    // The Telegram side is told, so that a stolen code does not link an account unnoticed.
    const notice = b.h.stub.calls.slice(calls).filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === OFFICER.id);
    expect(notice.map((c) => String(c.payload.text)).join()).toContain('vừa được liên kết');
    // One person: the Telegram identity is older and keeps its id (= the Telegram id).
    expect(personOf(b, 'console', 'minh')).toBe(OFFICER.id);
    expect(personOf(b, 'telegram', String(OFFICER.id))).toBe(OFFICER.id);

    // Reporting on the console now reports for Sở Y tế, under the same person.
    const saved = await b.type('minh', '/capnhat III.1.3 đang 40% đã họp triển khai');
    expect(saved).toMatch(/40\s?%/);
    expect(b.rows('select user_id userId, agency_code agency, percent from updates')).toEqual([{ userId: OFFICER.id, agency: 'SYT', percent: 40 }]);
    const status = await b.tg(OFFICER, '/tinhhinh');
    expect(status).toMatch(/40\s?%/);
    const history = await b.tg(OFFICER, '/lichsu III.1.3');
    expect(history).toContain('Minh');
    expect(history).toContain('đã họp triển khai');

    // The code was used once: typed again (by anyone), it is refused and changes nothing.
    expect(await b.type('khach', `/lienketkenh ${code}`)).toContain('đã được dùng');
    expect(personOf(b, 'console', 'khach')).not.toBe(OFFICER.id);
    // Typed again by Minh himself: already one person.
    expect(await b.type('minh', `/lienketkenh ${code}`)).toContain('đã được dùng');
  });

  it('language follows the person: chosen on Telegram, the console answers in it', async () => {
    const b = await bothChannels();
    await b.tg(OFFICER, '/ngonngu en');
    const code = codeIn(await b.tg(OFFICER, '/linkchannel'));
    expect(await b.type('minh', `/lienketkenh ${code}`)).toContain('Linked');
    expect(await b.type('minh', '/khongco')).toMatch(/command/i);
  });

  it('a wrong code is counted; after five in an hour even the right code is refused until the hour has passed', async () => {
    const b = await bothChannels();
    const code = codeIn(await b.tg(OFFICER, '/lienketkenh'));
    const wrong = code === '000000' ? '000001' : '000000';
    expect(await b.type('minh', `/lienketkenh ${wrong}`)).toContain(`còn ${MAX_FAILURES - 1} lần`);
    for (let i = 2; i < MAX_FAILURES; i++) await b.type('minh', `/lienketkenh ${wrong}`);
    expect(await b.type('minh', `/lienketkenh ${wrong}`)).toContain('quá nhiều lần');
    expect(await b.type('minh', `/lienketkenh ${code}`)).toContain('quá nhiều lần');
    expect(personOf(b, 'console', 'minh')).not.toBe(OFFICER.id);
    // Not a code at all: explained, not counted.
    expect(await b.type('khach', '/lienketkenh 12ab')).toContain('6 chữ số');
    expect(b.rows("select count(*) n from link_failures")).toEqual([{ n: MAX_FAILURES }]);
    // Someone else's attempts are theirs: Khách may still try (and the right code works for them).
    b.clock.now += 60 * 60_000 + 1;
    const fresh = codeIn(await b.tg(OFFICER, '/lienketkenh'));
    expect(await b.type('minh', `/lienketkenh ${fresh}`)).toContain('Đã liên kết');
  });

  it('an expired code and a replaced code are refused; nothing is linked', async () => {
    const b = await bothChannels();
    const first = codeIn(await b.tg(OFFICER, '/lienketkenh'));
    b.clock.now += CODE_TTL_MS + 1;
    expect(await b.type('minh', `/lienketkenh ${first}`)).toContain('hết hạn');
    const second = codeIn(await b.tg(OFFICER, '/lienketkenh'));
    const third = codeIn(await b.tg(OFFICER, '/lienketkenh'));
    if (second !== third) expect(await b.type('minh', `/lienketkenh ${second}`)).toContain('hết hạn');
    expect(personOf(b, 'console', 'minh')).not.toBe(OFFICER.id);
    // Neither counts as a guess.
    expect(b.rows('select count(*) n from link_failures')).toEqual([{ n: 0 }]);
    // Typed where it was shown: told to use the other channel.
    expect(await b.tg(OFFICER, `/lienketkenh ${third}`)).toContain('kênh <b>kia</b>');
    expect(await b.type('minh', `/lienketkenh ${third}`)).toContain('Đã liên kết');
  });

  it('is refused in a group, where others would see the code', async () => {
    const b = await bothChannels();
    const answer = (await b.h.ask(message('/lienketkenh', { from: OFFICER, chat: { id: -1001234567890, type: 'supergroup', title: 'Sở Y tế' } }))).join();
    expect(answer).toContain('tin nhắn riêng');
    expect(b.rows('select count(*) n from link_codes')).toEqual([{ n: 0 }]);
  });
});

describe('roles follow the person', () => {
  it('a coordinator named on Telegram is a coordinator on the console once linked', async () => {
    const b = await bothChannels();
    await b.tg(COORDINATOR, '/start');
    expect(await b.type('thao', '/canbo')).toContain('Chỉ điều phối viên');
    const code = codeIn(await b.tg(COORDINATOR, '/lienketkenh'));
    const linked = await b.type('thao', `/lienketkenh ${code}`);
    expect(linked).toContain('điều phối viên');
    expect(await b.type('thao', '/canbo')).not.toContain('Chỉ điều phối viên');
    // …and is asked to approve a registration once, as one person, where they wrote last: an hour
    // later on Telegram. (Where they wrote last on the console, privateChatOf picks the console:
    // test/unit/roles.test.ts; this process's outbox delivers to Telegram only.)
    b.clock.now += 60 * 60_000 + 1;
    await b.tg(COORDINATOR, '/trogiup');
    const calls = await b.h.send(message('/dangky Sở Y tế', { from: STRANGER }));
    const asked = calls.filter((c) => c.method === 'sendMessage' && String(c.payload.text).includes('Đề nghị làm cán bộ đầu mối'));
    expect(asked.map((c) => Number(c.payload.chat_id))).toEqual([COORDINATOR.id]);
    expect(b.rows("select count(*) n from outbox where kind = 'approval'")).toEqual([{ n: 1 }]);
  });

  it('a coordinator named on the console is a coordinator on Telegram once linked', async () => {
    const b = await bothChannels({ consoleCoordinators: ['lan'] });
    const LAN: TgUser = { id: 900300, is_bot: false, first_name: 'Lan' };
    expect(await b.tg(LAN, '/canbo')).toContain('Chỉ điều phối viên');
    const code = codeIn(await b.tg(LAN, '/lienketkenh'));
    expect(await b.type('lan', `/lienketkenh ${code}`)).toContain('điều phối viên');
    expect(await b.tg(LAN, '/canbo')).not.toContain('Chỉ điều phối viên');
    expect(personOf(b, 'telegram', String(LAN.id))).toBe(personOf(b, 'console', 'lan'));
  });
});

describe('when both already have a history', () => {
  it('officers of different agencies: one person with both agencies, every report kept once', async () => {
    const b = await bothChannels();
    await registerOfficer(b.h, OFFICER, 'Sở Y tế');
    await b.tg(OFFICER, '/capnhat III.1.3 đang 40% đã họp');
    // Minh on the console is an officer of another agency (approved as console.test.ts does: this
    // process's outbox delivers to Telegram only, and the approval notice would go to the console).
    const minh = consolePerson(b.h.app.db, 'minh', { firstName: 'Minh', lastName: 'Trần' }, b.clock.now).id;
    decide(b.h.app.db, createRequest(b.h.app.db, minh, 'SCT', minh, b.clock.now).id, 'approved', COORDINATOR.id, b.clock.now);
    await b.type('minh', '/capnhat II.3 đang 20% khảo sát');
    const before = b.rows<{ id: number; agency: string; percent: number }>('select id, agency_code agency, percent from updates order by id');
    expect(before.map((r) => r.agency)).toEqual(['SYT', 'SCT']);

    const code = codeIn(await b.tg(OFFICER, '/lienketkenh'));
    const linked = await b.type('minh', `/lienketkenh ${code}`);
    expect(linked).toContain('Đã liên kết');
    expect(linked).toContain('Sở Y tế');
    expect(linked).toContain('Sở Công Thương');
    // The same rows, now all under one person; none lost, none doubled.
    const after = b.rows<{ id: number; agency: string; percent: number; userId: number }>('select id, agency_code agency, percent, user_id userId from updates order by id');
    expect(after.map(({ userId: _, ...r }) => r)).toEqual(before);
    expect(new Set(after.map((r) => r.userId))).toEqual(new Set([OFFICER.id]));
    expect(b.rows("select agency_code a from officers where status = 'approved' and user_id = ? order by a", OFFICER.id)).toEqual([{ a: 'SCT' }, { a: 'SYT' }]);
  });

  it('officers of the same agency on both: refused with the reason, nothing changed', async () => {
    const b = await bothChannels();
    await registerOfficer(b.h, OFFICER, 'Sở Y tế');
    await b.type('minh', '/dangky Sở Y tế');
    const snapshot = () => ({ users: persons(b), officers: b.rows('select * from officers order by id') });
    const before = snapshot();
    const code = codeIn(await b.tg(OFFICER, '/lienketkenh'));
    const refused = await b.type('minh', `/lienketkenh ${code}`);
    expect(refused).toContain('Không liên kết được');
    expect(refused).toContain('Sở Y tế');
    expect(snapshot()).toEqual(before);
    // The code was not spent on a refusal.
    expect(b.rows('select used_at u from link_codes')).toEqual([{ u: null }]);
  });
});
