// Irreversible actions are asked first; group links change only by those the group belongs to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../support/bot-api-stub.js';
import { registerOfficer, startHarness, type Harness } from '../support/harness.js';
import { callback, COORDINATOR, edited, groupChat, message, OFFICER, type TgUser } from '../support/updates.js';

let h: Harness;
const SCT_OFFICER: TgUser = { id: 900201, is_bot: false, first_name: 'Hoa', last_name: 'Lê', username: 'hoa_sct' };
const SYT_GROUP = groupChat(-1005000000001, 'Sở Y tế <b>KH457</b>');
const COORD_GROUP = groupChat(-1005000000002, 'Sở KH&CN — điều phối');

beforeAll(async () => {
  h = await startHarness();
  await registerOfficer(h, OFFICER, 'Sở Y tế');
  await registerOfficer(h, SCT_OFFICER, 'Sở Công Thương');
  await h.send(message('/lienket dieuphoi', { from: COORDINATOR, chat: COORD_GROUP }));
});
afterAll(() => h?.close());

const sql = (q: string, ...args: unknown[]) => h.app.db.$client.prepare(q).all(...args) as Array<Record<string, unknown>>;
const binding = (id: number) => sql('select agency_code, is_coordination from chats where id = ?', id)[0];
const sent = (calls: RecordedCall[]) => calls.filter((c) => ['sendMessage', 'editMessageText'].includes(c.method) && c.outcome === 'ok');
const textTo = (calls: RecordedCall[], chatId: number) => sent(calls).filter((c) => Number(c.payload.chat_id) === chatId).map((c) => String(c.payload.text)).join('\n');
const answers = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'answerCallbackQuery').map((c) => String(c.payload.text ?? ''));
const buttonsOf = (calls: RecordedCall[]) => sent(calls).flatMap((c) => c.payload.reply_markup?.inline_keyboard?.flat() ?? []) as Array<{ text: string; callback_data: string }>;

describe('linking a group', () => {
  it('an officer links an unlinked group of their agency at once; the coordinators are told, the title escaped', async () => {
    const calls = await h.send(message('/lienket Sở Y tế', { from: OFFICER, chat: SYT_GROUP }));
    expect(textTo(calls, SYT_GROUP.id)).toContain('đã được gắn với <b>Sở Y tế</b>');
    expect(binding(SYT_GROUP.id)).toEqual({ agency_code: 'SYT', is_coordination: 0 });
    expect(textTo(calls, COORD_GROUP.id)).toContain('Nhóm «Sở Y tế &lt;b&gt;KH457&lt;/b&gt;» đã được gắn với <b>Sở Y tế</b> (do Minh Trần)');
  });

  it('an officer of another agency cannot re-link it, and nothing changes', async () => {
    const calls = await h.send(message('/lienket Sở Công Thương', { from: SCT_OFFICER, chat: SYT_GROUP }));
    expect(textTo(calls, SYT_GROUP.id)).toContain('Nhóm này đang gắn với <b>Sở Y tế</b>. Chỉ Sở KH&amp;CN hoặc cán bộ đầu mối của Sở Y tế mới thay đổi được.');
    expect(binding(SYT_GROUP.id)).toEqual({ agency_code: 'SYT', is_coordination: 0 });
    expect(textTo(calls, COORD_GROUP.id)).toBe('');
  });

  it('nobody but a coordinator makes or unmakes the coordination group', async () => {
    expect(textTo(await h.send(message('/lienket dieuphoi', { from: OFFICER, chat: SYT_GROUP })), SYT_GROUP.id)).toContain('Chỉ điều phối viên Sở KH&amp;CN mới đặt hoặc thay đổi nhóm điều phối');
    expect(textTo(await h.send(message('/lienket Sở Y tế', { from: OFFICER, chat: COORD_GROUP })), COORD_GROUP.id)).toContain('Chỉ điều phối viên Sở KH&amp;CN mới đặt hoặc thay đổi nhóm điều phối');
    expect(binding(COORD_GROUP.id)).toEqual({ agency_code: null, is_coordination: 1 });
    expect(binding(SYT_GROUP.id)).toEqual({ agency_code: 'SYT', is_coordination: 0 });
  });

  it('a change is asked first, only its author can confirm, once; the group and the coordinators are told', async () => {
    const asked = await h.send(message('/lienket Sở Công Thương', { from: COORDINATOR, chat: SYT_GROUP }));
    expect(textTo(asked, SYT_GROUP.id)).toContain('Nhóm này đang gắn với <b>Sở Y tế</b>. Chuyển sang <b>Sở Công Thương</b>?');
    expect(binding(SYT_GROUP.id)).toEqual({ agency_code: 'SYT', is_coordination: 0 });
    const [yes, no] = buttonsOf(asked);
    expect(yes!.text).toBe('✅ Chuyển');
    expect(no!.text).toBe('✖️ Hủy');
    expect(answers(await h.send(callback(yes!.callback_data, { from: OFFICER, chat: SYT_GROUP })))).toEqual(['Chỉ người đã gõ lệnh mới xác nhận được.']);
    expect(binding(SYT_GROUP.id)).toEqual({ agency_code: 'SYT', is_coordination: 0 });
    const done = await h.send(callback(yes!.callback_data, { from: COORDINATOR, chat: SYT_GROUP }));
    expect(binding(SYT_GROUP.id)).toEqual({ agency_code: 'SCT', is_coordination: 0 });
    expect(textTo(done, SYT_GROUP.id)).toContain('Nhóm này nay gắn với <b>Sở Công Thương</b> (do Thảo Nguyễn xác nhận)');
    expect(textTo(done, COORD_GROUP.id)).toContain('Nhóm «Sở Y tế &lt;b&gt;KH457&lt;/b&gt;» đã được chuyển sang gắn với <b>Sở Công Thương</b>');
    expect(answers(await h.send(callback(yes!.callback_data, { from: COORDINATOR, chat: SYT_GROUP })))).toEqual(['Việc này đã được xác nhận và thực hiện rồi.']);
    expect(answers(await h.send(callback(no!.callback_data, { from: COORDINATOR, chat: SYT_GROUP })))).toEqual(['Việc này đã được xác nhận và thực hiện rồi.']);
  });

  it('cancelling changes nothing; a forged id is refused', async () => {
    const asked = await h.send(message('/lienket Sở Y tế', { from: SCT_OFFICER, chat: SYT_GROUP }));
    // Sở Công Thương's officer may leave their own group but not go to another agency.
    expect(textTo(asked, SYT_GROUP.id)).toContain('Chỉ điều phối viên Sở KH&amp;CN hoặc cán bộ đầu mối đã được duyệt của Sở Y tế');
    const again = await h.send(message('/lienket Sở Y tế', { from: COORDINATOR, chat: SYT_GROUP }));
    const [, no] = buttonsOf(again);
    await h.send(callback(no!.callback_data, { from: COORDINATOR, chat: SYT_GROUP }));
    expect(binding(SYT_GROUP.id)).toEqual({ agency_code: 'SCT', is_coordination: 0 });
    expect(answers(await h.send(callback('cf:999999:y', { from: COORDINATOR })))).toEqual(['Nút này không còn hiệu lực.']);
  });
});

describe('revoking an officer', () => {
  it('/canbo buttons name the agency; revoking is asked, then done once, and the officer is told', async () => {
    const list = await h.send(message('/canbo', { from: COORDINATOR }));
    const revoke = buttonsOf(list).find((b) => b.text.includes('Minh (Sở Y tế)'))!;
    expect(revoke.callback_data).toMatch(/^of:v:\d+$/);
    const asked = await h.send(callback(revoke.callback_data, { from: COORDINATOR }));
    expect(textTo(asked, COORDINATOR.id)).toContain('Thu hồi quyền cán bộ đầu mối của <b>Minh Trần</b> (Sở Y tế)?');
    const status = () => sql("select status from officers where user_id = ? and agency_code = 'SYT'", OFFICER.id)[0]!.status;
    expect(status()).toBe('approved');
    const [yes] = buttonsOf(asked);
    const done = await h.send(callback(yes!.callback_data, { from: COORDINATOR }));
    expect(status()).toBe('revoked');
    expect(textTo(done, COORDINATOR.id)).toContain('Đã thu hồi quyền cán bộ đầu mối của Minh Trần (Sở Y tế)');
    const told = done.filter((c) => c.method === 'sendMessage' && String(c.payload.text).includes('đã được thu hồi'));
    expect(told).toHaveLength(1);
    await h.send(callback(yes!.callback_data, { from: COORDINATOR }));
    expect(sql("select count(*) n from outbox where kind = 'decision' and payload like '%thu hồi%'")[0]!.n).toBe(1);
  });
});

describe('coordinating agencies report too', () => {
  it('Sở Y tế reports on III.1.1 as one of "Các Sở, ngành liên quan"; the line is shown apart and does not decide the task', async () => {
    const officer = { id: 900401, is_bot: false, first_name: 'Lan', last_name: 'Võ' };
    await registerOfficer(h, officer, 'Sở Y tế');
    const reply = (await h.ask(message('/capnhat III.1.1 xong Đã góp ý dự thảo đề án', { from: officer }))).join('\n');
    expect(reply).toContain('III.1.1');
    expect(sql("select agency_code, status from updates where task_code = 'III.1.1'")).toEqual([{ agency_code: 'SYT', status: 'done' }]);
    const task = (await h.ask(message('/nv III.1.1', { from: officer }))).join('\n');
    expect(task).toContain('Sở Y tế <i>(phối hợp)</i>: ✅ Hoàn thành');
    const status = (await h.ask(message('/tinhhinh III.1.1', { from: COORDINATOR }))).join('\n');
    expect(status).toContain('Sở Y tế</b> <i>(phối hợp)</i>');
    // The lead (Sở NN&MT) has not reported: the task is not done because a coordinator finished its part.
    expect(status).toContain('Sở NN&amp;MT</b>: ⚪');
    expect(status).not.toMatch(/✅ Hoàn thành · <code>/);
  });
  it('an agency named nowhere on a task, and not a department, still cannot report on it', async () => {
    expect(sql("select count(*) n from updates where task_code = 'IV.2'")).toEqual([{ n: 0 }]);
    const officer = { id: 900402, is_bot: false, first_name: 'Tú', last_name: 'Ngô' };
    await registerOfficer(h, officer, 'Sở Y tế');
    // IV.2's coordinating cell names no department group.
    expect((await h.ask(message('/capnhat IV.2 đang 10% x', { from: officer }))).join()).toContain('IV.2');
    expect(sql("select count(*) n from updates where task_code = 'IV.2'")).toEqual([{ n: 0 }]);
  });
});

describe('a revoked officer', () => {
  it('can no longer edit or withdraw what they reported', async () => {
    const officer = { id: 900403, is_bot: false, first_name: 'Bình', last_name: 'Phạm' };
    await registerOfficer(h, officer, 'Sở Y tế');
    const original = message('/capnhat III.1.3 đang 40% Đã có dự thảo', { from: officer });
    const saved = await h.send(original);
    const undoButton = buttonsOf(saved).find((b) => b.callback_data.startsWith('un:'))!;
    const list = await h.send(message('/canbo Sở Y tế', { from: COORDINATOR }));
    const revoke = buttonsOf(list).find((b) => b.text.includes('Bình'))!;
    const [yes] = buttonsOf(await h.send(callback(revoke.callback_data, { from: COORDINATOR })));
    await h.send(callback(yes!.callback_data, { from: COORDINATOR }));
    const row = () => sql("select status, percent, note, withdrawn_at from updates where user_id = ?", officer.id);
    const before = row();
    const editReply = (await h.send(edited(original, '/capnhat III.1.3 xong Đã ban hành'))).map((c) => String(c.payload.text ?? '')).join();
    expect(editReply).toContain('không còn là cán bộ đầu mối');
    expect(answers(await h.send(callback(undoButton.callback_data, { from: officer })))).toEqual([
      'Bạn không còn là cán bộ đầu mối của cơ quan này nên không rút lại được báo cáo. Liên hệ Sở KH&CN nếu cần.',
    ]);
    // /huy does not offer what the press would refuse: it says so at once.
    const huy = (await h.send(message('/huy', { from: officer }))).map((c) => String(c.payload.text ?? '')).join();
    expect(huy).toContain('Bạn không còn là cán bộ đầu mối của cơ quan này nên không rút lại được báo cáo.');
    expect(huy).not.toContain('Rút lại báo cáo này?');
    expect(row()).toEqual(before);
    expect(sql('select count(*) n from update_revisions r join updates u on u.id = r.update_id where u.user_id = ?', officer.id)).toEqual([{ n: 0 }]);
  });
});

describe('edits that cannot be applied are said so', () => {
  it('an edit moving a report to another task changes nothing, and says why', async () => {
    const officer = { id: 900404, is_bot: false, first_name: 'Cúc', last_name: 'Đỗ' };
    await registerOfficer(h, officer, 'Sở Y tế');
    const original = message('/capnhat III.1.3 đang 40% Đã trình dự thảo', { from: officer });
    await h.send(original);
    const row = () => sql('select task_code, status, percent, note from updates where user_id = ?', officer.id);
    const before = row();
    const reply = (await h.send(edited(original, '/capnhat IV.2 xong Đã ban hành'))).map((c) => String(c.payload.text ?? '')).join();
    expect(reply).toContain('là cập nhật của nhiệm vụ III.1.3, không chuyển sang IV.2');
    expect(row()).toEqual(before);
  });
  it('an edit of a refused /capnhat says nothing was recorded', async () => {
    const refused = message('/capnhat III.1.3 đang 150% quá', { from: { id: 900404, is_bot: false, first_name: 'Cúc', last_name: 'Đỗ' } });
    await h.send(refused);
    const reply = (await h.send(edited(refused, '/capnhat III.1.3 đang 50% sửa'))).map((c) => String(c.payload.text ?? '')).join();
    expect(reply).toContain('Bản sửa này không được ghi nhận');
  });
});
