// The console channel, driven in-process: lines typed by people in their private chats and in a
// group, what the bot printed back, and what it stored.
import { testConfig } from '../support/config.js';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleApp, type ConsoleApp } from '../../src/app.js';
import type { Printed } from '../../src/channels/console/channel.js';
import { consoleTyping, numberOf, texts } from '../support/console-lines.js';
import { consoleChat, consolePerson } from '../../src/channels/console/identities.js';
import { toConsoleMessages } from '../../src/channels/console/serialize.js';
import type { Config } from '../../src/config.js';
import { upsertChat } from '../../src/db/queries/chats.js';
import { createRequest, decide } from '../../src/db/queries/officers.js';
import { say } from '../../src/delivery/say.js';

let app: ConsoleApp;
let dir: string;
const printed: Printed[] = [];
const ids: Record<string, number> = {};

/** `person` types `line` in `chat`; the messages it caused, the outbox's included. */
const type = consoleTyping(() => app, printed);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kh457-console-'));
  const config: Config = testConfig(dir);
  const { createLogger } = await import('../../src/logger.js');
  app = await startConsoleApp(config, createLogger('silent'), {
    schedule: false,
    outboxBackoffMs: 20,
    console: {
      coordinators: ['thao'],
      people: { thao: { firstName: 'Thảo', lastName: 'Nguyễn' }, minh: { firstName: 'Minh', lastName: 'Trần' } },
      groups: { 'group:dieuphoi': 'Sở KH&CN — điều phối' },
      filesDir: join(dir, 'files'),
      print: (p) => printed.push(p),
    },
  });
  const now = Date.now();
  for (const p of ['thao', 'minh']) ids[p] = consolePerson(app.db, p, { firstName: p }, now).id;
  decide(app.db, createRequest(app.db, ids.minh!, 'SYT', ids.minh!, now).id, 'approved', ids.thao!, now);
  ids.dieuphoi = consoleChat(app.db, 'group:dieuphoi', 'Sở KH&CN — điều phối', now);
  upsertChat(app.db, { id: ids.dieuphoi, type: 'group' }, now, { isCoordination: true });
});

afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('console channel', () => {
  it('runs a command through the core; an unknown one and a stray line get the fallbacks', async () => {
    const status = await type('thao', 'thao', '/tinhhinh');
    expect(status).toHaveLength(1);
    expect(status[0]).toMatchObject({ chat: 'thao', kind: 'message' });
    expect(status[0]!.text).toContain('Tình hình thực hiện KH 457');
    expect(status[0]!.text).not.toMatch(/\*\*|<b>/);
    expect(texts(await type('thao', 'thao', '/khongco'))).toBe('Tôi chưa hiểu lệnh này. Gõ /trogiup để xem các lệnh.');
    expect(texts(await type('thao', 'thao', 'xin chào'))).toContain('Tôi chỉ hiểu các lệnh.');
    // Each line was an event in the inbox, stored under a negative id and handled.
    const events = app.db.$client.prepare("select update_id id, handled_at handled from inbox where channel = 'console'").all() as Array<{ id: number; handled: number | null }>;
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.id < 0 && e.handled !== null)).toBe(true);
  });

  it('answers choices by number and a question by the next line; wrong and stale numbers change nothing', async () => {
    const tasks = await type('minh', 'minh', '/capnhat');
    expect(tasks.at(-1)!.text).toMatch(/^1\. /m); // the choices are numbered lines after the text
    const statuses = await type('minh', 'minh', numberOf(tasks, /^III\.1\.3 /));
    expect(texts(statuses)).toContain('III.1.3');
    expect(texts(await type('minh', 'minh', '9'))).toMatch(/^Không có lựa chọn số 9: hãy gõ một số từ 1 đến \d\.$/);

    const question = await type('minh', 'minh', numberOf(statuses, /Đang thực hiện/));
    expect(question).toHaveLength(1);
    expect(question[0]!.choices).toEqual([]);
    const saved = await type('minh', 'minh', 'Đã trình dự thảo đề án');
    expect(texts(saved)).toContain('Đã ghi nhận cập nhật nhiệm vụ III.1.3');
    const rows = () => app.db.$client.prepare("select note, withdrawn_at withdrawn from updates where task_code = 'III.1.3' and user_id = ?").all(ids.minh) as Array<{ note: string; withdrawn: number | null }>;
    expect(rows()).toEqual([{ note: 'Đã trình dự thảo đề án', withdrawn: null }]);

    // The echo offers ↩️ Rút lại. Typed as a number (it may have been meant for an older list), it
    // asks first, as /huy does; the confirmation withdraws, and a number typed again for it is
    // answered with an alert, printed as a short line.
    const asked = await type('minh', 'minh', numberOf(saved, /Rút lại/));
    expect(texts(asked)).toContain('Rút lại báo cáo này?');
    expect(rows()).toEqual([{ note: 'Đã trình dự thảo đề án', withdrawn: null }]);
    await type('minh', 'minh', numberOf(asked, /Rút lại báo cáo này/));
    const withdrawnAt = rows()[0]!.withdrawn;
    expect(withdrawnAt).not.toBeNull();
    expect(texts(await type('minh', 'minh', numberOf(asked, /Rút lại báo cáo này/)))).toMatch(/^⚠ .*III\.1\.3.*rút lại/);
    expect(rows()).toEqual([{ note: 'Đã trình dự thảo đề án', withdrawn: withdrawnAt }]);
    // Nobody offered thao anything: a number is not a choice there.
    expect(texts(await type('thao', 'thao', '1'))).toBe('Không có lựa chọn nào đang chờ bạn ở đây. Gõ lệnh, ví dụ /trogiup.');
  });

  it('answers a number on choices already closed as stale, and changes nothing', async () => {
    const year = new Date().getFullYear();
    const asked = await type('thao', 'thao', `/hanchot II.1 31/12/${year}`);
    expect(texts(await type('thao', 'thao', numberOf(asked, /Xác nhận/)))).toContain(`31/12/${year}`);
    const deadlines = () => app.db.$client.prepare("select * from deadlines where task_code = 'II.1'").all();
    const before = deadlines();
    expect(before).toHaveLength(1);
    expect(texts(await type('thao', 'thao', '1'))).toBe('Các lựa chọn đó đã được trả lời. Gõ lại lệnh nếu cần chọn lại.');
    expect(deadlines()).toEqual(before);
  });

  it('writes the files the bot sends to the files folder and prints their paths', async () => {
    const sent = await type('thao', 'thao', '/baocao');
    const files = sent.filter((p) => p.file);
    const year = new Date().getFullYear();
    expect(files.map((p) => p.file!.name).sort()).toEqual([`bao-cao-kh457-${year}.csv`, `bao-cao-kh457-${year}.docx`, `bao-cao-kh457-${year}.xlsx`]);
    for (const p of files) {
      expect(p.chat).toBe('thao');
      expect(p.file!.path).toBe(join(dir, 'files', p.file!.name));
      expect(existsSync(p.file!.path)).toBe(true);
    }
    expect(readdirSync(join(dir, 'files'))).toHaveLength(3);
  });

  it('prints what the bot says on its own through the outbox, in the conversation it was said to', async () => {
    const from = printed.length;
    say(app.jobs, { chatId: ids.dieuphoi! }, { text: '**Nhắc** họp', choices: [[{ label: 'Tiếng Việt', data: 'lang:vi' }]] }, { key: 'console-test', kind: 'notice' });
    app.jobs.kick();
    await app.outbox.drained();
    expect(printed.slice(from)).toEqual([{ chat: 'group:dieuphoi', text: 'Nhắc họp\n1. Tiếng Việt', choices: ['Tiếng Việt'], file: undefined, kind: 'message' }]);
    // Offered to anyone in that group: thao's number there answers it.
    expect(texts(await type('thao', 'group:dieuphoi', '1'))).toContain('Tiếng Việt');
  });

  it('keeps the question waiting when its answer could not be used, as a Telegram prompt stays answerable', async () => {
    const statuses = await type('minh', 'minh', '/capnhat III.1.2');
    // Said the way a text channel works: the next line answers (Telegram says "reply to this message").
    expect(texts(await type('minh', 'minh', numberOf(statuses, /Đang thực hiện/)))).toContain('hãy gõ tin tiếp theo là nội dung cập nhật');
    expect(texts(await type('minh', 'minh', 'đang 150% quá'))).toContain('Chưa ghi nhận');
    const saved = await type('minh', 'minh', '60% Đã khảo sát 5 doanh nghiệp');
    expect(texts(saved)).toContain('Đã ghi nhận cập nhật nhiệm vụ III.1.2');
    expect(texts(saved)).toContain('60%');
  });

  it('a line typed after the answered note is a message of its own, not another report (new-user review)', async () => {
    const count = () => (app.db.$client.prepare("select count(*) n from updates where task_code = 'II.5' and user_id = ?").get(ids.minh) as { n: number }).n;
    const before = count();
    const statuses = await type('minh', 'minh', '/capnhat II.5');
    await type('minh', 'minh', numberOf(statuses, /Đang thực hiện/));
    expect(texts(await type('minh', 'minh', '40% Đã rà soát 3 văn bản'))).toContain('Đã ghi nhận cập nhật nhiệm vụ II.5');
    expect(count()).toBe(before + 1);
    const after = await type('minh', 'minh', 'Cảm ơn bot');
    expect(texts(after)).not.toContain('Đã ghi nhận');
    expect(count()).toBe(before + 1);
  });

  it('a bare "50" answering the note prompt is the figure: the note is asked for next, nothing saved until then (new-user review)', async () => {
    const notes = () => app.db.$client.prepare("select percent, note from updates where task_code = 'V.4' and user_id = ? order by id").all(ids.minh);
    const before = notes();
    const statuses = await type('minh', 'minh', '/capnhat V.4');
    await type('minh', 'minh', numberOf(statuses, /Đang thực hiện/));
    expect(texts(await type('minh', 'minh', '50'))).toContain('🔄 Đang thực hiện (50%)');
    expect(notes()).toEqual(before);
    expect(texts(await type('minh', 'minh', 'Đã làm việc với 2 nhà tài trợ'))).toContain('Đã ghi nhận cập nhật nhiệm vụ V.4');
    expect(notes()).toEqual([...before, { percent: 50, note: 'Đã làm việc với 2 nhà tài trợ' }]);
  });

  it('a new command makes the numbers offered before it stale, instead of guessing what a number meant', async () => {
    const asked = await type('minh', 'minh', '/capnhat III.1.2 xong 80% nghiệm thu');
    expect(asked.at(-1)!.choices.length).toBeGreaterThan(1);
    await type('minh', 'minh', '/viectoi');
    const before = app.db.$client.prepare('select count(*) n from updates').get();
    expect(texts(await type('minh', 'minh', '1'))).toBe('Các lựa chọn đó đã được trả lời. Gõ lại lệnh nếu cần chọn lại.');
    expect(app.db.$client.prepare('select count(*) n from updates').get()).toEqual(before);
  });

  it('in a group, a number answers the choices offered to that person before any the bot posted for everyone', async () => {
    const g = 'group:dieuphoi';
    const mine = await type('thao', g, '/ngonngu');
    expect(mine.at(-1)!.choices.length).toBeGreaterThan(0);
    say(app.jobs, { chatId: ids.dieuphoi! }, { text: 'Nhắc', choices: [[{ label: 'Mở nhiệm vụ I.1', data: 'up:t:I.1' }]] }, { key: 'console-test-2', kind: 'notice' });
    app.jobs.kick();
    await app.outbox.drained();
    const chosen = await type('thao', g, numberOf(mine, /Tiếng Việt/));
    expect(texts(chosen)).not.toContain('I.1');
    // Ordinary talk in a group is not for the bot: no answer.
    expect(await type('thao', g, 'mọi người họp lúc 9 giờ nhé')).toEqual([]);
  });

  it('prints what people typed without its control characters', async () => {
    const out = texts(await type('minh', 'minh', '/capnhat \u001b[2J\u001b[31mĐỎ\u0007'));
    expect(out).toContain('ĐỎ');
    expect(out).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
  });
});

describe('console serializer', () => {
  it('splits at line ends within the limit, numbers the choices after the text, keeps the question on the last part', () => {
    const text = Array.from({ length: 6 }, (_, i) => `dòng **${i + 1}** ${'x'.repeat(10)}`).join('\n');
    const parts = toConsoleMessages({ text, choices: [[{ label: 'Có', data: 'cf:1:y' }, { label: 'Không', data: 'cf:1:n' }]], question: {} }, { limit: 40 });
    expect(parts.every((m) => String(m.payload.text).length <= 40)).toBe(true);
    expect(parts.map((m) => m.payload.text).join('\n')).toBe(`${text.replace(/\*\*/g, '')}\n1. Có\n2. Không`);
    expect(parts.at(-1)!.payload).toMatchObject({ choices: [{ label: 'Có', data: 'cf:1:y' }, { label: 'Không', data: 'cf:1:n' }], question: true });
    expect(parts.slice(0, -1).every((m) => !('choices' in m.payload) && !('question' in m.payload))).toBe(true);
    expect(toConsoleMessages({ text: 'a **b**' }, { ansi: true })[0]!.payload.text).toBe('a \x1b[1mb\x1b[22m');
  });
});
