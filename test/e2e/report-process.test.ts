// The yearly report is built in a process of its own (src/reports/outside.ts): what the bot sends
// is what the same build gives in-process, a build that fails or hangs becomes an answer, and the
// bot goes on serving. (How fast, and the bot's memory meanwhile: bench/run.ts.)
import { existsSync, renameSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n.js';
import { buildReportFiles } from '../../src/reports/build.js';
import { buildReportOutside, ReportBuildError } from '../../src/reports/outside.js';
import type { RecordedCall } from '../support/bot-api-stub.js';
import { startHarness, type Harness } from '../support/harness.js';
import { seedUpdate, vn } from '../support/seed.js';
import { COORDINATOR, message, OFFICER } from '../support/updates.js';

let h: Harness;
const clock = vn(2026, 12, 5, 10);
const request = { year: 2026, now: clock, timeZone: 'Asia/Ho_Chi_Minh' };

const documentsIn = (calls: RecordedCall[]) =>
  Object.fromEntries(calls.filter((c) => c.method === 'sendDocument' && c.outcome === 'ok').map((c) => [c.payload.document.filename as string, c.payload.document.bytes as Buffer]));

/** Whether a process with this id still exists (signal 0 only checks). */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  h = await startHarness({ now: () => clock });
  seedUpdate(h.app.db, { task: 'III.1.3', agency: 'SYT', status: 'done', note: 'Kết quả: Đã ban hành đề án.\nKhó khăn: Thiếu nhân lực & <kinh phí>.', at: vn(2026, 6, 1) });
  seedUpdate(h.app.db, { task: 'II.3', agency: 'SCT', status: 'in_progress', percent: 40, note: 'Đã trình dự thảo "lần 2"', at: vn(2026, 3, 1) });
});
afterAll(() => h?.close());

describe('the report process', () => {
  it('builds in another process exactly what the same build gives in the bot', async () => {
    let pid = 0;
    const outside = await buildReportOutside(h.app.db, request, { onStart: (p) => (pid = p) });
    expect(outside.where).toBe('process');
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(process.pid);
    const inside = await buildReportFiles(h.app.db, request, createI18n().t('vi'));
    expect(outside.outline).toEqual(inside.outline);
    expect(outside.outline.rows).toBe(31);
    expect(outside.csv.equals(inside.csv)).toBe(true);
    // Both are zip files (the .xlsx carries the time it was written, so bytes may differ by that).
    expect(outside.docx.subarray(0, 2).toString()).toBe('PK');
    expect(outside.xlsx.subarray(0, 2).toString()).toBe('PK');
    expect(Math.abs(outside.docx.length - inside.docx.length)).toBeLessThan(64);
    // Done: the process has ended, nothing is left running.
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(pid)).toBe(false);
  });

  it('a build that takes longer than allowed is killed and reported as an error', async () => {
    let pid = 0;
    const failed = await buildReportOutside(h.app.db, request, { timeoutMs: 1, onStart: (p) => (pid = p) }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ReportBuildError);
    expect(String(failed)).toContain('timed out');
    await new Promise((r) => setTimeout(r, 200));
    if (pid) expect(alive(pid)).toBe(false);
  });

  it('a build that fails gets a Vietnamese answer, no files, and the bot goes on answering', async () => {
    // The report process opens the database by its name; moved away, it cannot — while the bot,
    // which holds the file open, keeps working.
    const path = h.config.databasePath;
    renameSync(path, `${path}.away`);
    let calls: RecordedCall[];
    try {
      calls = await h.send(message('/baocao 2026', { from: COORDINATOR }));
    } finally {
      renameSync(`${path}.away`, path);
    }
    expect(existsSync(path)).toBe(true);
    expect(Object.keys(documentsIn(calls))).toEqual([]);
    const texts = calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text));
    expect(texts.join('\n')).toContain('Không lập được báo cáo năm 2026');
    // The next person is answered as usual, and the report works again.
    expect((await h.ask(message('/nv II.3', { from: OFFICER }))).join('\n')).toContain('II.3');
    const files = documentsIn(await h.send(message('/baocao 2026', { from: COORDINATOR })));
    expect(Object.keys(files).sort()).toEqual(['bao-cao-kh457-2026.csv', 'bao-cao-kh457-2026.docx', 'bao-cao-kh457-2026.xlsx']);
  });
});
