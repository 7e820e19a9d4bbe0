// Focal officers reporting in chats, end to end: stand-in Bot API, real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../support/bot-api-stub.js';
import { registerOfficer, startHarness, type Harness } from '../support/harness.js';
import {
  botMessageRef,
  callback,
  COORDINATOR,
  document,
  edited,
  groupChat,
  message,
  OFFICER,
  STRANGER,
  type TgUser,
} from '../support/updates.js';

let h: Harness;
const SCT_OFFICER: TgUser = { id: 900201, is_bot: false, first_name: 'Hoa', last_name: 'Lê' };
const GROUP = groupChat(-1002000000001, 'Sở Y tế — KH457');

beforeAll(async () => {
  h = await startHarness();
  await approve(OFFICER, 'Sở Y tế');
  await approve(SCT_OFFICER, 'Sở Công Thương');
});
afterAll(() => h?.close());

const sql = <T = any>(q: string, ...args: unknown[]) => h.app.db.$client.prepare(q).all(...args) as T[];
const count = (q: string, ...args: unknown[]) => (h.app.db.$client.prepare(q).get(...args) as { n: number }).n;
const texts = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'sendMessage' && c.outcome === 'ok').map((c) => String(c.payload.text));
const sentMessages = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'sendMessage' && c.outcome === 'ok');
const updatesCount = () => count('select count(*) n from updates');

const approve = (user: TgUser, agency: string) => registerOfficer(h, user, agency);

describe('registration', () => {
  it('a request goes to the coordinator, approval is recorded and the officer told', async () => {
    const user: TgUser = { id: 900301, is_bot: false, first_name: 'Tâm' };
    const calls = await h.send(message('/dangky gd&đt', { from: user }));
    expect(texts(calls).join()).toContain('Sở Giáo dục và Đào tạo');
    const request = sentMessages(calls).find((c) => Number(c.payload.chat_id) === COORDINATOR.id)!;
    expect(request.payload.text).toContain('Tâm');
    const [ok, no] = request.payload.reply_markup.inline_keyboard[0];
    expect(no.callback_data).toMatch(/^of:r:/);
    // Only a coordinator can press it.
    const forged = await h.send(callback(ok.callback_data, { from: STRANGER }));
    expect(forged.find((c) => c.method === 'answerCallbackQuery')!.payload.text).toContain('điều phối viên');
    expect(sql('select status from officers where user_id = ?', user.id)).toEqual([{ status: 'pending' }]);
    const decided = await h.send(callback(ok.callback_data, { from: COORDINATOR }));
    expect(sql('select status, agency_code from officers where user_id = ?', user.id)).toEqual([{ status: 'approved', agency_code: 'SGDDT' }]);
    expect(texts(decided).some((t) => t.includes('Bạn đã được duyệt'))).toBe(true);
    // Pressing again is stale, not a second approval.
    const again = await h.send(callback(ok.callback_data, { from: COORDINATOR }));
    expect(again.find((c) => c.method === 'answerCallbackQuery')!.payload.text).toContain('đã được xử lý');
  });

  it('maps a plan agency that no longer exists to its successor', async () => {
    const user: TgUser = { id: 900302, is_bot: false, first_name: 'Phúc' };
    const t = texts(await h.send(message('/dangky Sở NN&PTNT', { from: user }))).join();
    expect(t).toContain('nay là «Sở Nông nghiệp và Môi trường»');
    expect(sql('select agency_code from officers where user_id = ?', user.id)).toEqual([{ agency_code: 'SNNMT' }]);
  });

  it('asks which successor when the agency was split, and refuses groups', async () => {
    const user: TgUser = { id: 900303, is_bot: false, first_name: 'Quân' };
    const calls = await h.send(message('/dangky LĐTBXH', { from: user }));
    const buttons = sentMessages(calls)[0]!.payload.reply_markup.inline_keyboard.flat().map((b: any) => b.callback_data);
    expect(buttons).toEqual(['rg:SNV', 'rg:SGDDT', 'rg:SYT']);
    expect(texts(await h.send(message('/dangky Các Sở, ban, ngành', { from: user }))).join()).toContain('nhóm cơ quan');
    expect(count('select count(*) n from officers where user_id = ?', user.id)).toBe(0);
  });

  it('lists officers for coordinators only', async () => {
    expect(texts(await h.send(message('/canbo', { from: COORDINATOR }))).join()).toContain('Minh Trần');
    expect(texts(await h.send(message('/canbo', { from: OFFICER }))).join()).toContain('Chỉ điều phối viên');
  });
});

describe('reporting by command', () => {
  it('records status, percent and note, and confirms', async () => {
    const note = 'Đã xây dựng dự thảo <b>đề án</b> & gửi lấy ý kiến 🌿';
    const cmd = message(`/capnhat III.1.3 đang 40% ${note}`);
    const calls = await h.send(cmd);
    const reply = texts(calls).join('\n');
    expect(reply).toContain('Đã ghi nhận cập nhật nhiệm vụ III.1.3');
    expect(reply).toContain('Đang thực hiện (40%)');
    expect(reply).toContain('Đã xây dựng dự thảo &lt;b&gt;đề án&lt;/b&gt; &amp; gửi lấy ý kiến 🌿');
    const [row] = sql('select * from updates where message_id = ?', cmd.message.message_id);
    expect(row).toMatchObject({
      task_code: 'III.1.3', agency_code: 'SYT', year: 2026, user_id: OFFICER.id, chat_id: OFFICER.id,
      via: 'command', status: 'in_progress', percent: 40, note,
    });
  });

  it('accepts English status words and a 4,000-character note, split into valid messages', async () => {
    const note = 'Kết quả: '.concat('x'.repeat(3990));
    const calls = await h.send(message(`/update III.1.3 doing 55% ${note}`));
    for (const t of texts(calls)) expect(t.length).toBeLessThanOrEqual(4096);
    expect(sql('select note from updates order by id desc limit 1')[0].note).toBe(note);
  });

  it('refuses an unregistered user and an officer of another agency, changing nothing', async () => {
    const before = updatesCount();
    expect(texts(await h.send(message('/capnhat II.3 xong Đã xong', { from: STRANGER }))).join()).toContain('/dangky');
    // IV.2 names no department group among its coordinating agencies: Sở Y tế holds no part of it.
    expect(texts(await h.send(message('/capnhat IV.2 xong Đã xong'))).join()).toContain('không do cơ quan của bạn (Sở Y tế)');
    expect(updatesCount()).toBe(before);
  });

  it('refuses bad percentages and empty notes, changing nothing', async () => {
    const before = updatesCount();
    expect(texts(await h.send(message('/capnhat III.1.3 đang 150% quá'))).join()).toContain('từ 0 đến 100');
    expect(texts(await h.send(message('/capnhat III.1.3 đang -5% âm'))).join()).toContain('từ 0 đến 100');
    expect(texts(await h.send(message('/capnhat II.99 xong abc'))).join()).toContain('Không có nhiệm vụ mã «II.99»');
    expect(updatesCount()).toBe(before);
  });

  it('a status without a note asks for the note as a reply', async () => {
    const calls = await h.send(message('/capnhat III.1.3 xong'));
    const prompt = sentMessages(calls)[0]!;
    expect(prompt.payload.reply_markup.force_reply).toBe(true);
    const before = updatesCount();
    await h.send(message('Đã trình UBND tỉnh', { replyTo: botMessageRef(OFFICER.id, prompt.result.message_id) }));
    expect(updatesCount()).toBe(before + 1);
    expect(sql('select status, percent, via from updates order by id desc limit 1')[0]).toEqual({ status: 'done', percent: 100, via: 'button' });
  });

  it('anonymous admins and channels cannot report', async () => {
    const anon = message('/capnhat III.1.3 xong abc', { from: { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' }, chat: GROUP });
    (anon.message as any).sender_chat = { id: GROUP.id, type: 'supergroup', title: GROUP.title };
    const before = updatesCount();
    expect(texts(await h.send(anon)).join()).toContain('ẩn danh');
    expect(updatesCount()).toBe(before);
  });
});

describe('reporting by buttons', () => {
  it('task → status → reply with the note', async () => {
    const list = await h.send(message('/capnhat'));
    const taskButtons = sentMessages(list)[0]!.payload.reply_markup.inline_keyboard.flat().map((b: any) => b.callback_data);
    expect(taskButtons).toContain('up:t:III.1.3');
    expect(taskButtons).not.toContain('up:t:II.3');
    const statuses = await h.send(callback('up:t:III.1.3'));
    const statusButtons = sentMessages(statuses)[0]!.payload.reply_markup.inline_keyboard.flat().map((b: any) => b.callback_data);
    expect(statusButtons).toEqual(expect.arrayContaining(['up:s:III.1.3:p', 'up:s:III.1.3:d', 'up:s:III.1.3:b', 'up:s:III.1.3:n']));
    const promptCalls = await h.send(callback('up:s:III.1.3:b'));
    const prompt = sentMessages(promptCalls)[0]!;
    expect(prompt.payload.text).toContain('trả lời tin này');
    const before = updatesCount();
    const reply = await h.send(message('Thiếu kinh phí năm 2026', { replyTo: botMessageRef(OFFICER.id, prompt.result.message_id) }));
    expect(texts(reply).join()).toContain('Gặp vướng mắc');
    expect(updatesCount()).toBe(before + 1);
    expect(sql('select status, via, note from updates order by id desc limit 1')[0]).toEqual({ status: 'blocked', via: 'button', note: 'Thiếu kinh phí năm 2026' });
  });

  it('re-checks every press: strangers, other agencies and forged data change nothing', async () => {
    const before = updatesCount();
    const stranger = await h.send(callback('up:s:III.1.3:d', { from: STRANGER }));
    expect(stranger.find((c) => c.method === 'answerCallbackQuery')!.payload.text).toContain('chưa là cán bộ đầu mối');
    const other = await h.send(callback('up:t:IV.2'));
    expect(other.find((c) => c.method === 'answerCallbackQuery')!.payload.text).toContain('không do cơ quan của bạn');
    const forged = await h.send(callback('up:s:II.99:d'));
    expect(forged.find((c) => c.method === 'answerCallbackQuery')!.payload.text).toContain('không hợp lệ');
    const garbage = await h.send(callback('up:s:III.1.3:zz'));
    expect(garbage.find((c) => c.method === 'answerCallbackQuery')!.payload.text).toContain('Nút này đã cũ');
    const notMine = await h.send(callback('up:c:SCT', { messageId: 424242 }));
    expect(notMine.find((c) => c.method === 'answerCallbackQuery')!.payload.text).toContain('dành cho người đã gửi');
    expect(updatesCount()).toBe(before);
  });
});

describe('reporting by replying to the bot', () => {
  it('a reply to /task records a note; a leading status word sets the status', async () => {
    const detail = sentMessages(await h.send(message('/nv III.1.3'))).at(-1)!;
    const ref = botMessageRef(OFFICER.id, detail.result.message_id);
    await h.send(message('Đã gửi Sở Tư pháp thẩm định', { replyTo: ref }));
    expect(sql('select status, via, note from updates order by id desc limit 1')[0]).toEqual({ status: null, via: 'reply', note: 'Đã gửi Sở Tư pháp thẩm định' });
    await h.send(message('Hoàn thành: UBND tỉnh đã ban hành', { replyTo: ref }));
    expect(sql('select status, percent, note from updates order by id desc limit 1')[0]).toEqual({ status: 'done', percent: 100, note: 'UBND tỉnh đã ban hành' });
  });

  it('refuses a whitespace-only reply and a reply from an officer of another agency', async () => {
    const detail = sentMessages(await h.send(message('/nv III.1.3'))).at(-1)!;
    const before = updatesCount();
    expect(texts(await h.send(message(' \n\t ', { replyTo: botMessageRef(OFFICER.id, detail.result.message_id) }))).join()).toContain('cần có nội dung');
    const sctDetail = sentMessages(await h.send(message('/nv IV.2', { from: SCT_OFFICER }))).at(-1)!;
    const reply = message('Chúng tôi cũng làm', { from: SCT_OFFICER, replyTo: botMessageRef(SCT_OFFICER.id, sctDetail.result.message_id) });
    expect(texts(await h.send(reply)).join()).toContain('không do cơ quan của bạn (Sở Công Thương)');
    expect(updatesCount()).toBe(before);
  });

  it('a document with an /update caption is attached as evidence and shown in history', async () => {
    const doc = document('/capnhat III.1.3 xong Báo cáo kèm theo');
    await h.send(doc);
    const [row] = sql('select u.id, a.file_id, a.file_name from updates u join attachments a on a.update_id = u.id where u.message_id = ?', doc.message.message_id);
    expect(row.file_id).toBe(doc.message.document.file_id);
    const history = texts(await h.send(message('/lichsu III.1.3'))).join('\n');
    expect(history).toContain('bao-cao-2026.pdf');
  });
});

describe('edits, undo and history', () => {
  it('editing the message records a revision; both versions are kept', async () => {
    const original = message('/capnhat III.1.3 đang 20% Bản đầu');
    await h.send(original);
    const [row] = sql('select id from updates where message_id = ?', original.message.message_id);
    const reply = texts(await h.send(edited(original, '/capnhat III.1.3 đang 30% Bản đã sửa'))).join();
    expect(reply).toContain('đã sửa');
    expect(sql('select percent, note, edited_at is not null as edited from updates where id = ?', row.id)[0]).toEqual({ percent: 30, note: 'Bản đã sửa', edited: 1 });
    expect(sql('select percent, note from update_revisions where update_id = ?', row.id)).toEqual([{ percent: 20, note: 'Bản đầu' }]);
    const history = texts(await h.send(message('/lichsu III.1.3 Sở Y tế'))).join('\n');
    expect(history).toContain('đã sửa 1 lần');
    // An edit of a message that carried no update changes nothing.
    const chat = message('chào cả nhà');
    await h.send(chat);
    const before = count('select count(*) n from update_revisions');
    expect(texts(await h.send(edited(chat, 'chào mọi người')))).toEqual([]);
    expect(count('select count(*) n from update_revisions')).toBe(before);
  });

  it('/undo withdraws the author’s latest update, kept in history as withdrawn', async () => {
    await h.send(message('/capnhat III.1.3 đang 10% Sai, sẽ rút lại'));
    const [last] = sql('select id from updates where user_id = ? order by id desc limit 1', OFFICER.id);
    // /undo shows which report it would withdraw and waits for the press.
    const offer = sentMessages(await h.send(message('/huy')))[0]!;
    expect(offer.payload.text).toContain('Sai, sẽ rút lại');
    expect(sql('select withdrawn_at is not null as w from updates where id = ?', last.id)[0].w).toBe(0);
    const [yes] = offer.payload.reply_markup.inline_keyboard[0];
    expect(texts(await h.send(callback(yes.callback_data, { messageId: offer.result.message_id }))).join()).toContain('Đã rút lại');
    expect(sql('select withdrawn_at is not null as w from updates where id = ?', last.id)[0].w).toBe(1);
    expect(texts(await h.send(message('/lichsu III.1.3'))).join('\n')).toContain('đã rút lại');
    expect(texts(await h.send(message('/huy', { from: STRANGER }))).join()).toContain('chưa có cập nhật');
  });

  it('/history pages with buttons, newest first', async () => {
    const calls = await h.send(message('/lichsu III.1.3'));
    const first = sentMessages(calls).at(-1)!;
    const nav = first.payload.reply_markup.inline_keyboard.flat().map((b: any) => b.callback_data);
    expect(nav).toEqual(['hi:III.1.3:*:1']);
    expect(String(first.payload.text)).toMatch(/^<b>Lịch sử cập nhật III\.1\.3 \(\d+\)<\/b>/);
    const page2 = texts(await h.send(callback('hi:III.1.3:*:1'))).join();
    expect(page2).toContain('Trang 2/');
    expect(texts(await h.send(message('/lichsu II.2'))).join()).toContain('Lịch sử cập nhật II.2 (0)');
  });

  it('/mytasks shows the agency’s tasks with this year’s status and what is missing', async () => {
    const t = texts(await h.send(message('/viectoi'))).join('\n');
    expect(t).toContain('Sở Y tế — nhiệm vụ và tình hình năm 2026');
    expect(t).toMatch(/<b>III\.1\.3<\/b>[^\n]*\n\s+🔄 Đang thực hiện \(30%\) · [^\n]* · Minh Trần/);
    expect(t).toContain('<b>II.1</b>');
    expect(t).toMatch(/Còn \d+ nhiệm vụ chủ trì chưa có cập nhật năm nay: .*II\.1/);
  });

  it('/task shows this year’s lines with agency, status and time', async () => {
    const t = texts(await h.send(message('/nv III.1.3'))).join('\n');
    expect(t).toContain('Tình hình năm 2026');
    expect(t).toMatch(/Sở Y tế: 🔄 Đang thực hiện \(30%\) · \d\d:\d\d \d\d\/\d\d\/2026 · Minh Trần/);
  });
});

describe('groups', () => {
  it('an officer links the group; updates there default to that agency', async () => {
    expect(texts(await h.send(message('/lienket Sở Công Thương', { chat: GROUP }))).join()).toContain('Chỉ điều phối viên');
    expect(texts(await h.send(message('/lienket Sở Y tế', { chat: GROUP }))).join()).toContain('đã được gắn với <b>Sở Y tế</b>');
    expect(sql('select agency_code from chats where id = ?', GROUP.id)).toEqual([{ agency_code: 'SYT' }]);
    await h.send(message('/capnhat II.1 đang Rà soát chính sách ngành y tế', { from: COORDINATOR, chat: GROUP }));
    expect(sql('select agency_code, user_id from updates order by id desc limit 1')[0]).toEqual({ agency_code: 'SYT', user_id: COORDINATOR.id });
  });

  it('a coordinator elsewhere chooses the agency of a task with several leads', async () => {
    const calls = await h.send(message('/capnhat II.1 đang 30% Rà soát chung', { from: COORDINATOR }));
    const choice = sentMessages(calls)[0]!;
    const options = choice.payload.reply_markup.inline_keyboard.flat().map((b: any) => b.callback_data);
    expect(options).toEqual(expect.arrayContaining(['up:c:SCT', 'up:c:SYT', 'up:c:SNNMT', 'up:c:SKHCN']));
    expect(options).not.toContain('up:c:SNNPTNT');
    const before = updatesCount();
    // Someone else cannot press it.
    await h.send(callback('up:c:SCT', { from: OFFICER, messageId: choice.result.message_id, chat: { id: COORDINATOR.id, type: 'private' } }));
    expect(updatesCount()).toBe(before);
    await h.send(callback('up:c:SCT', { from: COORDINATOR, messageId: choice.result.message_id }));
    expect(sql('select agency_code, percent, note from updates order by id desc limit 1')[0]).toEqual({ agency_code: 'SCT', percent: 30, note: 'Rà soát chung' });
  });

  it('follows the group to its new supergroup id, and notes when the bot is removed', async () => {
    const old = groupChat(-4000001, 'Nhóm cũ');
    await h.send(message('/lienket Sở Y tế', { chat: { ...old, type: 'group' } }));
    await h.send({ message: { message_id: 1, date: 0, chat: { ...old, type: 'group' }, from: OFFICER, migrate_to_chat_id: -1004000001 } });
    expect(sql('select id, agency_code, active from chats where id in (?, ?) order by id', -4000001, -1004000001)).toEqual([
      { id: -1004000001, agency_code: 'SYT', active: 1 },
      { id: -4000001, agency_code: 'SYT', active: 0 },
    ]);
    await h.send({
      my_chat_member: {
        chat: { id: -1004000001, type: 'supergroup', title: 'Nhóm cũ' }, from: OFFICER, date: 0,
        old_chat_member: { user: { id: 7000001, is_bot: true, first_name: 'KH457 Bot' }, status: 'member' },
        new_chat_member: { user: { id: 7000001, is_bot: true, first_name: 'KH457 Bot' }, status: 'kicked', until_date: 0 },
      },
    });
    expect(sql('select active from chats where id = ?', -1004000001)).toEqual([{ active: 0 }]);
  });

  it('a person who blocks the bot gets no private messages until they start it again', async () => {
    await h.send(message('/start'));
    const blocked = (status: string) => ({
      my_chat_member: {
        chat: { id: OFFICER.id, type: 'private', first_name: OFFICER.first_name }, from: OFFICER, date: 0,
        old_chat_member: { user: { id: 7000001, is_bot: true, first_name: 'KH457 Bot' }, status: 'member' },
        new_chat_member: { user: { id: 7000001, is_bot: true, first_name: 'KH457 Bot' }, status },
      },
    });
    await h.send(blocked('kicked'));
    expect(sql('select private_chat_open from users where id = ?', OFFICER.id)).toEqual([{ private_chat_open: 0 }]);
    await h.send(message('/start'));
    expect(sql('select private_chat_open from users where id = ?', OFFICER.id)).toEqual([{ private_chat_open: 1 }]);
  });
});

describe('exactly once', () => {
  it('a redelivered update is applied once', async () => {
    const update = { update_id: 880_001, ...message('/capnhat III.1.3 đang 35% Gửi hai lần') };
    await h.send(update);
    const before = updatesCount();
    await h.restart(); // the inbox still knows it
    h.stub.push({ ...update });
    await h.send(message('/nv I.1'));
    expect(updatesCount()).toBe(before);
    expect(count('select count(*) n from updates where telegram_update_id = 880001')).toBe(1);
  });
});

describe('editing an older report', () => {
  it('echoes the figure the edit gave it, not the line’s, which a later report set', async () => {
    const older = message('/capnhat III.1.3 đang 40% Khảo sát xong');
    await h.send(older);
    await h.send(message('/capnhat III.1.3 đang 80% Đã trình dự thảo'));
    const echo = texts(await h.send(edited(older, '/capnhat III.1.3 đang 45% Khảo sát xong 5 xã'))).join();
    expect(echo).toContain('Đang thực hiện (45%)');
    expect(echo).not.toContain('80%');
    // Edited without a figure: none shown, rather than the later report's (attack review).
    const noFigure = texts(await h.send(edited(older, '/capnhat III.1.3 đang, Khảo sát xong 5 xã'))).join();
    expect(noFigure).toContain('Đang thực hiện');
    expect(noFigure).not.toMatch(/\d+%/);
  });
});

describe('linking a group to a body renamed in 2025', () => {
  it('links it to today’s agency, so reports typed there are that agency’s', async () => {
    const group = groupChat(-1004000000457, 'Thống kê An Giang');
    const reply = texts(await h.send(message('/lienket Cục Thống kê', { from: COORDINATOR, chat: group }))).join();
    expect(reply).toContain('Thống kê tỉnh');
    expect(sql('select agency_code from chats where id = ?', group.id)[0].agency_code).not.toBe('CTK');
  });
});

describe('/viectoi for a coordinator', () => {
  it('names the agency to look at, and says how when none is named', async () => {
    expect(texts(await h.send(message('/viectoi', { from: COORDINATOR }))).join()).toContain('/viectoi &lt;tên cơ quan&gt;');
    expect(texts(await h.send(message('/viectoi Sở Y tế', { from: COORDINATOR }))).join()).toContain('Sở Y tế — nhiệm vụ và tình hình năm');
    // A body merged in 2025 is looked at as today's agency; a name that matches nothing says how.
    expect(texts(await h.send(message('/viectoi Sở TN&MT', { from: COORDINATOR }))).join()).toContain('Sở Nông nghiệp và Môi trường — nhiệm vụ và tình hình năm');
    expect(texts(await h.send(message('/viectoi xyz', { from: COORDINATOR }))).join()).toContain('/viectoi Sở Y tế');
    // A body split in two names both: nothing to type "more precisely".
    expect(texts(await h.send(message('/viectoi Sở TT&TT', { from: COORDINATOR }))).join()).toContain('đã được sắp xếp lại năm 2025, nay là: Sở KH&amp;CN, Sở VH-TT&amp;DL');
    // An officer sees their own agency's, whatever they type after it.
    expect(texts(await h.send(message('/viectoi Sở Công Thương'))).join()).toContain('Sở Y tế — nhiệm vụ và tình hình năm');
  });
});

describe('a coordinator reporting for an agency', () => {
  it('is told whose report it becomes before anything is saved; an officer for their own agency is not', async () => {
    const asked = texts(await h.send(message('/capnhat II.3', { from: COORDINATOR }))).join();
    expect(asked).toContain('Bạn đang báo cáo thay <b>Sở Công Thương</b>');
    expect(texts(await h.send(message('/capnhat III.1.3'))).join()).not.toContain('báo cáo thay');
    // In the group linked to Sở Y tế, the coordinator reports for Sở Y tế without being its officer.
    expect(texts(await h.send(message('/capnhat III.1.3', { from: COORDINATOR, chat: GROUP }))).join()).toContain('Bạn đang báo cáo thay <b>Sở Y tế</b>');
  });
});
