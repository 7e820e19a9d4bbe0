// The yearly reports as a clerk prints them: each .docx the bot sends is rendered by LibreOffice
// to PDF (one soffice run for all of them) and read back with `pdftotext -layout`, so the checks
// are on where things land on the page — letterhead columns, page numbers, the signature after
// the body — not on the XML. CI installs LibreOffice and poppler (.ci/run); elsewhere the file is
// skipped when they are missing, and in CI a missing program fails instead of skipping.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sofficePath, toPdf } from '../../scripts/render-reports.js';
import { recordTargetValue } from '../../src/db/queries/targets.js';
import type { RecordedCall } from '../support/bot-api-stub.js';
import { registerOfficer, startHarness, type Harness } from '../support/harness.js';
import { seedUpdate, vn } from '../support/seed.js';
import { COORDINATOR, groupChat, message, OFFICER } from '../support/updates.js';

const haveTools = (() => {
  if (!sofficePath()) return false;
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();
const run = !!process.env.CI || haveTools;

const SYT_GROUP = groupChat(-1001000000457, 'Sở Y tế — KH457');
let h: Harness;
let dir: string;
/** Page texts of each rendered document, by name. */
const pages: Record<string, string[]> = {};
/** Of each page of each document: how far down its lowest text reaches, as a share of the page's height. */
const filled: Record<string, number[]> = {};
const docs: Record<string, { bytes: Buffer; chatId: number }> = {};
const replies: Record<string, string> = {};

const documentsIn = (calls: RecordedCall[]) =>
  calls
    .filter((c) => c.method === 'sendDocument' && c.outcome === 'ok')
    .map((c) => ({ name: c.payload.document.filename as string, bytes: c.payload.document.bytes as Buffer, chatId: Number(c.payload.chat_id) }));
const textsIn = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text)).join('\n');

beforeAll(async () => {
  h = await startHarness({ now: () => vn(2026, 12, 5, 10) });
  const db = h.app.db;
  // V.4 has three leads: Sở Y tế 40%, Sở Công Thương done, Sở NN&MT silent → the task stands at 47%.
  seedUpdate(db, { task: 'V.4', agency: 'SYT', status: 'in_progress', percent: 40, note: 'Đang khảo sát nhu cầu hợp tác với 2 viện nghiên cứu.', at: vn(2026, 11, 10) });
  seedUpdate(db, { task: 'V.4', agency: 'SCT', status: 'done', note: 'Ký kết hợp tác với 1 doanh nghiệp.', at: vn(2026, 7, 22) });
  seedUpdate(db, { task: 'II.1', agency: 'SYT', status: 'in_progress', percent: 60, note: 'Kết quả: Đã đề xuất 2 đề tài.\nKhó khăn: Thiếu trang thiết bị phòng thí nghiệm.', at: vn(2026, 10, 12) });
  seedUpdate(db, { task: 'III.1.3', agency: 'SYT', status: 'done', note: 'Đã trình UBND tỉnh ban hành đề án.', at: vn(2026, 6, 1) });
  seedUpdate(db, { task: 'III.1.5', agency: 'CAT', status: 'blocked', note: 'Chờ hướng dẫn của Bộ Công an.', at: vn(2026, 9, 1) });
  recordTargetValue(db, { targetCode: 'grdp2030', year: 2026, value: 3.2, source: 'Thống kê tỉnh An Giang', recordedBy: COORDINATOR.id, recordedAt: vn(2026, 11, 20), eventId: null });

  await registerOfficer(h, OFFICER, 'Sở Y tế');
  await h.send(message('/lienket Sở Y tế', { from: COORDINATOR, chat: SYT_GROUP }));
  await h.send(message('/kiennghi III.1.3 Đề nghị lùi thời hạn sang quý II/2027'));
  replies.signature = textsIn(await h.send(message('/chuky KT. giám đốc | Phó Giám đốc | Nguyễn Văn An', { from: COORDINATOR })));

  // The coordinator asks for the province-wide report in an agency's group: it comes privately.
  const consolidated = await h.send(message('/baocao 2026', { from: COORDINATOR, chat: SYT_GROUP }));
  replies.consolidated = textsIn(consolidated);
  // An officer who reads the bot in English asks for the agency's report from the agency's group.
  await h.send(message('/ngonngu en'));
  const agency = await h.send(message('/report', { chat: SYT_GROUP }));
  replies.agency = textsIn(agency);
  for (const d of [...documentsIn(consolidated), ...documentsIn(agency)]) docs[d.name] = { bytes: d.bytes, chatId: d.chatId };

  if (!run) return;
  dir = mkdtempSync(join(tmpdir(), 'kh457-pdf-'));
  const names = ['bao-cao-kh457-2026.docx', 'bao-cao-kh457-2026-syt.docx'];
  for (const n of names) writeFileSync(join(dir, n), docs[n]!.bytes);
  const pdfs = toPdf(names.map((n) => join(dir, n)), dir);
  pdfs.forEach((pdf, i) => {
    pages[names[i]!] = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
    filled[names[i]!] = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' })
      .split('<page ')
      .slice(1)
      .map((page) => {
        const height = Number(/height="([\d.]+)"/.exec(page)![1]);
        const bottoms = [...page.matchAll(/yMax="([\d.]+)"/g)].map((m) => Number(m[1]));
        return Math.max(0, ...bottoms) / height;
      });
  });
}, 240_000);
afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Column where `needle` starts on the first line of `page` that holds it (-1 when absent). */
const column = (page: string, needle: string) => {
  const line = page.split('\n').find((l) => l.includes(needle));
  return line ? line.indexOf(needle) : -1;
};
const firstLine = (page: string) => page.split('\n').find((l) => l.trim())!.trim();
/** The document's paragraphs as text, one per entry. */
const paragraphs = async (docx: Buffer) => {
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
  return (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).map((p) => p.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
};

describe('who gets which report', () => {
  it('the province-wide report typed in an agency group goes to the coordinator privately, and the group is told', () => {
    expect(docs['bao-cao-kh457-2026.docx']!.chatId).toBe(COORDINATOR.id);
    expect(docs['bao-cao-kh457-2026.xlsx']!.chatId).toBe(COORDINATOR.id);
    expect(replies.consolidated).toContain('được gửi riêng cho bạn');
  });

  it('an agency report may go to that agency’s own group; the reply is in the officer’s language', () => {
    expect(docs['bao-cao-kh457-2026-syt.docx']!.chatId).toBe(SYT_GROUP.id);
    expect(replies.agency).toContain('Sending the 2026 report of Sở Y tế');
    expect(replies.agency).toContain('No signer is set');
  });

  it('/chuky stores the signer in capitals and says so', () => {
    expect(replies.signature).toContain('Đã lưu cho <b>Sở Khoa học và Công nghệ</b>');
    expect(replies.signature).toContain('Thẩm quyền ký: KT. GIÁM ĐỐC');
    expect(replies.signature).toContain('Chức vụ người ký: PHÓ GIÁM ĐỐC');
  });
});

describe.skipIf(!run)('printed: the consolidated report', () => {
  const p = () => pages['bao-cao-kh457-2026.docx']!;

  it('page 1: Sở KH&CN top left over its parent body, Quốc hiệu and Tiêu ngữ top right, number and date', () => {
    const page1 = p()[0]!;
    const left = column(page1, 'UBND TỈNH AN GIANG');
    expect(left).toBeGreaterThanOrEqual(0);
    expect(column(page1, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBeGreaterThan(left + 20);
    expect(column(page1, 'Độc lập - Tự do - Hạnh phúc')).toBeGreaterThan(left + 20);
    // The issuer on two whole phrases, in the left column, never "SỞ KHOA HỌC VÀ CÔNG / NGHỆ".
    const lines = page1.split('\n');
    const at = lines.findIndex((l) => l.includes('SỞ KHOA HỌC'));
    expect(lines[at]).not.toMatch(/VÀ CÔNG\s*$/);
    expect(lines[at + 1]!.trimStart().startsWith('VÀ CÔNG NGHỆ')).toBe(true);
    expect(column(page1, 'SỞ KHOA HỌC')).toBeLessThan(column(page1, 'CỘNG HÒA'));
    expect(page1).toMatch(/Số:\s+\/BC-SKHCN/);
    expect(column(page1, 'An Giang, ngày 05 tháng 12 năm 2026')).toBeGreaterThan(column(page1, 'Số:') + 20);
    expect(page1).toContain('BÁO CÁO');
    expect(page1).toContain('Kết quả thực hiện Kế hoạch số 457/KH-UBND');
    // The body starts on page 1: not three paragraphs and a blank page.
    expect(page1).toContain('I. KẾT QUẢ THỰC HIỆN');
    expect(page1).toContain('trong tổng số 31 nhiệm vụ');
  });

  it('page numbers from page 2, centred at the top, also on the landscape appendix', () => {
    expect(firstLine(p()[0]!)).not.toMatch(/^\d+$/);
    p().slice(1).forEach((page, i) => {
      expect(firstLine(page)).toBe(String(i + 2));
      const line = page.split('\n').find((l) => l.trim())!;
      // Centred: the number sits well inside the line, not at the margin.
      expect(line.indexOf(String(i + 2))).toBeGreaterThan(20);
    });
  });

  it('the four sections, the targets table, then Nơi nhận and the signature block, then the appendix', async () => {
    const all = p().join('\n');
    const order = ['I. KẾT QUẢ THỰC HIỆN', 'Chỉ tiêu', 'II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN', 'III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027', 'IV. KIẾN NGHỊ, ĐỀ XUẤT', 'Nơi nhận:', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Nguyễn Văn An', 'PHỤ LỤC'];
    const positions = order.map((s) => all.indexOf(s));
    expect(positions.every((x) => x >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const r of ['- UBND tỉnh;', '- Tỉnh ủy;', '- VP UBND tỉnh;', '- Lưu: VT.']) expect(all).toContain(r);
    // The signature block is right of Nơi nhận.
    const signed = p().find((page) => page.includes('Nơi nhận:'))!;
    expect(column(signed, 'KT. GIÁM ĐỐC')).toBeGreaterThan(column(signed, 'Nơi nhận:') + 20);
    // Targets: a recorded value with its gap, and a target without data.
    expect(all).toMatch(/3,2%/);
    expect(all).toContain('3,8 điểm %');
    expect(await paragraphs(docs['bao-cao-kh457-2026.docx']!.bytes)).toContain('Chưa có số liệu'); // wraps in its narrow cell
    // A difficulty, a proposal, a blocked line, each with its agency.
    expect(all).toContain('Nhiệm vụ II.1 (Sở Y tế): Thiếu trang thiết bị phòng thí nghiệm.');
    // Who has not reported, as /tinhhinh tells the coordinator: those with nothing, and those with some lead tasks missing.
    const flat = all.replace(/\s+/g, ' ');
    expect(flat).toContain('Cơ quan chưa báo cáo nhiệm vụ chủ trì nào trong năm:');
    expect(flat).toMatch(/Cơ quan còn thiếu báo cáo một số nhiệm vụ chủ trì: .*Sở Y tế \(I\.1, II\.5\)/);
    expect(all).toContain('Đề nghị lùi thời hạn sang quý II/2027');
    expect(all).toContain('Nhiệm vụ III.1.5 (Công an tỉnh): Chờ hướng dẫn của Bộ Công an.');
  });

  it('the appendix: every task with each responsible agency’s own line', async () => {
    const appendix = p().slice(p().findIndex((x) => x.includes('PHỤ LỤC'))).join('\n');
    expect(appendix).toContain('Kèm theo Báo cáo số');
    expect(appendix).toMatch(/Đang thực hiện \(47%\)/); // V.4, the task
    expect(appendix).toContain('10/12/2026');
    // Cells wrap in the layout text; their exact wording is read from the document itself.
    const cells = await paragraphs(docs['bao-cao-kh457-2026.docx']!.bytes);
    expect(cells).toContain('- Sở Y tế: Đang thực hiện (40%). Đang khảo sát nhu cầu hợp tác với 2 viện nghiên cứu.');
    expect(cells).toContain('- Sở NN&MT: Chưa báo cáo');
    for (const h of ['TT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Thời gian thực hiện', 'Hạn', 'Kết quả thực hiện', 'Khó khăn, vướng mắc', 'Đề xuất, kiến nghị']) expect(cells).toContain(h);
  });

  it('the appendix fills its pages: long rows run on, a section heading keeps with its first task, TT on one line', () => {
    const first = p().findIndex((x) => x.includes('PHỤ LỤC'));
    const appendix = p().slice(first);
    expect(appendix.length).toBeGreaterThan(2);
    // Every appendix page but the last is used to its foot (rows never split left pages half empty).
    const depth = filled['bao-cao-kh457-2026.docx']!.slice(first, -1);
    expect(Math.min(...depth)).toBeGreaterThan(0.85);
    for (const page of appendix) {
      const lines = page.split('\n');
      // A section heading row ("III. Tập trung …") has a task row ("III.1.1") after it on its page.
      lines.forEach((l, i) => {
        if (/^\s*(I|II|III|IV|V)\. \p{Lu}/u.test(l)) expect(lines.slice(i + 1).some((x) => /^\s*(I|II|III|IV|V)\.\d/.test(x))).toBe(true);
      });
    }
    // The TT column holds the longest codes whole.
    const codes = appendix.join('\n').match(/^\s*(I|II|III|IV|V)\.[\d.]+/gm)!.map((x) => x.trim());
    expect(codes).toContain('III.1.2');
    expect(codes).toContain('III.3.2');
    expect(codes.filter((c) => c.endsWith('.'))).toEqual([]);
  });

  it('no page is blank', () => {
    for (const name of ['bao-cao-kh457-2026.docx', 'bao-cao-kh457-2026-syt.docx']) {
      expect(filled[name]!.length).toBe(pages[name]!.length);
      for (const page of pages[name]!) expect(page.split('\n').filter((l) => l.trim()).length).toBeGreaterThan(1);
    }
  });
});

describe.skipIf(!run)('printed: an agency’s own report, asked for in English', () => {
  const p = () => pages['bao-cao-kh457-2026-syt.docx']!;

  it('issued by Sở Y tế with its own symbol, to Sở KH&CN, in Vietnamese', () => {
    const page1 = p()[0]!;
    expect(column(page1, 'SỞ Y TẾ')).toBeGreaterThanOrEqual(0);
    expect(column(page1, 'SỞ Y TẾ')).toBeLessThan(column(page1, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'));
    expect(column(page1, 'UBND TỈNH AN GIANG')).toBeLessThan(column(page1, 'CỘNG HÒA'));
    expect(page1).toMatch(/Số:\s+\/BC-SYT/);
    expect(page1).toContain('Kính gửi: Sở Khoa học và Công nghệ');
    expect(page1).not.toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    expect(page1).not.toContain('BC-SKHCN');
    const all = p().join('\n');
    for (const english of ['REPORT', 'Department', 'Recipients', 'Results']) expect(all).not.toContain(english);
  });

  it('its own figures: its line on V.4 (40%), not the task’s 47%; its own overall figure', async () => {
    const all = p().join('\n');
    expect(all).toContain('Nhiệm vụ V.4 (chủ trì; Đang thực hiện, 40%)');
    expect(all).not.toContain('47%');
    // I.1, II.1 60, II.5, III.1.3 100, V.4 40 → (0 + 60 + 0 + 100 + 40) / 5.
    expect((await paragraphs(docs['bao-cao-kh457-2026-syt.docx']!.bytes)).join('\n')).toContain('chủ trì và phối hợp ước đạt 40%'); // wraps in the layout text
    expect(all).toContain('Vai trò: chủ trì');
    expect(all).toContain('Thiếu trang thiết bị phòng thí nghiệm.');
    expect(all).toContain('Đề nghị lùi thời hạn sang quý II/2027');
    // Tasks it never reported on say so, with no figure.
    expect(all).toContain('Nhiệm vụ chủ trì chưa báo cáo kết quả trong năm: I.1, II.5.');
  });

  it('Nơi nhận and a blank signature block to sign by hand; page numbers from page 2', () => {
    const all = p().join('\n');
    expect(all.indexOf('Nơi nhận:')).toBeGreaterThan(all.indexOf('IV. KIẾN NGHỊ, ĐỀ XUẤT'));
    expect(all).toContain('- Sở Khoa học và Công nghệ;');
    const signed = p().find((page) => page.includes('Nơi nhận:'))!;
    // Nothing guessed: no title, no name, dotted lines right of Nơi nhận.
    expect(signed).not.toMatch(/GIÁM ĐỐC/);
    expect(column(signed, '……')).toBeGreaterThan(column(signed, 'Nơi nhận:') + 20);
    expect(firstLine(p()[0]!)).not.toMatch(/^\d+$/);
    p().slice(1).forEach((page, i) => expect(firstLine(page)).toBe(String(i + 2)));
  });

  it('the signature takes only the last lines along: the pages before it are used to their foot', () => {
    const signed = p().findIndex((page) => page.includes('Nơi nhận:'));
    expect(signed).toBeGreaterThanOrEqual(0);
    for (const depth of filled['bao-cao-kh457-2026-syt.docx']!.slice(0, signed)) expect(depth).toBeGreaterThan(0.85);
    // …and something of the body is on the signed page with it.
    expect(p()[signed]!.split('\n').findIndex((l) => l.includes('Nơi nhận:'))).toBeGreaterThan(1);
  });
});

describe('the agency settings reach the document', () => {
  it('an officer sets the symbol and parent body; the next report carries them', async () => {
    await h.send(message('/ngonngu vi'));
    expect(textsIn(await h.send(message('/chuky kyhieu BC-SYTE')))).toContain('Số: …/BC-SYTE');
    expect(textsIn(await h.send(message('/chuky coquanchuquan ubnd tỉnh an giang')))).toContain('Cơ quan chủ quản: UBND TỈNH AN GIANG');
    expect(textsIn(await h.send(message('/chuky | Giám đốc | Trần Văn Bình')))).toContain('Thẩm quyền ký: (không — người đứng đầu ký)');
    const files = documentsIn(await h.send(message('/baocao')));
    const xml = await (await JSZip.loadAsync(files.find((f) => f.name.endsWith('.docx'))!.bytes)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('/BC-SYTE');
    expect(text).toContain('GIÁM ĐỐC');
    expect(text).toContain('Trần Văn Bình');
    expect(text).not.toContain('KT. GIÁM ĐỐC');
  });

  it('an officer cannot set another agency’s signature; /chuky xoa goes back to blank', async () => {
    expect(textsIn(await h.send(message('/chuky Sở Công Thương = | GIÁM ĐỐC | X')))).toContain('Chỉ cán bộ đầu mối của cơ quan đó');
    expect(textsIn(await h.send(message('/chuky xoa')))).toContain('Đã xóa thiết lập');
    const shown = textsIn(await h.send(message('/chuky')));
    expect(shown).toContain('Ký hiệu văn bản: Số: …/BC-SYT (mặc định)');
    expect(shown).toContain('Họ tên người ký: (chưa đặt — để trống, ký tay)');
    expect(shown).toContain('<code>/chuky kyhieu SYT</code>');
  });

  it('a coordinator sets and reads another agency’s settings by name; bad input is explained', async () => {
    expect(textsIn(await h.send(message('/chuky Sở Công Thương = kyhieu SCT', { from: COORDINATOR })))).toContain('Đã lưu cho <b>Sở Công Thương</b>');
    expect(textsIn(await h.send(message('/chuky Sở Công Thương', { from: COORDINATOR })))).toContain('Số: …/BC-SCT');
    expect(textsIn(await h.send(message('/chuky GIÁM ĐỐC Nguyễn Văn A', { from: COORDINATOR })))).toContain('Ghi đủ ba phần');
    expect(textsIn(await h.send(message('/chuky KT. GIÁM ĐỐC | PHÓ GIÁM ĐỐC', { from: COORDINATOR })))).toContain('Ghi đủ ba phần');
    expect(textsIn(await h.send(message('/chuky kyhieu <b>', { from: COORDINATOR })))).toContain('Ký hiệu chỉ gồm chữ, số');
  });
});
