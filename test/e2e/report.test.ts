// The yearly report: documents parsed back. How they print (LibreOffice → PDF) is in report-pdf.test.ts.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { letterheadLines } from '../../src/reports/docx.js';
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
  // Only a coordinating agency ("Các Sở, ngành liên quan") reported on III.1.2: its lead has not.
  seedUpdate(db, { task: 'III.1.2', agency: 'SGDDT', status: 'in_progress', percent: 10, note: 'Phối hợp khảo sát', at: vn(2026, 8, 1) });
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
    // The issuer's name is on two lines of the letterhead ("SỞ KHOA HỌC" / "VÀ CÔNG NGHỆ").
    for (const s of ['UBND TỈNH AN GIANG', 'SỞ KHOA HỌC', 'VÀ CÔNG NGHỆ', 'Số:      /BC-SKHCN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'An Giang, ngày 05 tháng 12 năm 2026', 'BÁO CÁO']) {
      expect(text).toContain(s);
    }
    expect(text).toContain('Kết quả thực hiện Kế hoạch số 457/KH-UBND');
    expect(text).toContain('trong tổng số 31 nhiệm vụ: hoàn thành đúng hạn 1');
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/); // A4
    // The appendix is the last table: a header, five section rows, 31 task rows.
    const tables = xml.split('<w:tbl>').slice(1);
    expect((tables[tables.length - 1]!.match(/<w:tr>|<w:tr /g) ?? []).length).toBe(1 + 5 + 31);
    for (const h of ['TT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Thời gian thực hiện', 'Hạn', 'Kết quả thực hiện', 'Khó khăn, vướng mắc', 'Đề xuất, kiến nghị']) expect(text).toContain(h);
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('- Lưu: VT.');
    // Page numbers: a header with the PAGE field; page 1 has its own empty header (titlePg).
    expect(xml).toContain('<w:titlePg');
    const headers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/header\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(headers.some((x) => x.includes('PAGE'))).toBe(true);
    // Margins of the NĐ 30 form: top 20, bottom 20, left 30, right 15 mm.
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(text).toContain('Sở Y tế: Thiếu nhân lực.');
    expect(text).toContain('Sở Y tế: Bổ sung biên chế.');
    expect(text).toContain('Đề nghị lùi thời hạn sang quý II/2027');
  });

  it('the .xlsx has the same rows, a row per task and agency, and every update, with real dates and filters', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files['bao-cao-kh457-2026.xlsx']! as unknown as ExcelJS.Buffer);
    const [tasks, lines, updates] = wb.worksheets;
    const col = (ws: ExcelJS.Worksheet, header: string) => (ws.getRow(1).values as unknown[]).indexOf(header);
    expect(tasks!.name).toBe('Nhiệm vụ');
    expect(tasks!.rowCount).toBe(32);
    expect(tasks!.getRow(1).getCell(1).value).toBe('TT');
    const codes = Array.from({ length: 31 }, (_, i) => tasks!.getRow(i + 2).getCell(1).value);
    expect(codes[0]).toBe('I.1');
    expect(codes[30]).toBe('V.4');
    const row = tasks!.getRows(2, 31)!.find((r) => r.getCell(1).value === 'III.1.3')!;
    expect(row.getCell(col(tasks!, 'Tình trạng')).value).toBe('Hoàn thành');
    expect(row.getCell(col(tasks!, 'Thời gian thực hiện')).value).toMatch(/^Trình UBND tỉnh ban hành/);
    // The deadline is a date cell (10/12/2026), shown dd/mm/yyyy.
    const due = row.getCell(col(tasks!, 'Hạn'));
    expect(due.value).toEqual(new Date(Date.UTC(2026, 11, 10)));
    expect(due.numFmt).toBe('dd/mm/yyyy');
    expect(tasks!.getRow(1).font?.bold ?? tasks!.getRow(1).getCell(1).font?.bold).toBe(true);
    // Tasks × agencies: III.1.5's line for Công an tỉnh, blocked and not overdue yet (due 10/12).
    expect(lines!.name).toBe('Nhiệm vụ - cơ quan');
    const cat = lines!.getRows(2, lines!.rowCount - 1)!.find((r) => r.getCell(1).value === 'III.1.5' && r.getCell(col(lines!, 'Cơ quan')).value === 'Công an tỉnh')!;
    expect(cat.getCell(col(lines!, 'Tình trạng')).value).toBe('Gặp vướng mắc');
    expect(cat.getCell(col(lines!, 'Vai trò')).value).toBe('chủ trì');
    expect(cat.getCell(col(lines!, 'Quá hạn')).value).toBe('Không');
    expect(cat.getCell(col(lines!, 'Tỉ lệ (%)')).value).toBe(null);
    // A lead that never reported is listed, with no figure.
    const silent = lines!.getRows(2, lines!.rowCount - 1)!.find((r) => r.getCell(1).value === 'III.1.1')!;
    expect(silent.getCell(col(lines!, 'Tình trạng')).value).toBe('Chưa báo cáo');
    expect(silent.getCell(col(lines!, 'Tỉ lệ (%)')).value).toBe(null);
    // Every update; its time is a date cell with the wall-clock time in Việt Nam.
    expect(updates!.rowCount).toBe(1 + 4);
    const first = updates!.getRow(2).getCell(1);
    expect(first.value).toEqual(new Date(Date.UTC(2026, 2, 1, 9, 0)));
    expect(first.numFmt).toBe('dd/mm/yyyy hh:mm');
    for (const ws of [tasks!, lines!, updates!]) {
      expect(ws.autoFilter).toBeTruthy();
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
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

  it('an officer gets only their own agency’s report', async () => {
    const own = documentsIn(await h.send(message('/baocao')));
    expect(Object.keys(own)).toContain('bao-cao-kh457-2026-syt.csv');
    const csv = own['bao-cao-kh457-2026-syt.csv']!.toString('utf8');
    expect(csv).toContain('"III.1.3"');
    expect(csv).not.toContain('"II.3"');
    expect((await h.ask(message('/baocao Sở Công Thương'))).join()).toContain('chỉ lấy được phần báo cáo của cơ quan mình');
  });

  it('says how many of the tasks counted "chưa thực hiện" nobody reported on (new-user review)', async () => {
    const xml = await (await JSZip.loadAsync(files['bao-cao-kh457-2026.docx']!)).file('word/document.xml')!.async('string');
    // 31 tasks; III.1.3, II.3 and III.1.5 have reports: the other 28 fall under "chưa thực hiện", none reported on.
    expect(xml.replace(/<[^>]+>/g, '')).toContain('chưa thực hiện 28 (cả 28 nhiệm vụ đều chưa có báo cáo)');
  });

  it('the appendix names every agency owing a report on a task, and says a task nobody reported on has no report (new-user review)', async () => {
    const xml = await (await JSZip.loadAsync(files['bao-cao-kh457-2026.docx']!)).file('word/document.xml')!.async('string');
    const appendix = xml.split('<w:tbl>').at(-1)!;
    const rowOf = (code: string) => appendix.split('<w:tr>').map((r) => r.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '')).find((r) => r.startsWith(`${code}\n`))!;
    // I.1 is led by "Các Sở, ban, ngành": every department answers in its row.
    const i1 = rowOf('I.1');
    expect(i1).toContain('Chưa thực hiện (chưa có báo cáo)');
    expect(i1).toContain('- Sở Y tế: Chưa báo cáo');
    expect(i1).toContain('- Sở Công Thương: Chưa báo cáo');
    // A task with a report does not say it has none; one with only a coordinating agency's does.
    expect(rowOf('III.1.3')).not.toContain('chưa có báo cáo');
    expect(rowOf('III.1.2')).toContain('(chưa có báo cáo)');
  });

  it("an agency's own report counts a note without a status word as reported, as the chat does (attack review)", async () => {
    const unreported = async () => {
      const own = documentsIn(await h.send(message('/baocao')));
      const xml = await (await JSZip.loadAsync(own['bao-cao-kh457-2026-syt.docx']!)).file('word/document.xml')!.async('string');
      return /Nhiệm vụ chủ trì chưa báo cáo kết quả trong năm: ((?:[IV]+(?:\.\d+)+(?:, )?)+)/.exec(xml.replace(/<[^>]+>/g, ''))![1]!.split(', ');
    };
    expect(await unreported()).toEqual(['I.1', 'II.1', 'II.5', 'V.4']);
    expect((await h.ask(message('/capnhat II.1 Đã họp triển khai với các bệnh viện'))).join()).toContain('Đã ghi nhận');
    expect(await unreported()).toEqual(['I.1', 'II.5', 'V.4']);
    // /viectoi says the same.
    expect((await h.ask(message('/viectoi'))).join()).toContain('chưa có cập nhật năm nay: I.1, II.5, V.4');
  });

  it('letterhead names break between phrases, never inside one', () => {
    expect(letterheadLines('Sở Khoa học và Công nghệ')).toEqual(['SỞ KHOA HỌC', 'VÀ CÔNG NGHỆ']);
    expect(letterheadLines('Sở Văn hóa, Thể thao và Du lịch')).toEqual(['SỞ VĂN HÓA, THỂ THAO', 'VÀ DU LỊCH']);
    expect(letterheadLines('Liên hiệp các Hội khoa học kỹ thuật tỉnh')).toEqual(['LIÊN HIỆP CÁC HỘI', 'KHOA HỌC', 'KỸ THUẬT TỈNH']);
    expect(letterheadLines('Sở Y tế')).toEqual(['SỞ Y TẾ']);
  });

  it('text that would break the document XML is dropped, not passed on', async () => {
    // (A lone surrogate cannot even be stored: SQLite's UTF-8 turns it into U+FFFD; xmlSafe drops it all the same.)
    seedUpdate(h.app.db, { task: 'II.5', agency: 'SYT', status: 'in_progress', percent: 10, note: 'Bad\u0001 char\u000b and\u001f more', at: vn(2026, 11, 1) });
    const again = documentsIn(await h.send(message('/baocao 2026', { from: COORDINATOR })));
    const xml = await (await JSZip.loadAsync(again['bao-cao-kh457-2026.docx']!)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Bad char and more');
    expect(xml).not.toMatch(/[\u0001\u000b\u001f]/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(again['bao-cao-kh457-2026.xlsx']! as unknown as ExcelJS.Buffer);
    expect(JSON.stringify(wb.worksheets[2]!.getSheetValues())).toContain('Bad char and more');
  });
});
