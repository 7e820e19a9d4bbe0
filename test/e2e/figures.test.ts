// The hand-worked year (test/support/year-2026.ts) as people see it: the coordinator's /tinhhinh,
// the digest, /kehoach and /chitieu, over the Bot API stand-in. The report documents check the
// same year in their own test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDigest } from '../../src/jobs/digest.js';
import { startHarness, type Harness } from '../support/harness.js';
import { COORDINATOR, groupChat, message, OFFICER } from '../support/updates.js';
import { seedYear2026, TODAY } from '../support/year-2026.js';
import { registerOfficer } from '../support/harness.js';
import JSZip from 'jszip';
import type { RecordedCall } from '../support/bot-api-stub.js';
import type { TgUser } from '../support/updates.js';

const SCT_OFFICER: TgUser = { id: 900301, is_bot: false, first_name: 'Hoa', last_name: 'Lê' };
/** The text of a .docx the bot sent, paragraphs on their own lines. */
async function docxText(calls: RecordedCall[], suffix: string): Promise<string> {
  const doc = calls.find((c) => c.method === 'sendDocument' && String(c.payload.document.filename).endsWith(suffix))!;
  const xml = await (await JSZip.loadAsync(doc.payload.document.bytes as Buffer)).file('word/document.xml')!.async('string');
  return xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&');
}

let h: Harness;
const DIGEST_GROUP = groupChat(-1003100000001, 'Sở KH&CN — tổng hợp');

beforeAll(async () => {
  h = await startHarness({ now: () => TODAY });
  seedYear2026(h.app.db);
  await h.send(message('/dattonghop', { from: COORDINATOR, chat: DIGEST_GROUP }));
});
afterAll(() => h?.close());

const ask = async (text: string, from = COORDINATOR) => (await h.ask(message(text, { from }))).join('\n');

describe('the hand-worked year in /tinhhinh', () => {
  it('the whole plan: 12 %, counts by status and deadline category, two overdue tasks', async () => {
    const text = await ask('/tinhhinh');
    expect(text).toContain('▓░░░░░░░░░ 12%');
    expect(text).toContain('✅1 🔄3 ⛔2 ⬜25');
    for (const [section, bar] of [['II ', '▓░░░░░░░░░ 12%'], ['III', '▓▓░░░░░░░░ 19%'], ['V  ', '▓▓▓░░░░░░░ 25%'], ['IV ', '░░░░░░░░░░ 0%']]) {
      expect(text).toContain(`${section} ${bar}`);
    }
    expect(text).toMatch(/Hoàn thành quá hạn: <b>1<\/b>/);
    expect(text).toMatch(/Đang thực hiện trong hạn: <b>4<\/b>/);
    expect(text).toMatch(/Đang thực hiện quá hạn: <b>1<\/b>/);
  });
  it('a blocked line keeps its progress: II.3 at 70 %, III.1.2 at 100 %', async () => {
    expect(await ask('/tinhhinh II.3')).toContain('⛔ Gặp vướng mắc (70%)');
    expect(await ask('/tinhhinh III.1.2')).toContain('⛔ Gặp vướng mắc (100%)');
  });
  it('a task nobody gave a figure for shows —, not 0 % or 50 %', async () => {
    const text = await ask('/tinhhinh IV');
    expect(text).toMatch(/<b>IV\.1<\/b> ⬜ — /);
  });
});

describe('the digest of that year', () => {
  it('has the same figures, the overdue tasks with their agencies, and the targets', async () => {
    const before = h.stub.calls.length;
    expect((await sendDigest(h.app.jobs, { trigger: 'manual', periodEnd: TODAY })).kind).toBe('sent');
    await h.app.outbox.drained();
    const text = h.stub.calls.slice(before).filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text)).join('\n');
    expect(text).toContain('▓░░░░░░░░░ 12%');
    expect(text).toContain('Tính trên 8/46 dòng');
    expect(text).toContain('⏰ Quá hạn (2 nhiệm vụ):');
    expect(text).toContain('<b>III.1.5</b> (hạn 01/11/2026) — Công an tỉnh');
    expect(text).toContain('<b>IV.1</b> (hạn 15/11/2026) — Sở GD&amp;ĐT');
    expect(text).toContain('🎯 Chỉ tiêu cụ thể');
    expect(text).not.toContain('Không có cập nhật nào trong kỳ');
  });
});

describe('/chitieu: the plan’s quantitative targets', () => {
  it('lists the six figures of "Mục tiêu cụ thể", none recorded yet', async () => {
    const text = await ask('/chitieu');
    expect(text).toContain('Đóng góp của công nghiệp sinh học vào GRDP</b> — mục tiêu 7% GRDP đến năm 2030');
    expect(text).toContain('mục tiêu khoảng 10% GRDP đến năm 2045');
    expect(text).toContain('ít nhất 50%');
    expect(text.match(/chưa có số liệu/g)).toHaveLength(6);
  });
  it('the coordinator records a value with its source, once per update', async () => {
    const update = { update_id: 7_700_001, ...message('/chitieu grdp2030 2026 3,2% ; Thống kê tỉnh An Giang', { from: COORDINATOR }) };
    const reply = (await h.ask(update)).join('\n');
    expect(reply).toContain('Đã ghi chỉ tiêu <b>Đóng góp của công nghiệp sinh học vào GRDP</b>: 3,2% năm 2026 (nguồn: Thống kê tỉnh An Giang)');
    expect(reply).toContain('còn cách mục tiêu 3,8 điểm %');
    h.stub.push(update); // Telegram delivers the same update again
    await h.send(message('/trogiup', { from: COORDINATOR })); // handled after it
    const rows = h.app.db.$client.prepare('select target_code, year, value, source from target_values').all();
    expect(rows).toEqual([{ target_code: 'grdp2030', year: 2026, value: 3.2, source: 'Thống kê tỉnh An Giang' }]);
  });
  it('shows it in /chitieu, /kehoach and the digest', async () => {
    expect(await ask('/chitieu')).toContain('đạt 3,2% (năm 2026, nguồn: Thống kê tỉnh An Giang) · còn cách mục tiêu 3,8 điểm %');
    const plan = await ask('/kehoach', OFFICER);
    expect(plan).toContain('Chỉ tiêu định lượng và số liệu mới nhất');
    expect(plan).toContain('đạt 3,2% (năm 2026');
    const before = h.stub.calls.length;
    await sendDigest(h.app.jobs, { trigger: 'manual', periodEnd: TODAY });
    await h.app.outbox.drained();
    expect(h.stub.calls.slice(before).map((c) => String(c.payload.text ?? '')).join('\n')).toContain('đạt 3,2% (năm 2026');
  });
  it('refuses what it cannot trust, and changes nothing', async () => {
    const count = () => (h.app.db.$client.prepare('select count(*) n from target_values').get() as { n: number }).n;
    const before = count();
    await registerOfficer(h, OFFICER, 'Sở Y tế');
    expect(await ask('/chitieu grdp2030 2026 5 ; tự ước tính', OFFICER)).toContain('Chỉ Sở KH&amp;CN ghi số liệu chỉ tiêu');
    expect(await ask('/chitieu grdp2030 2026 5')).toContain('Cần ghi rõ nguồn số liệu');
    expect(await ask('/chitieu grdp2030 2027 5 ; Thống kê')).toContain('Năm phải từ 2024 đến 2026');
    expect(await ask('/chitieu grdp2030 2026 150 ; Thống kê')).toContain('phải từ 0 đến 100');
    expect(await ask('/chitieu gdp 2026 5 ; Thống kê')).toContain('Không có chỉ tiêu với mã này');
    expect(await ask('/chitieu sanpham2030 2026 <b>5</b> ; x')).toContain('Cách ghi: <code>/chitieu sanpham2030');
    expect(count()).toBe(before);
  });
  it('escapes the source', async () => {
    const reply = await ask('/chitieu doanhnghiep2045 2025 12 ; <i>Sở</i> & Cục');
    expect(reply).toContain('nguồn: &lt;i&gt;Sở&lt;/i&gt; &amp; Cục');
  });
});

describe('the hand-worked year in the officers’ views and the reports', () => {
  it('/nv and /viectoi show the blocked line with its progress and the overdue deadline', async () => {
    await registerOfficer(h, SCT_OFFICER, 'Sở Công Thương');
    expect(await ask('/nv II.3', SCT_OFFICER)).toContain('Sở Công Thương: ⛔ Gặp vướng mắc (70%)');
    const mine = await ask('/viectoi', SCT_OFFICER);
    expect(mine).toContain('⛔ Gặp vướng mắc (70%)');
    expect(mine).toContain('⛔ Gặp vướng mắc (100%)');
    expect(mine).toContain('🔄 Đang thực hiện (50%)');
    const nv = await ask('/nv IV.1', SCT_OFFICER);
    expect(nv).toContain('15/11/2026');
    expect(nv).toContain('Quá hạn');
  });
  it('the consolidated report carries the same figures', async () => {
    const calls = await h.send(message('/baocao 2026', { from: COORDINATOR }));
    const text = await docxText(calls, '.docx');
    expect(text).toContain('Tiến độ chung ước đạt 12%');
    expect(text).toContain('8/46');
    expect(text).toMatch(/Mục II \([^)]*\): 0\/8 nhiệm vụ hoàn thành, tiến độ ước đạt 12%/);
    expect(text).toMatch(/Mục III \([^)]*\): 0\/9 nhiệm vụ hoàn thành, tiến độ ước đạt 19%/);
    expect(text).toMatch(/Mục V \([^)]*\): 1\/4 nhiệm vụ hoàn thành, tiến độ ước đạt 25%/);
    expect(text).toContain('hoàn thành quá hạn 1');
    expect(text).toContain('Nhiệm vụ II.3 (Sở Công Thương, Gặp vướng mắc, 70%)');
    expect(text).toContain('Nhiệm vụ III.1.2 (Sở Công Thương, Gặp vướng mắc, 100%)');
    expect(text).toContain('15/11/2026'); // IV.1's moved deadline in the appendix
  });
  it('Sở Công Thương’s own report shows its own lines, not the task aggregates', async () => {
    const calls = await h.send(message('/baocao', { from: SCT_OFFICER }));
    const text = await docxText(calls, '.docx');
    expect(text).toContain('SỞ CÔNG THƯƠNG');
    expect(text).toContain('/BC-SCT');
    expect(text).toContain('Kính gửi: Sở Khoa học và Công nghệ');
    // II.1 stands at 25 % for the plan; Sở Công Thương's own line is 50 %.
    expect(text).toMatch(/Nhiệm vụ II\.1 \(chủ trì; Đang thực hiện, 50%\)/);
    expect(text).toMatch(/Nhiệm vụ II\.3 \(chủ trì; Gặp vướng mắc, 70%\)/);
  });
});

describe('an agency’s own figure', () => {
  it('is the same in its /tinhhinh and in its yearly report', async () => {
    const view = await ask('/tinhhinh', SCT_OFFICER);
    const shown = /Tiến độ chung của cơ quan \(như trong báo cáo năm\): <code>[▓░]+ (\d+)%<\/code>/.exec(view)?.[1];
    expect(shown).toBeDefined();
    const doc = await docxText(await h.send(message('/baocao', { from: SCT_OFFICER })), '.docx');
    const reported = /ước đạt (\d+)%/.exec(doc)?.[1];
    expect(reported).toBe(shown);
  });
});

