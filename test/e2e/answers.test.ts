// Answers that were wrong or misleading (issue #9, first list), each checked as people meet them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerOfficer, startHarness, type Harness } from '../support/harness.js';
import { seedUpdate, vn } from '../support/seed.js';
import { callback, COORDINATOR, groupChat, message, OFFICER, STRANGER } from '../support/updates.js';

let h: Harness;
const NOW = vn(2026, 11, 29, 10);
const COORD_GROUP = groupChat(-1006000000001, 'Điều phối');

beforeAll(async () => {
  h = await startHarness({ now: () => NOW });
  await registerOfficer(h, OFFICER, 'Sở Y tế');
  await h.send(message('/lienket dieuphoi', { from: COORDINATOR, chat: COORD_GROUP }));
  seedUpdate(h.app.db, { task: 'III.1.3', agency: 'SYT', status: 'in_progress', percent: 30, note: 'Năm ngoái', at: vn(2025, 6, 1) });
  seedUpdate(h.app.db, { task: 'III.1.3', agency: 'SYT', status: 'in_progress', percent: 60, note: 'Năm nay', at: vn(2026, 6, 1) });
});
afterAll(() => h?.close());

const ask = async (text: string, from = OFFICER) => (await h.ask(message(text, { from }))).join('\n');
const sql = (q: string, ...a: unknown[]) => h.app.db.$client.prepare(q).all(...a) as Array<Record<string, unknown>>;

describe('/tinhhinh', () => {
  it('an unregistered person is told who it is for, not that they cannot update', async () => {
    const text = await ask('/tinhhinh', STRANGER);
    expect(text).toContain('Tình hình thực hiện dành cho Sở KH&amp;CN và cán bộ đầu mối');
    expect(text).not.toContain('cập nhật');
  });
  it('an officer’s filter narrows their own view, never silently ignored', async () => {
    const section = await ask('/tinhhinh III');
    expect(section).toContain('Sở Y tế — Mục III');
    expect(section).toContain('<b>III.1.3</b>');
    expect(section).not.toContain('<b>II.1</b>');
    expect(await ask('/tinhhinh III.1.3')).toContain('— nhiệm vụ III.1.3</b>');
    expect(await ask('/tinhhinh Sở Công Thương')).toContain('chỉ xem tình hình của cơ quan mình, không xem được Sở Công Thương');
    expect(await ask('/tinhhinh lung tung')).toContain('Không hiểu «lung tung»');
  });
  it('a past year is over, not “355 days overdue”, and its lines are that year’s', async () => {
    const text = await ask('/tinhhinh 2025');
    expect(text).toContain('Năm 2025 đã qua (hạn báo cáo năm là 10/12/2025).');
    expect(text).not.toMatch(/quá hạn báo cáo 10\/12\/2025 \d+ ngày/);
    expect(text).toContain('🔄 Đang thực hiện (30%)');
    expect(text).toContain('Không có cập nhật năm 2025');
    expect(text).not.toContain('năm nay');
  });
});

describe('other answers', () => {
  it('an approved officer proposing on another agency’s task is told that, not that they are not an officer', async () => {
    const text = await ask('/kiennghi IV.2 Đề nghị bổ sung kinh phí'); // IV.2 names no department group
    expect(text).toContain('Nhiệm vụ IV.2 không do cơ quan của bạn (Sở Y tế) chủ trì hay phối hợp');
    expect(sql('select count(*) n from proposals')).toEqual([{ n: 0 }]);
  });
  it('/lichsu with an unknown code shows /lichsu’s syntax', async () => {
    const text = await ask('/lichsu 9.9');
    expect(text).toContain('<code>/lichsu II.3</code>');
    expect(text).not.toContain('/capnhat');
  });
  it('/dattonghop says when in words', async () => {
    const text = await ask('/dattonghop', COORDINATOR);
    expect(text).toContain('sẽ nhận bản tổng hợp thứ Hai hằng tuần, lúc 08:00');
    expect(text).not.toContain('0 8 * * 1');
  });
  it('a 4,000-character proposal reaches the coordinators in full, in several messages', async () => {
    const long = `Đề nghị ${'điều chỉnh thời hạn và kinh phí; '.repeat(125)}hết.`;
    expect(long.length).toBeGreaterThan(4000);
    const calls = await h.send(message(`/kiennghi III.1.3 ${long}`));
    const toGroup = calls.filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === COORD_GROUP.id && c.outcome === 'ok');
    expect(toGroup.length).toBeGreaterThanOrEqual(2);
    expect(toGroup.map((c) => String(c.payload.text)).join('')).toContain('hết.');
    expect(sql("select count(*) n from outbox where status = 'dead'")).toEqual([{ n: 0 }]);
  });
});

describe('/tonghop across a crash', () => {
  it('is queued once even when the update is replayed', async () => {
    const update = { update_id: 880001, ...message('/tonghop', { from: COORDINATOR, chat: COORD_GROUP }) };
    await h.send(update);
    const digests = () => Number(sql('select count(*) n from digests')[0]!.n);
    const before = digests();
    h.app.db.$client.prepare('update inbox set handled_at = null where update_id = 880001').run();
    await h.restart(); // replays the unhandled update
    await h.app.dispatcher.idle();
    await h.app.outbox.drained();
    expect(digests()).toBe(before);
    expect(sql("select count(*) n from outbox where kind = 'digest'")).toEqual([{ n: before * 2 }]);
  });
});

describe('names from Telegram', () => {
  it('a direction override in a name does not reach the coordinator', async () => {
    const sneaky = { id: 900555, is_bot: false, first_name: 'Minh\u202e', last_name: 'Trần\u2066' };
    const calls = await h.send(message('/dangky Sở Công Thương', { from: sneaky }));
    const notice = calls.filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === COORDINATOR.id).map((c) => String(c.payload.text)).join();
    expect(notice).toContain('Minh Trần');
    expect(notice).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });
});

describe('a /tonghop between two weekly digests', () => {
  it('does not shorten the next weekly digest', async () => {
    const { sendDigest } = await import('../../src/jobs/digest.js');
    const weekly1 = vn(2026, 11, 23, 8);
    expect((await sendDigest(h.app.jobs, { trigger: 'schedule', periodEnd: weekly1 })).kind).toBe('sent');
    await h.send(message('/tonghop', { from: COORDINATOR, chat: COORD_GROUP })); // Sunday 29/11
    expect((await sendDigest(h.app.jobs, { trigger: 'schedule', periodEnd: vn(2026, 11, 30, 8) })).kind).toBe('sent');
    const last = sql("select period_start, trigger from digests order by id desc limit 1")[0];
    expect(last).toEqual({ period_start: weekly1, trigger: 'schedule' });
  });
});

describe('/hanchot dates that are probably typos', () => {
  it('refuses years outside the plan, asks about next year, and says when a date has passed', async () => {
    const rows = () => sql("select task_code, year, due_date from deadlines where task_code = 'III.1.3' order by year");
    expect(await ask('/hanchot III.1.3 01/01/1000', COORDINATOR)).toContain('Năm của hạn phải từ 2024 đến 2027');
    expect(await ask('/hanchot III.1.3 31/12/9999', COORDINATOR)).toContain('Năm của hạn phải từ 2024 đến 2027');
    expect(await ask('/hanchot III.1.3 01/01/2027', COORDINATOR)).toContain('thuộc năm báo cáo 2027, không phải năm nay');
    expect(rows()).toEqual([]);
    expect(await ask('/hanchot III.1.3 15/11/2026', COORDINATOR)).toContain('Hạn này đã qua');
    expect(rows()).toEqual([{ task_code: 'III.1.3', year: 2026, due_date: '2026-11-15' }]);
  });
});

describe('second new-user trial', () => {
  it('a department reporting on a task led only by "Các Sở, ban, ngành" leads it jointly, and counts in the coverage', async () => {
    await h.send(message('/capnhat I.1 đang 30% Đã tổ chức hội nghị quán triệt'));
    const view = await ask('/tinhhinh I.1', COORDINATOR);
    expect(view).toContain('Sở Y tế</b> <i>(chủ trì chung với các Sở, ban, ngành)</i>');
    expect(view).not.toContain('(phối hợp)');
    const { buildSummary } = await import('../../src/core/status.js');
    const s = buildSummary(h.app.db, 2026, NOW, 'Asia/Ho_Chi_Minh');
    const i1 = s.tasks.find((t) => t.task.code === 'I.1')!;
    expect(i1.percent).toBe(30);
    expect(s.coverage.expected).toBe(47); // 46 lead lines + Sở Y tế's line on I.1
  });
  it('a lead given with /giaoviec shows in the report’s "Cơ quan chủ trì" cell', async () => {
    const asked = await h.send(message('/giaoviec II.3 Sở Y tế', { from: COORDINATOR }));
    const yes = asked.flatMap((c) => c.payload.reply_markup?.inline_keyboard?.flat() ?? []).find((b: { callback_data: string }) => /^cf:\d+:y$/.test(b.callback_data));
    await h.send(callback(yes.callback_data, { from: COORDINATOR }));
    const calls = await h.send(message('/baocao 2026', { from: COORDINATOR }));
    const doc = calls.find((c) => c.method === 'sendDocument' && String(c.payload.document.filename).endsWith('.docx'))!;
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(doc.payload.document.bytes as Buffer)).file('word/document.xml')!.async('string');
    expect(xml.replace(/<[^>]+>/g, '')).toContain('(nay: Sở Công Thương, Sở Y tế)');
  });
  it('/tinhhinh of a section shows no figure as nothing, not a second dash', async () => {
    const text = await ask('/tinhhinh II', COORDINATOR);
    expect(text).toMatch(/<b>II\.2<\/b> ⬜ — \S/);
    expect(text).not.toContain('⬜ — —');
  });
});

describe('a report as one of "Các Sở, ngành liên quan"', () => {
  it('appears in the agency’s /viectoi, its /tinhhinh and its own yearly report, as coordinating', async () => {
    await h.send(message('/capnhat IV.1 đang 20% Đã cử cán bộ tham gia xây dựng chương trình'));
    expect(await ask('/viectoi')).toMatch(/<b>IV\.1<\/b>[^\n]*\(phối hợp\)/);
    expect(await ask('/tinhhinh')).toMatch(/<b>IV\.1<\/b>[^\n]*\(phối hợp\)/);
    const calls = await h.send(message('/baocao'));
    const doc = calls.find((c) => c.method === 'sendDocument' && String(c.payload.document.filename).endsWith('.docx'))!;
    const JSZip = (await import('jszip')).default;
    const text = (await (await JSZip.loadAsync(doc.payload.document.bytes as Buffer)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toMatch(/Nhiệm vụ IV\.1 \(phối hợp; Đang thực hiện, 20%\)/);
  });
});
