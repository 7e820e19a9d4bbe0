// Issue #9: an officer's words are never dropped or bent. Each form testers typed, over the Bot
// API stand-in: the reply, the rows stored, and that nothing is stored before a question is answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../support/bot-api-stub.js';
import { registerOfficer, startHarness, type Harness } from '../support/harness.js';
import { botMessageRef, callback, COORDINATOR, edited, message, OFFICER, STRANGER, type TgUser } from '../support/updates.js';

let h: Harness;
const SCT: TgUser = { id: 900211, is_bot: false, first_name: 'Lan', last_name: 'Phạm' };

beforeAll(async () => {
  h = await startHarness();
  await registerOfficer(h, OFFICER, 'Sở Y tế');
  await registerOfficer(h, SCT, 'Sở Công Thương');
});
afterAll(() => h?.close());

const rows = <T = any>(q: string, ...args: unknown[]) => h.app.db.$client.prepare(q).all(...args) as T[];
const count = () => (h.app.db.$client.prepare('select count(*) n from updates').get() as { n: number }).n;
const last = () => rows('select id, task_code, agency_code, status, percent, note, via, withdrawn_at from updates order by id desc limit 1')[0];
const sent = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'sendMessage' && c.outcome === 'ok');
const answer = (calls: RecordedCall[]) => String(calls.find((c) => c.method === 'answerCallbackQuery')?.payload.text ?? '');
const buttons = (m: RecordedCall) => (m.payload.reply_markup?.inline_keyboard ?? []).flat() as Array<{ text: string; callback_data: string }>;
/** Presses a button of the bot's message `m`, as `from`. */
const press = (m: RecordedCall, text: string, from: TgUser = OFFICER) => {
  const b = buttons(m).find((x) => x.text === text);
  if (!b) throw new Error(`no button «${text}» in ${JSON.stringify(buttons(m).map((x) => x.text))}`);
  return h.send(callback(b.callback_data, { from, messageId: m.result.message_id, chat: { id: Number(m.payload.chat_id), type: 'private' } }));
};
const replyTo = (m: RecordedCall, text: string, from: TgUser = OFFICER) =>
  h.send(message(text, { from, replyTo: botMessageRef(Number(m.payload.chat_id), m.result.message_id) }));
/** Sends and expects exactly one question, with nothing stored. */
async function asked(text: string, from: TgUser = OFFICER) {
  const before = count();
  const [q] = sent(await h.send(message(text, { from })));
  expect(q, text).toBeDefined();
  expect(count(), `${text} stored something before the answer`).toBe(before);
  return q!;
}

describe('what testers saw, now read right', () => {
  it('/capnhat II.3 - đang 56%: status and figure read, then the note is asked for', async () => {
    const before = count();
    const [prompt] = sent(await h.send(message('/capnhat II.3 - đang 56%', { from: SCT })));
    expect(prompt!.payload.text).toContain('🔄 Đang thực hiện (56%)');
    // The figure is known: the prompt does not suggest giving one.
    expect(prompt!.payload.text).not.toContain('Có thể ghi tỉ lệ');
    expect(prompt!.payload.reply_markup.force_reply).toBe(true);
    expect(count()).toBe(before);
    const echo = sent(await replyTo(prompt!, 'Đã làm việc với 5 doanh nghiệp xuất khẩu', SCT))[0]!;
    expect(last()).toMatchObject({ task_code: 'II.3', agency_code: 'SCT', status: 'in_progress', percent: 56, note: 'Đã làm việc với 5 doanh nghiệp xuất khẩu' });
    expect(echo.payload.text).toContain('Đang thực hiện (56%)');
  });

  it('/capnhat II.3: đang 55% is II.3, not an unknown code', async () => {
    const [echo] = sent(await h.send(message('/capnhat II.3: đang 55% Hội chợ xúc tiến', { from: SCT })));
    expect(echo!.payload.text).toContain('Đã ghi nhận cập nhật nhiệm vụ II.3');
    expect(last()).toMatchObject({ task_code: 'II.3', status: 'in_progress', percent: 55, note: 'Hội chợ xúc tiến' });
  });

  it('/capnhat III 1 3 and 3 1 3 work as /nv III 1 3 does', async () => {
    await h.send(message('/capnhat III 1 3 đang 20% Khảo sát cơ sở'));
    expect(last()).toMatchObject({ task_code: 'III.1.3', status: 'in_progress', percent: 20, note: 'Khảo sát cơ sở' });
    await h.send(message('/capnhat 3 1 3 đang 25 % Họp tổ soạn thảo'));
    expect(last()).toMatchObject({ task_code: 'III.1.3', percent: 25, note: 'Họp tổ soạn thảo' });
  });

  it('/capnhat III.1.3 đng 50%: a typo is asked about, then saved once', async () => {
    const q = await asked('/capnhat III.1.3 đng 50%');
    expect(q.payload.text).toContain('Bạn muốn báo «🔄 Đang thực hiện (50%)» cho <b>III.1.3</b>?');
    expect(q.payload.text).toContain('«đng»');
    expect(buttons(q).map((b) => b.text)).toEqual(['✅ Đúng, lưu', '✏️ Không, gõ lại']);
    for (const b of buttons(q)) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    // Someone else cannot answer it.
    const before = count();
    expect(answer(await press(q, '✅ Đúng, lưu', SCT))).toContain('dành cho người đã gửi');
    // No note yet: "yes" asks for it, still nothing stored.
    const [notePrompt] = sent(await press(q, '✅ Đúng, lưu'));
    expect(notePrompt!.payload.reply_markup.force_reply).toBe(true);
    expect(count()).toBe(before);
    await replyTo(notePrompt!, 'Đã lấy ý kiến các sở');
    expect(last()).toMatchObject({ status: 'in_progress', percent: 50, note: 'Đã lấy ý kiến các sở' });
    expect(count()).toBe(before + 1);
  });

  it('pressing "yes" twice on the same question saves one report', async () => {
    const q = await asked('/capnhat III.1.3 dnag 30% Đã họp tổ soạn thảo');
    const before = count();
    const first = await press(q, '✅ Đúng, lưu');
    expect(sent(first)[0]!.payload.text).toContain('Đã ghi nhận');
    expect(last()).toMatchObject({ status: 'in_progress', percent: 30, note: 'Đã họp tổ soạn thảo', via: 'command' });
    const second = await press(q, '✅ Đúng, lưu');
    expect(answer(second)).toContain('đã được trả lời');
    expect(count()).toBe(before + 1);
  });

  it('"No, retype" stores nothing and takes the report typed again', async () => {
    const q = await asked('/capnhat III.1.3 hoan thnah');
    const before = count();
    const [again] = sent(await press(q, '✏️ Không, gõ lại'));
    expect(again!.payload.reply_markup.force_reply).toBe(true);
    expect(count()).toBe(before);
    await replyTo(again!, 'đang 35%: đã hoàn thiện dự thảo lần 2');
    expect(last()).toMatchObject({ status: 'in_progress', percent: 35, note: 'đã hoàn thiện dự thảo lần 2' });
  });

  it('a note typed over a question about the status is kept for it, saved only once the status is chosen', async () => {
    const q = await asked('/capnhat III.1.3 100%');
    expect(buttons(q).map((b) => b.text)).toEqual(['✅ Hoàn thành (100%)', '🔄 Đang thực hiện (100%)', '✖️ Hủy']);
    const before = count();
    // Asked plainly: 100% with no status word.
    expect(q.payload.text).toContain('Bạn ghi 100% mà không ghi tình trạng');
    // Words that are no note are not kept for it: thanks, a report for another task, a figure first (attack review).
    for (const notNote of ['Cảm ơn bot', 'III.1.4 xong: đã ban hành kế hoạch', '50% đã lắp đặt', 'ok']) {
      expect(sent(await replyTo(q, notNote))[0]!.payload.text).toContain('vẫn chờ bạn chọn, nên chưa lưu gì');
    }
    // The question held no note: the words typed become it (new-user review: they had to be typed again).
    const [kept] = sent(await replyTo(q, 'Đã nghiệm thu đề tài'));
    expect(kept!.payload.text).toContain('Đã ghi nội dung «Đã nghiệm thu đề tài» cho nhiệm vụ III.1.3. Hãy chọn tình trạng');
    expect(count()).toBe(before);
    // Now it holds one: another note (with a figure in it: a note too, not the report typed again)
    // replaces nothing, and says how to type the report whole instead.
    const [notice] = sent(await replyTo(q, 'Đã nghiệm thu, giải ngân 100% vốn'));
    expect(notice!.payload.text).toContain('vẫn chờ bạn chọn, nên chưa lưu gì');
    expect(notice!.payload.text).toContain('<code>/capnhat III.1.3 xong: Đã nghiệm thu, giải ngân 100% vốn</code>');
    expect(count()).toBe(before);
    // Chosen, the note kept is saved under the status.
    await press(q, '✅ Hoàn thành (100%)');
    expect(last()).toMatchObject({ status: 'done', percent: 100, note: 'Đã nghiệm thu đề tài' });
    expect(count()).toBe(before + 1);
  });

  it('xong 80%: the status and the figure disagree, so it asks which', async () => {
    const q = await asked('/capnhat III.1.3 xong 80% Đã trình dự thảo');
    expect(buttons(q).map((b) => b.text)).toEqual(['✅ Hoàn thành (100%)', '🔄 Đang thực hiện (80%)', '✖️ Hủy']);
    expect(q.payload.text).toContain('Đã trình dự thảo');
    await press(q, '🔄 Đang thực hiện (80%)');
    expect(last()).toMatchObject({ status: 'in_progress', percent: 80, note: 'Đã trình dự thảo' });
  });

  it('chưa bắt đầu is "not started", not a note "bắt đầu"; with 30% it asks; Hủy stores nothing', async () => {
    const [prompt] = sent(await h.send(message('/capnhat III.1.3 chưa bắt đầu')));
    expect(prompt!.payload.text).toContain('⬜ Chưa thực hiện');
    await replyTo(prompt!, 'Chờ kinh phí năm 2027');
    expect(last()).toMatchObject({ status: 'not_started', note: 'Chờ kinh phí năm 2027' });
    const q = await asked('/capnhat III.1.3 chưa bắt đầu 30% mới khảo sát');
    expect(buttons(q).map((b) => b.text)).toEqual(['🔄 Đang thực hiện (30%)', '⬜ Chưa thực hiện', '✖️ Hủy']);
    const before = count();
    expect(sent(await press(q, '✖️ Hủy'))[0]!.payload.text).toContain('Đã hủy, chưa lưu gì');
    expect(count()).toBe(before);
    expect(answer(await press(q, '🔄 Đang thực hiện (30%)'))).toContain('đã được trả lời');
    expect(count()).toBe(before);
  });

  it('đang triển khai, đạt 50% takes the 50', async () => {
    await h.send(message('/capnhat III.1.3 đang triển khai, đạt 50%. Đã khảo sát 5 cơ sở'));
    expect(last()).toMatchObject({ status: 'in_progress', percent: 50, note: 'Đã khảo sát 5 cơ sở' });
  });

  it('tạm dừng is blocked, and the echo keeps the previous figure', async () => {
    const [echo] = sent(await h.send(message('/capnhat III.1.3 tạm dừng: chờ ý kiến Bộ Y tế')));
    expect(last()).toMatchObject({ status: 'blocked', percent: null, note: 'chờ ý kiến Bộ Y tế' });
    const text = String(echo!.payload.text);
    expect(text).toContain('⛔ Gặp vướng mắc (50%)');
    expect(text).toContain('giữ tỉ lệ của báo cáo trước');
    expect(text).toContain('Sở Y tế');
    expect(text).toContain('chờ ý kiến Bộ Y tế');
  });

  it('a percentage inside a sentence is asked about, never taken silently', async () => {
    const note = 'Đã tổ chức hội nghị, tăng 50% số doanh nghiệp tham gia';
    const q = await asked(`/capnhat III.1.3 ${note}`);
    expect(q.payload.text).toContain('50%');
    expect(buttons(q).map((b) => b.text)).toEqual(['🔄 Đang thực hiện (50%)', '📝 Không, chỉ ghi nội dung', '✖️ Hủy']);
    await press(q, '📝 Không, chỉ ghi nội dung');
    expect(last()).toMatchObject({ status: null, percent: null, note });
  });

  it('ordinary notes are not taken for status words', async () => {
    for (const note of ['Đã tổ chức hội nghị xong', 'Dạng văn bản: kế hoạch', 'Đăng ký 3 sản phẩm', 'Đồng bộ dữ liệu']) {
      const [echo] = sent(await h.send(message(`/capnhat III.1.3 ${note}`)));
      expect(echo!.payload.text).toContain('Đã ghi nhận');
      expect(last()).toMatchObject({ status: null, percent: null, note });
    }
  });

  it('a reply with a figure inside asks too, and a reply to the question replaces it', async () => {
    const detail = sent(await h.send(message('/nv III.1.3'))).at(-1)!;
    const q = sent(await replyTo(detail, 'Đã ký hợp đồng, giải ngân 40% vốn'))[0]!;
    expect(q.payload.text).toContain('40%');
    const before = count();
    await replyTo(q, 'đang 45%: đã ký hợp đồng, giải ngân 40% vốn');
    expect(last()).toMatchObject({ status: 'in_progress', percent: 45, note: 'đã ký hợp đồng, giải ngân 40% vốn' });
    expect(count()).toBe(before + 1);
    // The replaced question can no longer save.
    expect(answer(await press(q, '🔄 Đang thực hiện (40%)'))).toContain('đã được trả lời');
    expect(count()).toBe(before + 1);
  });

  it('an edit that is unclear changes nothing', async () => {
    const original = message('/capnhat III.1.3 đang 60% Bản đầu');
    await h.send(original);
    const row = last();
    expect((await h.ask(edited(original, '/capnhat III.1.3 xong 70% Bản sửa'))).join()).toContain('chưa sửa gì');
    expect(rows('select percent, note from updates where id = ?', row.id)[0]).toEqual({ percent: 60, note: 'Bản đầu' });
  });
});

describe('withdrawing', () => {
  it('the echo’s button withdraws exactly that report, only for its author, once', async () => {
    const [echoA] = sent(await h.send(message('/capnhat III.1.3 đang 61% Báo cáo A')));
    const a = last();
    await h.send(message('/capnhat III.1.3 đang 62% Báo cáo B'));
    const b = last();
    expect(buttons(echoA!).map((x) => x.text)).toEqual(['↩️ Rút lại']);
    expect(answer(await press(echoA!, '↩️ Rút lại', SCT))).toContain('Chỉ người gửi');
    expect(answer(await press(echoA!, '↩️ Rút lại', COORDINATOR))).toContain('Chỉ người gửi');
    const done = sent(await press(echoA!, '↩️ Rút lại'))[0]!;
    expect(done.payload.text).toContain('Đã rút lại báo cáo nhiệm vụ III.1.3');
    expect(done.payload.text).toContain('Báo cáo A');
    expect(rows('select id from updates where withdrawn_at is not null and id in (?, ?)', a.id, b.id)).toEqual([{ id: a.id }]);
    const by = rows('select withdrawn_by_update_id w from updates where id = ?', a.id)[0].w;
    expect(answer(await press(echoA!, '↩️ Rút lại'))).toContain('đã được rút lại rồi');
    expect(rows('select withdrawn_by_update_id w from updates where id = ?', a.id)[0].w).toBe(by);
    expect(last()).toMatchObject({ id: b.id, withdrawn_at: null });
  });

  it('/huy shows which report and waits; a second /huy offers the next one; never two from one press', async () => {
    await h.send(message('/capnhat III.1.3 đang 63% Thứ nhất'));
    const first = last();
    await h.send(message('/capnhat III.1.3 đang 64% Thứ hai'));
    const second = last();
    const offer1 = sent(await h.send(message('/huy')))[0]!;
    expect(offer1.payload.text).toContain('<b>III.1.3</b>');
    expect(offer1.payload.text).toContain('Thứ hai');
    expect(offer1.payload.text).toMatch(/\d\d:\d\d \d\d\/\d\d\/\d{4}/);
    expect(rows('select count(*) n from updates where withdrawn_at is not null and id in (?, ?)', first.id, second.id)[0].n).toBe(0);
    const offer2 = sent(await h.send(message('/huy')))[0]!;
    expect(offer2.payload.text).toContain('Thứ nhất');
    expect(answer(await press(offer1, '↩️ Rút lại báo cáo này', STRANGER))).toContain('Chỉ người gửi');
    await press(offer1, '↩️ Rút lại báo cáo này');
    await press(offer1, '↩️ Rút lại báo cáo này');
    expect(rows('select id from updates where withdrawn_at is not null and id in (?, ?)', first.id, second.id)).toEqual([{ id: second.id }]);
    expect(sent(await press(offer2, 'Giữ nguyên'))[0]!.payload.text).toContain('Đã giữ nguyên');
    expect(answer(await press(offer2, '↩️ Rút lại báo cáo này'))).toBe('');
    // Pressing the kept offer's button still withdraws only what it names — the officer asked for it.
    expect(rows('select id from updates where withdrawn_at is not null and id in (?, ?) order by id', first.id, second.id)).toEqual([{ id: first.id }, { id: second.id }]);
  });
});

describe('words that only look like a status (second attack review)', () => {
  it('"chưa hoàn thành, đạt 80%" is stored as in progress at 80 %, and keeps the line going', async () => {
    await h.send(message('/capnhat III.1.3 đang 60% Đã khảo sát'));
    // "chưa hoàn thành" is never "not started"; with no note left, the bot asks for one.
    const prompt = await asked('/capnhat III.1.3 chưa hoàn thành, đạt 80%');
    expect(String(prompt.payload.text)).toContain('🔄 Đang thực hiện (80%)');
    await replyTo(prompt, 'Đã gửi dự thảo lấy ý kiến');
    expect(last()).toMatchObject({ task_code: 'III.1.3', status: 'in_progress', percent: 80, note: 'Đã gửi dự thảo lấy ý kiến' });
  });
  it('"Đang tạm dừng…" and "xong một phần…" ask, and store nothing until answered', async () => {
    const q1 = await asked('/capnhat III.1.3 Đang tạm dừng do chờ kinh phí');
    expect(String(q1.payload.text)).toContain('có thể không mang nghĩa tình trạng');
    await press(q1, '⛔ Gặp vướng mắc');
    expect(last()).toMatchObject({ status: 'blocked', note: 'Đang tạm dừng do chờ kinh phí' });
    expect(rows("select percent from line_state where task_code = 'III.1.3' and agency_code = 'SYT'")).toEqual([{ percent: 80 }]); // kept
    const q2 = await asked('/capnhat III.1.3 xong một phần, còn lại chuyển năm sau');
    expect(buttons(q2).map((b) => b.text)).toContain('✅ Hoàn thành (100%)');
  });
});

describe('a line reopened after "done" (new-user review)', () => {
  it('"đang" without a figure after "xong" is not shown at 100 %: it has no figure until one is reported', async () => {
    await h.send(message('/capnhat III.1.3 xong Đã ban hành đề án'));
    expect(rows("select status, percent from line_state where task_code = 'III.1.3' and agency_code = 'SYT'")).toEqual([{ status: 'done', percent: 100 }]);
    const [echo] = sent(await h.send(message('/capnhat III.1.3 đang Đã trình dự thảo sửa đổi')));
    const text = String(echo!.payload.text);
    expect(text).toContain('🔄 Đang thực hiện');
    expect(text).not.toContain('100%');
    expect(text).not.toContain('giữ tỉ lệ của báo cáo trước');
    expect(rows("select status, percent from line_state where task_code = 'III.1.3' and agency_code = 'SYT'")).toEqual([{ status: 'in_progress', percent: null }]);
    await h.send(message('/capnhat III.1.3 đang 90% Đã tiếp thu ý kiến'));
    expect(rows("select percent from line_state where task_code = 'III.1.3' and agency_code = 'SYT'")).toEqual([{ percent: 90 }]);
  });
});

describe('"Khó khăn:" after "đang" (new-user review)', () => {
  it('is the label difficulties are written under: saved at once as in progress, the note whole', async () => {
    const before = count();
    const [echo] = sent(await h.send(message('/capnhat III.1.3 đang 70% Khó khăn: thiếu kinh phí')));
    expect(count()).toBe(before + 1);
    expect(String(echo!.payload.text)).toContain('🔄 Đang thực hiện (70%)');
    expect(last()).toMatchObject({ status: 'in_progress', percent: 70, note: 'Khó khăn: thiếu kinh phí' });
  });
  it('without a figure, "đang khó khăn: …" and "đang có khó khăn: …" still ask (they may say the work is stuck)', async () => {
    for (const text of ['/capnhat III.1.3 đang khó khăn: chưa có kinh phí nên phải tạm dừng', '/capnhat III.1.3 đang có khó khăn: thiếu nhân lực, chưa triển khai được']) {
      const before = count();
      const q = await asked(text);
      expect(buttons(q).map((b) => b.text)).toContain('⛔ Gặp vướng mắc');
      expect(count()).toBe(before);
    }
  });
  it('while "đang vướng …" still asks whether it is blocked', async () => {
    const q = await asked('/capnhat III.1.3 đang vướng thủ tục đất đai');
    expect(buttons(q).map((b) => b.text)).toContain('⛔ Gặp vướng mắc');
  });
});
