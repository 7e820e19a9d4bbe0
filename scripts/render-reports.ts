// `npm run render:reports [folder]`: seeds a demo year in a temporary database, builds the
// consolidated report and Sở Y tế's own report, and writes each as .docx, .pdf (LibreOffice) and
// page PNGs (pdftoppm) to the folder (default ./out/reports). With `--docs` it also refreshes the
// README's pictures, docs/img/report-consolidated-p1.png and docs/img/report-agency-p1.png.
// The tests use `toPdf` from here to render documents the same way.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildReport } from '../src/core/yearly-report.js';
import { openDatabase, type Db } from '../src/db/open.js';
import { setDeadline } from '../src/db/queries/deadlines.js';
import { setIssuerSettings } from '../src/db/queries/issuer-settings.js';
import { recordTargetValue } from '../src/db/queries/targets.js';
import { proposals } from '../src/db/schema.js';
import { createI18n } from '../src/i18n.js';
import { reportDocx } from '../src/reports/docx.js';
import { documentLabels } from '../src/reports/labels.js';
import { seedUpdate, vn } from '../test/support/seed.js';

const TZ = 'Asia/Ho_Chi_Minh';

/** LibreOffice, where the system has it. */
export const sofficePath = () =>
  (process.env.PATH ?? '')
    .split(':')
    .filter(Boolean)
    .flatMap((dir) => ['soffice', 'libreoffice'].map((name) => join(dir, name)))
    .concat(['/usr/bin/soffice', '/opt/libreoffice/program/soffice'])
    .find((p) => existsSync(p));

/**
 * Converts .docx files to PDF in one LibreOffice run (start-up is most of its cost), with a
 * throw-away profile so it neither needs nor touches a user's. Returns the PDFs' paths.
 */
export function toPdf(docxPaths: string[], outDir: string): string[] {
  const soffice = sofficePath();
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed');
  const profile = mkdtempSync(join(tmpdir(), 'kh457-lo-'));
  try {
    execFileSync(soffice, ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(profile).href}`, '--convert-to', 'pdf', '--outdir', outDir, ...docxPaths], {
      timeout: 180_000,
      stdio: 'pipe',
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return docxPaths.map((p) => join(outDir, basename(p).replace(/\.docx$/, '.pdf')));
}

/** A year of reports that exercises every part of the documents: done, late, blocked after a result, overdue, silent, proposals, targets. */
export function seedDemoYear(db: Db, year: number) {
  const u = (task: string, agency: string, status: 'done' | 'in_progress' | 'blocked' | 'not_started', percent: number | null, note: string, m: number, d: number) =>
    seedUpdate(db, { task, agency, status, percent, note, at: vn(year, m, d) });
  u('I.3', 'SKHCN', 'done', null, 'Kết quả: Tổ chức 4 hội thảo, 12 tin bài giới thiệu ứng dụng công nghệ sinh học trong nông nghiệp và y tế.', 9, 20);
  u('II.1', 'SKHCN', 'in_progress', 70, 'Đã tuyển chọn 3 nhiệm vụ khoa học và công nghệ cấp tỉnh về công nghệ sinh học.', 10, 5);
  u('II.1', 'SYT', 'in_progress', 40, 'Kết quả: Đã đề xuất 2 đề tài về chẩn đoán sinh học phân tử.\nKhó khăn: Thiếu trang thiết bị phòng thí nghiệm.', 10, 12);
  u('II.3', 'SCT', 'done', null, 'Tổ chức 2 hội chợ xúc tiến xuất khẩu sản phẩm công nghệ sinh học.', 8, 15);
  u('II.8', 'SKHCN', 'in_progress', 30, 'Phối hợp Thống kê tỉnh xây dựng bộ chỉ tiêu thống kê công nghiệp sinh học.', 11, 2);
  u('III.1.1', 'SNNMT', 'in_progress', 60, 'Đã xây dựng dự thảo đề án, đang lấy ý kiến các sở, ngành.', 10, 28);
  u('III.1.3', 'SYT', 'done', null, 'Kết quả: Đã trình UBND tỉnh ban hành đề án phát triển công nghệ sinh học trong y tế.\nĐề xuất: Bổ sung biên chế cho Trung tâm Kiểm soát bệnh tật.', 6, 1);
  // A result, then a blocker: the report keeps both (the blocker does not erase the result).
  u('III.1.5', 'CAT', 'in_progress', 20, 'Đã khảo sát nhu cầu ứng dụng công nghệ sinh học trong giám định pháp y.', 6, 15);
  u('III.1.5', 'CAT', 'blocked', null, 'Chờ hướng dẫn của Bộ Công an về danh mục sản phẩm công nghệ sinh học trong phòng chống tội phạm.', 9, 1);
  u('IV.1', 'SGDDT', 'in_progress', 50, 'Đã rà soát chương trình đào tạo; đang xây dựng kế hoạch liên kết với các trường đại học.', 10, 30);
  u('V.4', 'SYT', 'in_progress', 40, 'Đang khảo sát nhu cầu hợp tác với 2 viện nghiên cứu.', 11, 10);
  u('V.4', 'SCT', 'done', null, 'Ký kết hợp tác với 1 doanh nghiệp công nghệ sinh học.', 7, 22);
  const officer = 990_500;
  // Deadlines the coordinator moved forward: IV.1 in progress and IV.2 never started are overdue;
  // II.5, which Sở Y tế leads and never reported on, is overdue in its own report too.
  setDeadline(db, 'IV.1', year, `${year}-11-15`, officer, vn(year, 9, 1));
  setDeadline(db, 'IV.2', year, `${year}-11-15`, officer, vn(year, 9, 1));
  setDeadline(db, 'II.5', year, `${year}-11-01`, officer, vn(year, 9, 1));
  db.insert(proposals).values({ taskCode: 'III.1.3', agencyCode: 'SYT', year, userId: officer, chatId: officer, text: 'Đề nghị lùi thời hạn trình đề án giai đoạn 2 sang quý II/2027.', createdAt: vn(year, 11, 15) }).run();
  recordTargetValue(db, { targetCode: 'grdp2030', year, value: 3.2, source: 'Thống kê tỉnh An Giang', recordedBy: officer, recordedAt: vn(year, 11, 20), eventId: null });
  recordTargetValue(db, { targetCode: 'sanpham2030', year: year - 1, value: 22, source: 'Sở Khoa học và Công nghệ', recordedBy: officer, recordedAt: vn(year, 1, 10), eventId: null });
  // The coordinator set Sở KH&CN's signer; Sở Y tế has not, so its document is left to be signed by hand.
  setIssuerSettings(db, 'SKHCN', { authority: 'KT. GIÁM ĐỐC', signerTitle: 'PHÓ GIÁM ĐỐC', signerName: 'Nguyễn Văn An' }, officer, vn(year, 11, 25));
}

export async function renderReports(outDir: string, opts: { year?: number; docs?: boolean } = {}) {
  const year = opts.year ?? 2026;
  mkdirSync(outDir, { recursive: true });
  const dbDir = mkdtempSync(join(tmpdir(), 'kh457-render-'));
  const db = openDatabase(join(dbDir, 'demo.db'));
  try {
    seedDemoYear(db, year);
    const t = createI18n().t('vi');
    const now = vn(year, 12, 5, 10);
    const out: string[] = [];
    for (const [name, agencyCode] of [['report-consolidated', undefined], ['report-agency', 'SYT']] as const) {
      const data = buildReport(db, { year, agencyCode, now, timeZone: TZ, labels: documentLabels(t) });
      const path = join(outDir, `${name}.docx`);
      writeFileSync(path, await reportDocx(data, t, TZ));
      out.push(path);
    }
    const pdfs = toPdf(out, outDir);
    for (const pdf of pdfs) {
      execFileSync('pdftoppm', ['-png', '-gray', '-r', '56', pdf, pdf.replace(/\.pdf$/, '-p')]);
    }
    if (opts.docs) {
      const img = resolve('docs/img');
      mkdirSync(img, { recursive: true });
      for (const name of ['report-consolidated', 'report-agency']) {
        const first = readdirSync(outDir).filter((f) => f.startsWith(`${name}-p`) && f.endsWith('.png')).sort()[0]!;
        copyFileSync(join(outDir, first), join(img, `${name}-p1.png`));
      }
    }
    return { docx: out, pdfs };
  } finally {
    db.$client.close();
    rmSync(dbDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const dir = resolve(args.find((a) => !a.startsWith('--')) ?? 'out/reports');
  const r = await renderReports(dir, { docs: args.includes('--docs') });
  console.log(`wrote ${r.docx.length} documents, their PDFs and page images to ${dir}`);
}
