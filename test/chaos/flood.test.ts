// A flood in one group, broken update ids from the Bot API, and a stop with a long backlog.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHandled } from '../../src/db/queries/inbox.js';
import { registerOfficer, startHarness, type Harness } from '../support/harness.js';
import { groupChat, message, OFFICER, type TgUser } from '../support/updates.js';

const GROUP = groupChat(-1007000000001, 'Sở Y tế — KH457');
const MEMBER: TgUser = { id: 900777, is_bot: false, first_name: 'Ồn', last_name: 'Ào' };
// Telegram's group limit scaled down (4 a second instead of 20 a minute) so the test stays short.
const LIMITS = { perChatGapMs: 20, groupWindowMs: 1000, groupMaxInWindow: 4, globalGapMs: 0 };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ limits: LIMITS });
  await registerOfficer(h, OFFICER, 'Sở Y tế');
  await h.send(message('/lienket Sở Y tế', { from: OFFICER, chat: GROUP }));
});
afterAll(() => h?.close());

const sql = (q: string, ...a: unknown[]) => h.app.db.$client.prepare(q).all(...a) as Array<Record<string, unknown>>;

describe('a flood in one group', () => {
  it('does not hold back another officer’s report, and the flood’s view commands go mostly unanswered', async () => {
    const before = h.stub.calls.length;
    const flood = Array.from({ length: 60 }, () => h.stub.push(message('/nv II.3', { from: MEMBER, chat: GROUP })));
    const report = await h.send(message('/capnhat III.1.3 đang 40% Đã có dự thảo', { from: OFFICER, chat: GROUP }));
    // The report is saved and answered while the flood is still being worked through or dropped.
    expect(sql("select agency_code, percent from updates where task_code = 'III.1.3'")).toEqual([{ agency_code: 'SYT', percent: 40 }]);
    const answered = report.filter((c) => c.method === 'sendMessage' && String(c.payload.text).includes('III.1.3'));
    expect(answered.length).toBeGreaterThanOrEqual(1);
    const floodAnswersBeforeReport = h.stub.calls
      .slice(before, h.stub.calls.indexOf(answered[0]!))
      .filter((c) => c.method === 'sendMessage' && String(c.payload.text).includes('Nhiệm vụ II.3')).length;
    expect(floodAnswersBeforeReport).toBeLessThan(10);
    // Every flood update is handled (none left to replay), most without an answer.
    const deadline = Date.now() + 20_000;
    while (!flood.every((u) => isHandled(h.app.db, u.update_id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await h.app.dispatcher.idle();
    const floodAnswers = h.stub.calls.slice(before).filter((c) => c.method === 'sendMessage' && String(c.payload.text).includes('Nhiệm vụ II.3')).length;
    expect(floodAnswers).toBeLessThan(15);
    expect(flood.every((u) => isHandled(h.app.db, u.update_id))).toBe(true);
  });
});

describe('many questions in a private chat', () => {
  it('are all answered: dropping is only for groups, where others share the limit', async () => {
    const before = h.stub.calls.length;
    const asked = Array.from({ length: 20 }, () => h.stub.push(message('/nv II.3', { from: MEMBER })));
    const deadline = Date.now() + 20_000;
    while (!asked.every((u) => isHandled(h.app.db, u.update_id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await h.app.dispatcher.idle();
    const answers = h.stub.calls.slice(before).filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === MEMBER.id && String(c.payload.text).includes('Nhiệm vụ II.3'));
    expect(answers).toHaveLength(20);
  });
});

describe('update ids the inbox cannot key on', () => {
  it('are ignored, and the real update with the same number is not lost', async () => {
    h.stub.push({ update_id: '7100001', ...message('/nv II.3', { from: MEMBER }) });
    h.stub.push({ update_id: -3, ...message('/nv II.3', { from: MEMBER }) });
    h.stub.push({ update_id: 7100000.5, ...message('/nv II.3', { from: MEMBER }) });
    await h.send({ update_id: 7100001, ...message('/kiennghi III.1.3 Đề nghị thật', { from: OFFICER }) });
    expect(sql("select text from proposals where text = 'Đề nghị thật'")).toHaveLength(1);
    expect(sql('select count(*) n from inbox where update_id < 0 or update_id != cast(update_id as integer) or typeof(update_id) != \'integer\'')).toEqual([{ n: 0 }]);
  });
});

describe('stopping with a long backlog', () => {
  it('returns after what is running, leaves the rest in the inbox, and the next start handles each once', async () => {
    const pushed = Array.from({ length: 20 }, (_, i) => h.stub.push(message(`/kiennghi III.1.3 Đề nghị số ${i}`, { from: OFFICER, chat: GROUP })));
    while (!isHandled(h.app.db, pushed[0]!.update_id)) await new Promise((r) => setTimeout(r, 5)); // the bot has started on them
    await h.app.stop();
    const db = new Database(h.config.databasePath, { readonly: true });
    const left = (db.prepare('select count(*) n from inbox where handled_at is null').get() as { n: number }).n;
    db.close();
    expect(left).toBeGreaterThan(0);
    await h.restart();
    const deadline = Date.now() + 60_000;
    while (!pushed.every((u) => isHandled(h.app.db, u.update_id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await h.app.dispatcher.idle();
    expect(sql("select count(*) n, count(distinct text) d from proposals where text like 'Đề nghị số %'")).toEqual([{ n: 20, d: 20 }]);
  }, 90_000);
});
