// The yearly report: documents parsed back, and converted by LibreOffice where it is installed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../support/bot-api-stub.js';
import { registerOfficer, startHarness, type Harness } from '../support/harness.js';
import { seedUpdate, vn } from '../support/seed.js';
import { COORDINATOR, message, OFFICER } from '../support/updates.js';

let h: Harness;
const clock = vn(2026, 12, 5, 10);
let files: Record<string, Buffer> = {};

const documentsIn = (calls: RecordedCall[]) =>
  Object.fromEntries(
    calls.filter((c) => c.method === 'sendDocument' && c.outcome === 'ok').map((c) => [c.payload.document.filename as string, c.payload.document.bytes as Buffer]),
  );

beforeAll(async () => {
  h = await startHarness({ now: () => clock });
  const db = h.app.db;
  seedUpdate(db, { task: 'III.1.3', agency: 'SYT', status: 'done', note: 'Kết quả: Đã ban hành đề án.\nKhó khăn: Thiếu nhân lực.\nĐề xuất: Bổ sung biên chế.', at: vn(2026, 6, 1) });
  seedUpdate(db, { task: 'II.3', agency: 'SCT', status: 'in_progress', percent: 40, note: '=HYPERLINK("http://x","bấm")', at: vn(2026, 3, 1) });
  seedUpdate(db, { task: 'III.1.5', agency: 'CAT', status: 'blocked', note: 'Chờ hướng dẫn của Bộ', at: vn(2026, 9, 1) });
  // An officer of Sở Y tế, who proposes an adjustment.
  await registerOfficer(h, OFFICER, 'Sở Y tế');
  await h.send(message('/kiennghi III.1.3 Đề nghị lùi thời hạn sang quý II/2027'));
  files = documentsIn(await h.send(message('/baocao 2026', { from: COORDINATOR })));
});
afterAll(() => h?.close());

describe('/report', () => {
  it('sends a Word file, an Excel workbook and a CSV to the coordinator', () => {
    expect(Object.keys(files).sort()).toEqual(['bao-cao-kh457-2026.csv', 'bao-cao-kh457-2026.docx', 'bao-cao-kh457-2026.xlsx']);
  });

  it('the .docx is a valid Word document in the NĐ 30 form with one row per task', async () => {
    const zip = await JSZip.loadAsync(files['bao-cao-kh457-2026.docx']!);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const s of ['UBND TỈNH AN GIANG', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'An Giang, ngày 05 tháng 12 năm 2026', 'BÁO CÁO']) {
      expect(text).toContain(s);
    }
    expect(text).toContain('Kết quả thực hiện Kế hoạch số 457/KH-UBND');
    expect(text).toContain('trong tổng số 31 nhiệm vụ: hoàn thành đúng hạn 1');
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/); // A4
    // Rows of the main table: a header, five section rows, 31 task rows (the letterhead table has one more).
    expect((xml.match(/<w:tr>|<w:tr /g) ?? []).length).toBe(1 + 1 + 5 + 31);
    for (const h of ['TT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Kết quả thực hiện', 'Khó khăn, vướng mắc', 'Đề xuất, kiến nghị']) expect(text).toContain(h);
    expect(text).toContain('Sở Y tế: Thiếu nhân lực.');
    expect(text).toContain('Sở Y tế: Bổ sung biên chế.');
    expect(text).toContain('Đề nghị lùi thời hạn sang quý II/2027');
  });

  it('the .xlsx has the same rows, and every update on a second sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files['bao-cao-kh457-2026.xlsx']! as unknown as ExcelJS.Buffer);
    const [tasks, updates] = wb.worksheets;
    expect(tasks!.name).toBe('Nhiệm vụ');
    expect(tasks!.rowCount).toBe(32);
    expect(tasks!.getRow(1).getCell(1).value).toBe('TT');
    const codes = Array.from({ length: 31 }, (_, i) => tasks!.getRow(i + 2).getCell(1).value);
    expect(codes[0]).toBe('I.1');
    expect(codes[30]).toBe('V.4');
    const row = tasks!.getRows(2, 31)!.find((r) => r.getCell(1).value === 'III.1.3')!;
    expect(row.getCell(4).value).toBe('Hoàn thành');
    expect(updates!.rowCount).toBe(1 + 3);
  });

  it('the CSV opens in Excel with Vietnamese intact and formulas neutralised', () => {
    const csv = files['bao-cao-kh457-2026.csv']!;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    expect(text).toContain('"Nội dung nhiệm vụ"');
    expect(text).toContain('Khuyến khích xuất khẩu sản phẩm công nghệ sinh học');
    // Inside a sentence the formula is inert text; no field may start with one.
    expect(text).toContain('"Sở Công Thương: =HYPERLINK(""http://x"",""bấm"")"');
    expect(text).not.toMatch(/(^|,)"[=+\-@]/m);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(32);
  });

  it('an officer gets only their own agency’s part', async () => {
    const own = documentsIn(await h.send(message('/baocao')));
    expect(Object.keys(own)).toContain('bao-cao-kh457-2026-syt.csv');
    const csv = own['bao-cao-kh457-2026-syt.csv']!.toString('utf8');
    expect(csv).toContain('"III.1.3"');
    expect(csv).not.toContain('"II.3"');
    expect((await h.ask(message('/baocao Sở Công Thương'))).join()).toContain('chỉ lấy được phần báo cáo của cơ quan mình');
  });

  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
  it.skipIf(!soffice)('LibreOffice converts the .docx to PDF', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kh457-lo-'));
    try {
      writeFileSync(join(dir, 'r.docx'), files['bao-cao-kh457-2026.docx']!);
      execFileSync(soffice!, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'r.docx')], { timeout: 120_000 });
      const pdf = readFileSync(join(dir, 'r.pdf'));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(10_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
