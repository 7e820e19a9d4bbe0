// /status on a seeded year: the numbers are worked out by hand from the data below.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDeadline } from '../../src/db/queries/deadlines.js';
import { withdrawProgressReport } from '../../src/db/queries/progress-reports.js';
import { registerOfficer, startHarness, type Harness } from '../support/harness.js';
import { seedUpdate, vn } from '../support/seed.js';
import { COORDINATOR, message, OFFICER } from '../support/updates.js';

let h: Harness;
let clock = vn(2026, 11, 28, 10);

beforeAll(async () => {
  h = await startHarness({ now: () => clock });
  const db = h.app.db;
  seedUpdate(db, { task: 'III.1.3', agency: 'SYT', status: 'in_progress', percent: 50, note: 'Dự thảo', at: vn(2026, 3, 1) });
  seedUpdate(db, { task: 'III.1.3', agency: 'SYT', status: 'done', note: 'Đã ban hành đề án', at: vn(2026, 6, 1) });
  seedUpdate(db, { task: 'II.3', agency: 'SCT', status: 'in_progress', percent: 40, note: 'Hội chợ xuất khẩu', at: vn(2026, 3, 1) });
  seedUpdate(db, { task: 'III.1.5', agency: 'CAT', status: 'blocked', note: 'Thiếu kinh phí <nghiên cứu>', at: vn(2026, 9, 1) });
  seedUpdate(db, { task: 'II.6', agency: 'SKHCN', status: 'in_progress', percent: 70, note: 'Hai đề tài cấp quốc gia', at: vn(2026, 5, 1) });
  seedUpdate(db, { task: 'I.3', agency: 'SKHCN', status: 'done', note: 'Đã tuyên truyền', at: vn(2026, 4, 10) });
  seedUpdate(db, { task: 'V.4', agency: 'SCT', status: 'done', note: 'Xong phần công thương', at: vn(2026, 10, 1) });
  seedUpdate(db, { task: 'V.4', agency: 'SYT', status: 'done', note: 'Xong phần y tế', at: vn(2026, 10, 2) });
  // Sở GD&ĐT reported only as one of "Các Sở, ngành liên quan" on II.3: none of its lead tasks.
  seedUpdate(db, { task: 'II.3', agency: 'SGDDT', status: 'in_progress', percent: 10, note: 'Phối hợp tuyên truyền', at: vn(2026, 8, 1) });
  // Last year, and a withdrawn update, must not count.
  seedUpdate(db, { task: 'II.4', agency: 'SKHCN', status: 'done', note: 'Năm trước', at: vn(2025, 11, 1) });
  const withdrawn = seedUpdate(db, { task: 'II.4', agency: 'SKHCN', status: 'done', note: 'Nhầm', at: vn(2026, 11, 1) });
  withdrawProgressReport(db, withdrawn.id, vn(2026, 11, 1, 10), 0);
  setDeadline(db, 'II.6', 2026, '2026-06-30', COORDINATOR.id, clock);
  setDeadline(db, 'I.3', 2026, '2026-03-31', COORDINATOR.id, clock);
  // An approved officer of Sở Y tế.
  await registerOfficer(h, OFFICER, 'Sở Y tế');
});
afterAll(() => h?.close());

const ask = async (text: string, from = COORDINATOR) => (await h.ask(message(text, { from }))).join('\n');

describe('/status for the coordinator', () => {
  it('shows the whole year: deadline categories, blocked items, silent agencies, days left', async () => {
    const t = await ask('/tinhhinh');
    expect(t).toContain('năm 2026');
    expect(t).toContain('Còn 12 ngày đến hạn báo cáo 10/12/2026.');
    expect(t).toContain('Hoàn thành đúng hạn: <b>1</b>');
    expect(t).toContain('Hoàn thành quá hạn: <b>1</b>');
    expect(t).toContain('Đang thực hiện trong hạn: <b>3</b>');
    expect(t).toContain('Đang thực hiện quá hạn: <b>1</b>');
    expect(t).toContain('Chưa thực hiện: <b>25</b>');
    expect(t).toContain('⛔ Vướng mắc (1):');
    expect(t).toContain('<b>III.1.5</b> — Công an tỉnh: Thiếu kinh phí &lt;nghiên cứu&gt;');
    // Who owes a report (owingAgencies) and gave none: the leads, and every department for I.1
    // ("Các Sở, ban, ngành"), the provincial newspaper among them. Sở GD&ĐT among them: its only
    // report is as a coordinating agency (attack review).
    expect(t).toContain('Chưa báo cáo nhiệm vụ chủ trì nào năm 2026 (8 cơ quan)');
    for (const a of ['Sở GD&amp;ĐT', 'Sở Nội vụ', 'Sở NN&amp;MT', 'Sở Tài chính', 'Thống kê tỉnh', 'Sở VH-TT&amp;DL', 'Liên hiệp các Hội KH&amp;KT', 'Báo và PT-TH An Giang']) {
      expect(t).toContain(a);
    }
    // Agencies that reported on some of the tasks they lead but not all (their leads, from the plan):
    // Sở KH&CN leads 20 and reported I.3 and II.6; Sở Công Thương leads II.1, II.3, II.5, III.1.2
    // and V.4; Sở Y tế II.1, II.5, III.1.3 and V.4. Công an tỉnh leads III.1.5 alone: complete.
    // I.1 is every department's ("Các Sở, ban, ngành"): Công an tỉnh, complete on the task it leads, still owes it.
    expect(t).toContain('📋 Đã báo cáo một phần, còn thiếu nhiệm vụ chủ trì (4 cơ quan):');
    expect(t).toContain('• Sở KH&amp;CN: 19 — I.1, I.2, I.4, II.1, II.2, II.4, II.5, II.7, III.2, III.3.1, III.3.2, III.4, IV.2, IV.3, IV.4, IV.5, V.1, V.2, V.3\n• Sở Công Thương: 4 — I.1, II.1, II.5, III.1.2\n• Sở Y tế: 3 — I.1, II.1, II.5\n• Công an tỉnh: 1 — I.1');
    // Section III: III.1.3 done, III.1.5 blocked, the rest not started → ✅1 🔄0 ⛔1 ⬜7
    expect(t).toMatch(/<code>III .*<\/code> ✅1 🔄0 ⛔1 ⬜7/);
  });

  it('narrows to a section', async () => {
    const t = await ask('/status II');
    expect(t).toContain('Mục II');
    expect(t).toMatch(/<b>II\.3<\/b> 🔄 40%/);
    expect(t).toMatch(/<b>II\.6<\/b> 🔄 70% .*⏰/);
    expect(t).not.toContain('<b>I.3</b>');
  });

  it('narrows to an agency: each of its tasks with its latest update', async () => {
    const t = await ask('/tinhhinh Sở Y tế');
    expect(t).toContain('Sở Y tế');
    expect(t).toMatch(/<b>III\.1\.3<\/b>[\s\S]*✅ Hoàn thành · 09:00 01\/06\/2026 · Cán bộ SYT[\s\S]*Đã ban hành đề án/);
    expect(t).toMatch(/<b>II\.1<\/b>[^\n]*\n\s+⚪ Chưa có cập nhật năm nay/);
  });

  it('narrows to a task: each responsible agency’s line', async () => {
    const t = await ask('/status V.4');
    expect(t).toContain('nhiệm vụ V.4');
    expect(t).toMatch(/<b>Sở Công Thương<\/b>: ✅ Hoàn thành/);
    expect(t).toMatch(/<b>Sở Y tế<\/b>: ✅ Hoàn thành/);
    expect(t).toMatch(/<b>Sở NN&amp;MT<\/b>: ⚪ Chưa có cập nhật năm nay/);
    expect(t).toContain('🔄 Đang thực hiện');
  });

  it('shows a past year', async () => {
    const t = await ask('/status 2025');
    expect(t).toContain('năm 2025');
    expect(t).toContain('Hoàn thành đúng hạn: <b>1</b>'); // II.4 in 2025
    expect(t).toContain('Năm 2025 đã qua (hạn báo cáo năm là 10/12/2025).'); // not "N days overdue"
    expect(t).toMatch(/Chưa báo cáo nhiệm vụ chủ trì nào năm 2025 \(\d+ cơ quan\)/); // not "năm nay"
    expect(t).not.toContain('năm nay');
  });
});

describe('/status for an officer', () => {
  it('is limited to their own agency', async () => {
    const t = await ask('/tinhhinh Sở Công Thương', OFFICER);
    expect(t).toContain('chỉ xem tình hình của cơ quan mình, không xem được Sở Công Thương');
    expect(t).not.toContain('<b>II.3</b>');
    expect(await ask('/tinhhinh', OFFICER)).toContain('Sở Y tế');
  });
  it('is refused to unregistered users', async () => {
    expect(await ask('/tinhhinh', { id: 123, is_bot: false, first_name: 'X' })).toContain('/dangky');
  });
  it('says what is missing as the coordinator does: one rule for who owes a report (new-user review)', async () => {
    // Sở Y tế leads II.1, II.5, III.1.3 and V.4, and I.1 as one of "Các Sở, ban, ngành". Sở KH&CN
    // also coordinates II.8 by name: listed in its /viectoi, not owed.
    const skhcnOfficer = { id: 990_457, is_bot: false, first_name: 'Lan' };
    await registerOfficer(h, skhcnOfficer, 'Sở Khoa học và Công nghệ');
    const whole = await ask('/tinhhinh');
    for (const [who, name] of [[OFFICER, 'Sở Y tế'], [skhcnOfficer, 'Sở KH&amp;CN']] as const) {
      const mine = await ask('/viectoi', who);
      const officerSays = /Còn \d+ nhiệm vụ chủ trì chưa có cập nhật năm nay: ([^\n<]+)/.exec(mine)![1]!.trim();
      const coordinatorSays = new RegExp(`• ${name}: \\d+ — ([^\\n<]+)`).exec(whole)![1]!.trim();
      expect(coordinatorSays).toBe(officerSays);
      if (name === 'Sở Y tế') expect(officerSays).toBe('I.1, II.1, II.5');
      else {
        expect(mine).toContain('<b>II.8</b>');
        expect(officerSays.split(', ')).not.toContain('II.8');
      }
    }
  });
});

describe('/deadline', () => {
  it('sets a due date that moves a task between categories', async () => {
    expect(await ask('/hanchot II.3 30/11/2025')).toContain('Đã đặt hạn cho II.3 năm 2025');
    expect(await ask('/hanchot II.3 30/02/2026')).toContain('Cú pháp');
    expect(await ask('/hanchot II.3 01/03/2026')).toContain('01/03/2026');
    expect(await ask('/tinhhinh')).toContain('Đang thực hiện quá hạn: <b>2</b>');
    expect(await ask('/hanchot II.3 01/03/2026', OFFICER)).toContain('Chỉ điều phối viên');
  });
});
