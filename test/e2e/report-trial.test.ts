// Findings of the new-user trial and the attack review on the yearly reports, end to end: officers
// report through the bot, the documents it sends are opened and read back.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDeadline } from '../../src/db/queries/deadlines.js';
import type { RecordedCall } from '../support/bot-api-stub.js';
import { registerOfficer, startHarness, type Harness } from '../support/harness.js';
import { seedUpdate, vn } from '../support/seed.js';
import { COORDINATOR, message, OFFICER, STRANGER, type TgUser } from '../support/updates.js';

const SCT_OFFICER: TgUser = { id: 900302, is_bot: false, first_name: 'Lan', last_name: 'Phạm' };
let h: Harness;
/** The consolidated report and Sở Y tế's own, as sent. */
let consolidated: Record<string, Buffer> = {};
let agency: Record<string, Buffer> = {};
const replies: Record<string, string> = {};

const documentsIn = (calls: RecordedCall[]) =>
  Object.fromEntries(
    calls.filter((c) => c.method === 'sendDocument' && c.outcome === 'ok').map((c) => [c.payload.document.filename as string, c.payload.document.bytes as Buffer]),
  );
const textsIn = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text)).join('\n');
/** The document's paragraphs, one per entry, entities decoded. */
async function paragraphs(docx: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
  return (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).map((p) => p.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'));
}
async function workbook(xlsx: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
  return wb;
}
const cellOf = (ws: ExcelJS.Worksheet, header: string) => (ws.getRow(1).values as unknown[]).indexOf(header);
const rowsOf = (ws: ExcelJS.Worksheet) => ws.getRows(2, ws.rowCount - 1)!;

beforeAll(async () => {
  h = await startHarness({ now: () => vn(2026, 12, 5, 10) });
  const db = h.app.db;
  await registerOfficer(h, OFFICER, 'Sở Y tế');
  await registerOfficer(h, SCT_OFFICER, 'Sở Công Thương');
  // The trial: a result with a figure, then a blocker — through the bot, as officers type them.
  replies.progress = textsIn(await h.send(message('/capnhat III.1.3 đang 70% Đã trình dự thảo đề án lên UBND tỉnh')));
  replies.blocked = textsIn(await h.send(message('/capnhat III.1.3 vướng mắc chờ Bộ')));
  // A blocked note without the words "vướng mắc": it is the blocker, not a result.
  seedUpdate(db, { task: 'III.1.5', agency: 'CAT', status: 'blocked', note: 'Chờ hướng dẫn của Bộ Công an', at: vn(2026, 9, 1) });
  // A blocker report that also says what was done: its "Kết quả:" part is a result.
  seedUpdate(db, { task: 'II.3', agency: 'SCT', status: 'in_progress', percent: 30, note: 'Đã khảo sát 12 doanh nghiệp.', at: vn(2026, 3, 1) });
  seedUpdate(db, { task: 'II.3', agency: 'SCT', status: 'blocked', note: 'Kết quả: Đã chọn 3 doanh nghiệp tham gia hội chợ.\nKhó khăn: Chưa có kinh phí đối ứng.', at: vn(2026, 6, 1) });
  // Overdue: IV.1 not started with its deadline passed (a consolidated task), II.5 for Sở Y tế's own report.
  setDeadline(db, 'IV.1', 2026, '2026-11-15', COORDINATOR.id, vn(2026, 9, 1));
  setDeadline(db, 'II.5', 2026, '2026-11-01', COORDINATOR.id, vn(2026, 9, 1));
  // A note with a direction override: printed as typed, in order.
  seedUpdate(db, { task: 'V.4', agency: 'SYT', status: 'in_progress', note: 'Ký với viện \u202eABC\u202c ngày 3/11', at: vn(2026, 11, 3) });
  // Ten long proposals on one task: their cell in Excel would pass 32,767 characters.
  const long = `Đề nghị bổ sung kinh phí cho nhiệm vụ. ${'Nội dung chi tiết của đề xuất. '.repeat(125)}`.slice(0, 3900);
  for (let i = 0; i < 10; i++) await h.send(message(`/kiennghi II.1 ${i + 1}. ${long}`));

  consolidated = documentsIn(await h.send(message('/baocao 2026', { from: COORDINATOR })));
  agency = documentsIn(await h.send(message('/baocao')));
}, 120_000);
afterAll(() => h?.close());

describe('a blocker does not erase the result', () => {
  it('the consolidated .docx lists III.1.3’s result under "Kết quả cụ thể" and the blocker under section II', async () => {
    expect(replies.blocked).toContain('Gặp vướng mắc');
    const p = await paragraphs(consolidated['bao-cao-kh457-2026.docx']!);
    expect(p).toContain('- Nhiệm vụ III.1.3 (Sở Y tế, Gặp vướng mắc, 70%): Đã trình dự thảo đề án lên UBND tỉnh');
    expect(p).toContain('- Nhiệm vụ III.1.3 (Sở Y tế): chờ Bộ');
    // The appendix: the line's status, figure and result together.
    expect(p).toContain('- Sở Y tế: Gặp vướng mắc (70%). Đã trình dự thảo đề án lên UBND tỉnh');
  });

  it('a blocker report’s "Kết quả:" part is a result, its other words the difficulty', async () => {
    const p = await paragraphs(consolidated['bao-cao-kh457-2026.docx']!);
    expect(p).toContain('- Nhiệm vụ II.3 (Sở Công Thương, Gặp vướng mắc, 30%): Đã chọn 3 doanh nghiệp tham gia hội chợ.');
    expect(p).toContain('- Nhiệm vụ II.3 (Sở Công Thương): Chưa có kinh phí đối ứng.');
  });

  it('a blocked note without "vướng mắc" is the difficulty only, never also the result (III.1.5)', async () => {
    const p = await paragraphs(consolidated['bao-cao-kh457-2026.docx']!);
    expect(p).toContain('- Nhiệm vụ III.1.5 (Công an tỉnh): Chờ hướng dẫn của Bộ Công an');
    expect(p.filter((x) => x.includes('Chờ hướng dẫn của Bộ Công an'))).toHaveLength(2); // section II and the appendix's difficulty cell
    expect(p.some((x) => x.startsWith('- Nhiệm vụ III.1.5 (Công an tỉnh,'))).toBe(false);
    const wb = await workbook(consolidated['bao-cao-kh457-2026.xlsx']!);
    const lines = wb.getWorksheet('Nhiệm vụ - cơ quan')!;
    const cat = rowsOf(lines).find((r) => r.getCell(1).value === 'III.1.5' && r.getCell(cellOf(lines, 'Cơ quan')).value === 'Công an tỉnh')!;
    expect(cat.getCell(cellOf(lines, 'Kết quả thực hiện')).value ?? '').toBe('');
    expect(cat.getCell(cellOf(lines, 'Khó khăn, vướng mắc')).value).toBe('Chờ hướng dẫn của Bộ Công an');
  });

  it('the .xlsx keeps the result and puts the blocker under difficulties', async () => {
    const wb = await workbook(consolidated['bao-cao-kh457-2026.xlsx']!);
    const tasks = wb.getWorksheet('Nhiệm vụ')!;
    const row = rowsOf(tasks).find((r) => r.getCell(1).value === 'III.1.3')!;
    expect(row.getCell(cellOf(tasks, 'Kết quả thực hiện')).value).toBe('Sở Y tế: Đã trình dự thảo đề án lên UBND tỉnh');
    expect(row.getCell(cellOf(tasks, 'Khó khăn, vướng mắc')).value).toBe('Sở Y tế: chờ Bộ');
  });

  it('Sở Y tế’s own report says the same of its line', async () => {
    const p = await paragraphs(agency['bao-cao-kh457-2026-syt.docx']!);
    expect(p).toContain('- Nhiệm vụ III.1.3 (chủ trì; Gặp vướng mắc, 70%): Đã trình dự thảo đề án lên UBND tỉnh');
    expect(p).toContain('- Nhiệm vụ III.1.3: chờ Bộ');
    const wb = await workbook(agency['bao-cao-kh457-2026-syt.xlsx']!);
    const tasks = wb.getWorksheet('Nhiệm vụ')!;
    const row = rowsOf(tasks).find((r) => r.getCell(1).value === 'III.1.3')!;
    expect(row.getCell(cellOf(tasks, 'Kết quả thực hiện')).value).toBe('Đã trình dự thảo đề án lên UBND tỉnh');
  });
});

describe('overdue tasks are named on page 1 and marked in the appendix', () => {
  it('consolidated: the figures sentence counts and names the overdue tasks beside the five categories', async () => {
    const p = await paragraphs(consolidated['bao-cao-kh457-2026.docx']!);
    const figures = p.find((x) => x.startsWith('Năm 2026, trong tổng số 31 nhiệm vụ'))!;
    expect(figures).toContain('chưa thực hiện');
    expect(figures).toMatch(/số nhiệm vụ đã quá hạn mà chưa hoàn thành \(kể cả nhiệm vụ chưa thực hiện\) là 2: II\.5, IV\.1\./);
    // The appendix: under the date in the Hạn column.
    const at = p.indexOf('15/11/2026');
    expect(at).toBeGreaterThan(0);
    expect(p[at + 1]).toBe('Quá hạn');
    expect(p.filter((x) => x === 'Quá hạn')).toHaveLength(2);
  });

  it('agency: its own overdue lines', async () => {
    const p = await paragraphs(agency['bao-cao-kh457-2026-syt.docx']!);
    const figures = p.find((x) => x.startsWith('Năm 2026, Sở Y tế'))!;
    expect(figures).toMatch(/số nhiệm vụ đã quá hạn mà chưa hoàn thành \(kể cả nhiệm vụ chưa thực hiện\) là 1: II\.5\./);
    expect(p.filter((x) => x === 'Quá hạn')).toHaveLength(1);
  });
});

describe('documents speak in words', () => {
  it('no bare "—" and no nested parentheses in sentences', async () => {
    for (const doc of [consolidated['bao-cao-kh457-2026.docx']!, agency['bao-cao-kh457-2026-syt.docx']!]) {
      const p = await paragraphs(doc);
      for (const x of p) {
        expect(x).not.toMatch(/(^|[\s(,])—($|[\s),.])/);
        expect(x).not.toMatch(/\([^()]*\(/);
      }
    }
    const own = await paragraphs(agency['bao-cao-kh457-2026-syt.docx']!);
    expect(own).toContain('- Nhiệm vụ V.4 (chủ trì; Đang thực hiện, chưa báo cáo tỉ lệ): Ký với viện ABC ngày 3/11');
    expect(own).toContain('Đang thực hiện (chưa báo cáo tỉ lệ)');
  });
});

describe('text that would print other than typed', () => {
  it('direction overrides are taken out of notes in .docx and .xlsx', async () => {
    const xml = await (await JSZip.loadAsync(consolidated['bao-cao-kh457-2026.docx']!)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Ký với viện ABC ngày 3/11');
    expect(xml).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    const wb = await workbook(consolidated['bao-cao-kh457-2026.xlsx']!);
    const all = JSON.stringify(wb.worksheets.map((ws) => ws.getSheetValues()));
    expect(all).toContain('Ký với viện ABC ngày 3/11');
    expect(all).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });

  it('/chuky cleans what it stores and refuses what is empty once cleaned', async () => {
    const saved = textsIn(await h.send(message('/chuky coquanchuquan UBND \u202eTỈNH AN GIANG\u202c\uFFFE', { from: COORDINATOR })));
    expect(saved).toContain('Cơ quan chủ quản: UBND TỈNH AN GIANG');
    const signer = textsIn(await h.send(message('/chuky KT. GIÁM \u202eĐỐC | PHÓ\u2066 GIÁM ĐỐC | Nguyễn\u200b Văn\uFFFF An', { from: COORDINATOR })));
    expect(signer).toContain('Thẩm quyền ký: KT. GIÁM ĐỐC');
    expect(signer).toContain('Chức vụ người ký: PHÓ GIÁM ĐỐC');
    expect(signer).toContain('Họ tên người ký: Nguyễn Văn An');
    // Nothing but invisible or direction characters is no value at all.
    expect(textsIn(await h.send(message('/chuky | GIÁM ĐỐC | \u202e\u200b\u2060', { from: COORDINATOR })))).toContain('Ghi đủ ba phần');
    expect(textsIn(await h.send(message('/chuky coquanchuquan \u202e\u200b', { from: COORDINATOR })))).toContain('Hãy ghi nội dung sau từ khóa');
    expect(textsIn(await h.send(message('/chuky kyhieu S\u202eYT', { from: COORDINATOR })))).toContain('Số: …/BC-SYT');
    const docs = documentsIn(await h.send(message('/baocao 2026', { from: COORDINATOR })));
    const p = await paragraphs(docs['bao-cao-kh457-2026.docx']!);
    expect(p).toContain('UBND TỈNH AN GIANG');
    expect(p).toContain('Nguyễn Văn An');
    expect(p.join('\n')).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b\ufffe\uffff]/);
  });
});

describe('Excel limits', () => {
  it('no cell passes 32,767 characters; a clipped one says where the rest is', async () => {
    const wb = await workbook(consolidated['bao-cao-kh457-2026.xlsx']!);
    let longest = 0;
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => (longest = Math.max(longest, String(c.value ?? '').length))));
    expect(longest).toBeLessThanOrEqual(32_767);
    const tasks = wb.getWorksheet('Nhiệm vụ')!;
    const cell = String(rowsOf(tasks).find((r) => r.getCell(1).value === 'II.1')!.getCell(cellOf(tasks, 'Đề xuất, kiến nghị')).value);
    expect(cell.length).toBeGreaterThan(30_000);
    expect(cell).toMatch(/… \(xem sheet Cập nhật\)$/);
    const csv = consolidated['bao-cao-kh457-2026.csv']!.toString('utf8');
    const fields = csv.match(/"(?:[^"]|"")*"/g)!;
    expect(Math.max(...fields.map((f) => f.slice(1, -1).replace(/""/g, '"').length))).toBeLessThanOrEqual(32_767);
  });
});

describe('/baocao for someone who is not a focal officer', () => {
  it('says who the reports are for and how to register', async () => {
    const reply = (await h.ask(message('/baocao', { from: STRANGER }))).join('\n');
    expect(reply).toContain('cán bộ đầu mối');
    expect(reply).toContain('Sở KH&amp;CN');
    expect(reply).toContain('/dangky');
    expect(reply).not.toContain('chưa thể cập nhật');
  });
});
