// Due dates set with /hanchot: seen on every view and in reminders, counted overdue once passed,
// told to the agencies concerned exactly once, and confirmed when later than the report date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReminders } from '../../src/jobs/reminders.js';
import type { RecordedCall } from '../support/bot-api-stub.js';
import { registerOfficer, startHarness, type Harness } from '../support/harness.js';
import { seedUpdate, vn } from '../support/seed.js';
import { callback, COORDINATOR, groupChat, message, OFFICER, type TgUser } from '../support/updates.js';

let h: Harness;
let clock = vn(2026, 11, 29, 10); // Sunday 29/11/2026
const SYT_GROUP = groupChat(-1004000000001, 'Sở Y tế — KH457');
const CAT_GROUP = groupChat(-1004000000002, 'Công an tỉnh — KH457');
const SCT_OFFICER: TgUser = { id: 900501, is_bot: false, first_name: 'Lộc', last_name: 'Phạm' };

beforeAll(async () => {
  h = await startHarness({ now: () => clock });
  const db = h.app.db;
  seedUpdate(db, { task: 'II.3', agency: 'SCT', status: 'in_progress', percent: 40, note: 'Hội chợ', at: vn(2026, 3, 1) });
  seedUpdate(db, { task: 'I.3', agency: 'SKHCN', status: 'done', note: 'Đã tuyên truyền', at: vn(2026, 4, 10) });
  await h.send(message('/lienket Sở Y tế', { from: COORDINATOR, chat: SYT_GROUP }));
  await h.send(message('/lienket Công an tỉnh', { from: COORDINATOR, chat: CAT_GROUP }));
  // Sở Y tế's officer has a private chat too, but the agency's group is where it is told.
  await h.send(message('/start', { from: OFFICER }));
  await registerOfficer(h, OFFICER, 'Sở Y tế');
  // Sở Công Thương has no linked group: its officer is told privately.
  await h.send(message('/start', { from: SCT_OFFICER }));
  await registerOfficer(h, SCT_OFFICER, 'Sở Công Thương');
});
afterAll(() => h?.close());

const ask = async (text: string, from = COORDINATOR) => (await h.ask(message(text, { from }))).join('\n');
const sql = (q: string, ...p: unknown[]) => h.app.db.$client.prepare(q).all(...p) as Array<Record<string, unknown>>;
const textsTo = (calls: RecordedCall[], chatId: number) =>
  calls.filter((c) => c.method === 'sendMessage' && c.outcome === 'ok' && Number(c.payload.chat_id) === chatId).map((c) => String(c.payload.text));
const alertOf = (calls: RecordedCall[]) => String(calls.find((c) => c.method === 'answerCallbackQuery')?.payload.text ?? '');
const dueRow = (code: string) => sql('select due_date, set_by from deadlines where task_code = ? and year = 2026', code);

describe('/hanchot set, then moved', () => {
  it('tells each lead agency, in its group or its officers privately, with the old and the new date', async () => {
    const set = await h.send(message('/hanchot V.4 15/11/2026', { from: COORDINATOR }));
    const reply = textsTo(set, COORDINATOR.id).join('\n');
    expect(reply).toContain('Đã đặt hạn cho V.4 năm 2026: <b>15/11/2026</b>.');
    // V.4 is led by Sở Công Thương, Sở Y tế and Sở NN&MT (registry order).
    expect(reply).toContain('Đã báo: Sở Công Thương (1 cán bộ đầu mối, tin riêng); Sở Y tế (1 nhóm đã liên kết).');
    expect(reply).toContain('Chưa báo được: Sở NN&amp;MT');

    const [toGroup, ...moreGroup] = textsTo(set, SYT_GROUP.id);
    expect(moreGroup).toEqual([]);
    expect(toGroup).toContain('Hạn nhiệm vụ V.4 năm 2026</b> — Sở Y tế');
    expect(toGroup).toContain('Sở KH&amp;CN đặt hạn: <b>15/11/2026</b> (trước đây: hạn báo cáo chung 10/12/2026)');
    expect(toGroup).toContain('Người đặt: Thảo Nguyễn');
    const [toSct, ...moreSct] = textsTo(set, SCT_OFFICER.id);
    expect(moreSct).toEqual([]);
    expect(toSct).toContain('Hạn nhiệm vụ V.4 năm 2026</b> — Sở Công Thương');
    expect(toSct).toContain('<b>15/11/2026</b>');
    // Not the Sở Y tế officer privately (the group was told), not another agency's group.
    expect(textsTo(set, OFFICER.id)).toEqual([]);
    expect(textsTo(set, CAT_GROUP.id)).toEqual([]);

    const moved = await h.send(message('/hanchot V.4 05/12/2026', { from: COORDINATOR }));
    expect(textsTo(moved, COORDINATOR.id).join('\n')).toContain('Đã dời hạn V.4 năm 2026 từ 15/11/2026 sang <b>05/12/2026</b>.');
    const groupMoved = textsTo(moved, SYT_GROUP.id);
    expect(groupMoved).toHaveLength(1);
    expect(groupMoved[0]).toContain('Dời hạn nhiệm vụ V.4 năm 2026');
    expect(groupMoved[0]).toContain('Hạn mới: <b>05/12/2026</b> (hạn cũ: 15/11/2026)');
    const sctMoved = textsTo(moved, SCT_OFFICER.id);
    expect(sctMoved).toHaveLength(1);
    expect(sctMoved[0]).toContain('Hạn mới: <b>05/12/2026</b> (hạn cũ: 15/11/2026)');
    expect(textsTo(moved, OFFICER.id)).toEqual([]);
    expect(textsTo(moved, CAT_GROUP.id)).toEqual([]);
    expect(dueRow('V.4')).toEqual([{ due_date: '2026-12-05', set_by: COORDINATOR.id }]);
  });

  it('the same date again changes nothing and tells nobody', async () => {
    const again = await h.send(message('/hanchot V.4 05/12/2026', { from: COORDINATOR }));
    expect(textsTo(again, COORDINATOR.id).join()).toContain('đã là 05/12/2026; không có gì thay đổi');
    expect(textsTo(again, SYT_GROUP.id)).toEqual([]);
    expect(textsTo(again, SCT_OFFICER.id)).toEqual([]);
  });

  it('refuses impossible dates and other people', async () => {
    expect(await ask('/hanchot V.4 31/11/2026')).toContain('Cú pháp: <code>/hanchot II.3 30/06/2026</code>');
    expect(await ask('/hanchot V.4 2026-12-01')).toContain('Cú pháp');
    expect(await ask('/hanchot V.4')).toContain('Cú pháp');
    expect(await ask('/hanchot V.4 01/12/2026', OFFICER)).toContain('Chỉ điều phối viên');
    expect(dueRow('V.4')).toEqual([{ due_date: '2026-12-05', set_by: COORDINATOR.id }]);
  });
});

describe('a passed deadline with no report is overdue everywhere', () => {
  beforeAll(async () => {
    await ask('/hanchot III.1.3 30/06/2026'); // Sở Y tế, never reported
    await ask('/hanchot II.3 31/10/2026'); // Sở Công Thương, in progress
    await ask('/hanchot I.3 31/03/2026'); // done on 10/04: late, not overdue
  });

  it('/tinhhinh counts them and lists their codes', async () => {
    const t = await ask('/tinhhinh');
    expect(t).toContain('⏰ Quá hạn: <b>2</b> nhiệm vụ — II.3, III.1.3');
    expect(t).toContain('Hoàn thành quá hạn: <b>1</b>');
    const section = await ask('/tinhhinh III');
    expect(section).toMatch(/<b>III\.1\.3<\/b> ⬜ —[^\n]*⏰/); // not started, still overdue
    expect(section).not.toMatch(/<b>III\.1\.4<\/b>[^\n]*⏰/);
    expect(await ask('/tinhhinh III.1.3')).toContain('Hạn: 30/06/2026 — Chưa thực hiện ⏰ quá hạn');
    // In progress past its date: the category says "quá hạn" already, once is enough.
    const inProgress = await ask('/tinhhinh II.3');
    expect(inProgress).toContain('Hạn: 31/10/2026 — Đang thực hiện quá hạn\n');
    expect(inProgress).not.toContain('quá hạn ⏰ quá hạn');
  });

  it('/tinhhinh for an agency shows each task’s due date and marks the overdue ones', async () => {
    for (const t of [await ask('/tinhhinh', OFFICER), await ask('/tinhhinh Sở Y tế')]) {
      expect(t).toMatch(/<b>III\.1\.3<\/b>[^\n]*\n\s+⚪ Chưa có cập nhật năm nay · hạn 30\/06\/2026 ⏰ quá hạn/);
      expect(t).toMatch(/<b>V\.4<\/b>[^\n]*\n[^\n]*· hạn 05\/12\/2026\n/);
      expect(t).toMatch(/<b>II\.1<\/b>[^\n]*\n[^\n]*· hạn 10\/12\/2026\n/);
      expect(t).toContain('⏰ Quá hạn (1): III.1.3');
    }
  });

  it('/viectoi gives each task its due date and marks the overdue lines', async () => {
    const t = await ask('/viectoi', OFFICER);
    expect(t).toMatch(/<b>III\.1\.3<\/b>[^\n]*\n\s+⚪ Chưa có cập nhật năm nay\n\s+hạn 30\/06\/2026 ⏰ quá hạn/);
    expect(t).toMatch(/<b>V\.4<\/b>[^\n]*\n[^\n]*\n\s+hạn 05\/12\/2026\n/);
    expect(t).toContain('⏰ Quá hạn (1): III.1.3');
    const sct = await ask('/viectoi', SCT_OFFICER);
    expect(sct).toMatch(/<b>II\.3<\/b>[^\n]*\n\s+🔄 Đang thực hiện \(40%\)[^\n]*\n\s+hạn 31\/10\/2026 ⏰ quá hạn/);
  });

  it('/nv shows the coordinator’s date, or the report date, and says when it is overdue', async () => {
    const set = await ask('/nv III.1.3');
    expect(set).toContain('Hạn: 30/06/2026 (do Sở KH&amp;CN đặt).');
    expect(set).toContain('⏰ <b>Quá hạn</b>');
    const inProgress = await ask('/nv II.3');
    expect(inProgress).toContain('Hạn: 31/10/2026 (do Sở KH&amp;CN đặt).');
    expect(inProgress).toMatch(/Sở Công Thương: 🔄 Đang thực hiện \(40%\)[^\n]*⏰ quá hạn/);
    const byDefault = await ask('/nv II.5');
    expect(byDefault).toContain('Hạn báo cáo: 10/12/2026');
    expect(byDefault).not.toContain('Quá hạn');
    expect(await ask('/nv I.3')).not.toContain('Quá hạn'); // done, if late
  });
});

describe('a deadline after 10/12 is confirmed first', () => {
  let question: RecordedCall;
  const buttons = () => question.payload.reply_markup.inline_keyboard.flat() as Array<{ text: string; callback_data: string }>;
  const press = (data: string, from = COORDINATOR) => h.send(callback(data, { from }));

  it('asks with buttons and saves nothing yet', async () => {
    const calls = await h.send(message('/hanchot IV.1 31/12/2026', { from: COORDINATOR }));
    question = calls.find((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === COORDINATOR.id)!;
    expect(String(question.payload.text)).toContain('muộn hơn ngày báo cáo năm 2026 (10/12/2026)');
    expect(buttons().map((b) => b.text)).toEqual(['✅ Xác nhận', '✖️ Hủy']);
    for (const b of buttons()) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    expect(dueRow('IV.1')).toEqual([]);
  });

  it('refuses a press by someone who is not a coordinator', async () => {
    const calls = await press(buttons()[0]!.callback_data, OFFICER);
    expect(alertOf(calls)).toContain('Chỉ điều phối viên');
    expect(dueRow('IV.1')).toEqual([]);
  });

  it('refuses a forged press', async () => {
    expect(alertOf(await press('dl:y:IX.9:20261231:-'))).toContain('Nút này không hợp lệ');
    expect(alertOf(await press('dl:y:IV.1:20261232:-'))).toContain('Nút này không hợp lệ');
    expect(dueRow('IV.1')).toEqual([]);
  });

  it('confirm saves once and tells once; a second press changes nothing', async () => {
    const first = await press(buttons()[0]!.callback_data);
    expect(textsTo(first, COORDINATOR.id).join()).toContain('Đã đặt hạn cho IV.1 năm 2026: <b>31/12/2026</b>.');
    expect(dueRow('IV.1')).toEqual([{ due_date: '2026-12-31', set_by: COORDINATOR.id }]);
    const notices = () => sql("select count(*) n from outbox where kind = 'deadline' and dedupe_key like 'deadline:%:SGDDT:%'")[0]!.n;
    const setAt = sql("select set_at from deadlines where task_code = 'IV.1'");
    const told = notices();
    const second = await press(buttons()[0]!.callback_data);
    expect(alertOf(second)).toContain('không có gì thay đổi');
    expect(textsTo(second, COORDINATOR.id)).toEqual([]);
    expect(sql("select set_at from deadlines where task_code = 'IV.1'")).toEqual(setAt);
    expect(notices()).toBe(told);
  });

  it('a question overtaken by another change is stale; cancel keeps the date', async () => {
    const calls = await h.send(message('/hanchot V.3 20/12/2026', { from: COORDINATOR }));
    const q = calls.find((c) => c.method === 'sendMessage')!.payload.reply_markup.inline_keyboard.flat() as Array<{ callback_data: string }>;
    await ask('/hanchot V.3 01/12/2026'); // someone sets another date meanwhile
    expect(alertOf(await press(q[0]!.callback_data))).toContain('đã thay đổi sau khi hỏi (nay: 01/12/2026)');
    expect(dueRow('V.3')).toEqual([{ due_date: '2026-12-01', set_by: COORDINATOR.id }]);
    const cancelled = await press(q[1]!.callback_data);
    expect(textsTo(cancelled, COORDINATOR.id).join()).toContain('Đã hủy. Hạn của V.3 giữ nguyên.');
    expect(dueRow('V.3')).toEqual([{ due_date: '2026-12-01', set_by: COORDINATOR.id }]);
  });
});

describe('exactly once', () => {
  it('replaying the same /hanchot update after a crash tells nobody twice', async () => {
    const update = { update_id: 660_001, ...message('/hanchot III.1.2 20/11/2026', { from: COORDINATOR }) };
    const first = await h.send(update);
    expect(textsTo(first, SCT_OFFICER.id)).toHaveLength(1);
    // As if the process died after the change was applied and before the answer went out.
    h.app.db.$client.prepare('update inbox set handled_at = null where update_id = 660001').run();
    const before = h.stub.calls.length;
    await h.restart(); // replays the unhandled update
    const replies = await h.stub.waitForMessages(1, before, COORDINATOR.id);
    await h.app.dispatcher.idle();
    await h.app.outbox.drained();
    expect(String(replies[0]!.payload.text)).toContain('Đã đặt hạn cho III.1.2 năm 2026: <b>20/11/2026</b>.');
    expect(String(replies[0]!.payload.text)).toContain('Đã báo: Sở Công Thương (1 cán bộ đầu mối, tin riêng).');
    expect(textsTo(h.stub.calls.slice(before), SCT_OFFICER.id)).toEqual([]);
    expect(sql("select count(*) n from outbox where dedupe_key like 'deadline:660001:%'")).toEqual([{ n: 1 }]);
    expect(dueRow('III.1.2')).toEqual([{ due_date: '2026-11-20', set_by: COORDINATOR.id }]);
  });
});

describe('reminders', () => {
  it('give each owed task its due date, overdue ones marked and first', async () => {
    clock = vn(2026, 11, 30, 9); // Monday
    const before = h.stub.calls.length;
    const run = runReminders(h.app.jobs, 'weekly');
    expect(run.reminded).toEqual(expect.arrayContaining(['SYT', 'SCT']));
    await h.app.outbox.drained();
    const [syt] = h.stub.calls.slice(before).filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === SYT_GROUP.id);
    const text = String(syt!.payload.text);
    expect(text).toContain('⏰ 1 nhiệm vụ đã quá hạn');
    const items = text.split('\n').filter((l) => l.startsWith('• '));
    expect(items.map((l) => /<b>([^<]+)<\/b>/.exec(l)![1])).toEqual(['III.1.3', 'I.1', 'II.1', 'II.5', 'V.4']); // I.1: led by "Các Sở, ban, ngành", each one's duty
    expect(items[0]).toMatch(/— hạn 30\/06\/2026 ⏰ quá hạn$/);
    expect(items[1]).toMatch(/— hạn 10\/12\/2026$/);
    expect(items[4]).toMatch(/— hạn 05\/12\/2026$/);
    const data = syt!.payload.reply_markup.inline_keyboard.flat().map((b: { callback_data: string }) => b.callback_data);
    expect(data).toEqual(['up:t:III.1.3', 'up:t:I.1', 'up:t:II.1', 'up:t:II.5', 'up:t:V.4']);
    // Sở Công Thương, privately: III.1.2 (due 20/11, unreported) first; II.3 was reported.
    const [sct] = h.stub.calls.slice(before).filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === SCT_OFFICER.id);
    const sctItems = String(sct!.payload.text).split('\n').filter((l) => l.startsWith('• '));
    expect(sctItems[0]).toMatch(/^• <b>III\.1\.2<\/b>.*— hạn 20\/11\/2026 ⏰ quá hạn$/);
    expect(sctItems.some((l) => l.includes('<b>II.3</b>'))).toBe(false);
  });
});
