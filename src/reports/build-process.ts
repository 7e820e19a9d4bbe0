// The report process: forked by outside.ts for one /baocao, it builds the files and hands them
// back over IPC, then exits. Its ~700 MB peak at five years (the year's ~100,000 updates as
// objects, their copy on the worker, the workbook's XML) is freed with the process instead of
// staying in the bot's resident memory.
//
// It opens the database itself, READ-ONLY (openReadOnly): WAL lets it read a consistent snapshot
// while the bot keeps writing, and a read-only connection cannot change anything nor migrate.
//
// Two threads: the .xlsx is built on a worker thread (xlsx-worker.ts) while this one builds the
// .docx, which brings a five-year report from ~2.2 s to ~1.8 s on two cores (bench/RESULTS.md).
// The worker starts first thing, so exceljs loads while this thread loads its own modules and
// queries the data. The trade-off: for the second or so of a build a report keeps both cores
// busy, and this process peaks ~180 MB higher (the data is copied to the worker once). The bot
// keeps its own event loop and memory: the worker lives in this process and goes away with it,
// and the OS still gives the bot's thread its share of the CPU.
import { Worker } from 'node:worker_threads';
import type { ReportOutline, ReportRequest } from './build.js';
import type { XlsxJob, XlsxResult } from './xlsx-worker.js';

export interface BuildMessage extends ReportRequest {
  databasePath: string;
}

export type BuildReply =
  | { ok: true; outline: ReportOutline; docx: Uint8Array; xlsx: Uint8Array; csv: Uint8Array; phases: Record<string, number>; sentAt: number }
  | { ok: false; error: string };

// Compiled (production): the sibling xlsx-worker.js. Under tsx (the tests, the demo) the worker is
// the .ts beside this file, as outside.ts does for this process; Node 20 does not run --import
// hooks in worker threads, so a one-line entry registers tsx there first.
const here = new URL(import.meta.url);
const typescript = here.pathname.endsWith('.ts');
const workerFile = new URL(`./xlsx-worker.${typescript ? 'ts' : 'js'}`, here);
const tsxEntry = () =>
  new URL(`data:text/javascript,${encodeURIComponent(`import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(workerFile.href)});`)}`);
const worker = new Worker(typescript ? tsxEntry() : workerFile);
// Only its answer keeps it going; once this process has sent its reply it may exit without waiting.
worker.unref();
const workerGone = new Promise<never>((_, fail) => {
  worker.once('error', fail);
  worker.once('exit', (code) => fail(new Error(`xlsx worker exited (${code}) before answering`)));
});
workerGone.catch(() => undefined);

/** Hands the data to the worker once; resolves with the workbook it built. */
const xlsxOnWorker = (data: XlsxJob['data'], timeZone: string) =>
  Promise.race([
    workerGone,
    new Promise<{ xlsx: Buffer; ms: number }>((done, fail) => {
      worker.once('message', (r: XlsxResult) => (r.ok ? done({ xlsx: Buffer.from(r.xlsx.buffer, r.xlsx.byteOffset, r.xlsx.byteLength), ms: r.ms }) : fail(new Error(r.error))));
      worker.postMessage({ data, timeZone } satisfies XlsxJob);
    }),
  ]);

// The bot went away (stopped, crashed, killed): nobody is waiting for the files.
process.on('disconnect', () => process.exit(0));

// Listening before the modules below load: the request may arrive meanwhile.
const request = new Promise<BuildMessage>((done) => process.once('message', done));

const [{ closeDatabase, openReadOnly }, { createI18n }, { buildReportFiles }] = await Promise.all([
  import('../db/open.js'),
  import('../i18n.js'),
  import('./build.js'),
]);

const msg = await request;
let reply: BuildReply;
try {
  const db = openReadOnly(msg.databasePath);
  const files = await buildReportFiles(db, msg, createI18n().t('vi'), { xlsx: (data) => xlsxOnWorker(data, msg.timeZone) });
  closeDatabase(db);
  reply = { ok: true, outline: files.outline, docx: files.docx, xlsx: files.xlsx, csv: files.csv, phases: files.phases, sentAt: Date.now() };
} catch (err) {
  reply = { ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
}
// The bot disconnects once it has the reply, which ends this process (above).
process.send!(reply);
