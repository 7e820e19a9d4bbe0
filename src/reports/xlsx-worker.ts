// The .xlsx of a yearly report, built on a worker thread of the report process (build-process.ts)
// while its main thread builds the .docx: the two are independent and each takes about half a
// second or more, so on a machine with two cores the report is ready in the time of the longer one.
//
// Started before the data is queried, so that exceljs (the slowest module to load, ~150 ms) and
// i18next load in parallel with the query; then it gets the report's data once (a structured
// clone), builds the workbook with the same reportXlsx as every other caller, and hands the bytes
// back (transferred, not copied). It lives inside the report process, never in the bot.
import { parentPort } from 'node:worker_threads';
import type { ReportData } from '../core/yearly-report.js';
import { createI18n } from '../i18n.js';
import { reportXlsx } from './xlsx.js';

export interface XlsxJob {
  data: ReportData;
  timeZone: string;
}

export type XlsxResult = { ok: true; xlsx: Uint8Array; ms: number } | { ok: false; error: string };

const doc = createI18n().t('vi');

parentPort!.once('message', (job: XlsxJob) => {
  void (async () => {
    let result: XlsxResult;
    const t0 = performance.now();
    try {
      const xlsx = await reportXlsx(job.data, doc, job.timeZone);
      result = { ok: true, xlsx, ms: performance.now() - t0 };
    } catch (err) {
      result = { ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
    // A buffer that owns its whole memory moves to the other thread without a copy.
    const own = result.ok && result.xlsx.byteOffset === 0 && result.xlsx.byteLength === result.xlsx.buffer.byteLength;
    parentPort!.postMessage(result, own ? [(result as { xlsx: Uint8Array }).xlsx.buffer as ArrayBuffer] : []);
  })();
});
