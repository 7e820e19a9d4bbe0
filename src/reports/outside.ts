// Builds the yearly report in a child process (build-process.ts), so that the bot neither holds
// the build's ~700 MB peak in its resident memory afterwards nor stops answering others for the
// two seconds it takes. A child process rather than a worker thread: a worker's heap is part of
// the bot's own RSS, which is exactly what must not grow.
//
// Production runs dist/main.js: the child is the sibling build-process.js under plain node. The
// in-process tests (vitest) and `npm run bench`/demo run the TypeScript sources: the child is
// build-process.ts under tsx's loader. Either way it is forked from this module's own location.
import { fork } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseFile, type Db } from '../db/open.js';
import type { BuildMessage, BuildReply } from './build-process.js';
import type { ReportFiles, ReportRequest } from './build.js';

/**
 * Longest a build may take before its process is killed. A five-year report builds in ~1.8 s; this
 * leaves room for a slow or busy server, and stays under the channels' 60 s limit for handling one
 * event, so the person always gets an answer.
 */
export const BUILD_TIMEOUT_MS = 45_000;

export class ReportBuildError extends Error {}

export interface OutsideOptions {
  timeoutMs?: number;
  /** Called with the child's pid once it started (the benchmark samples memory with it). */
  onStart?: (pid: number) => void;
}

export interface OutsideFiles extends ReportFiles {
  /** How the files were built: 'process', or 'in-process' for an in-memory database. */
  where: 'process' | 'in-process';
  /** Milliseconds from the child's send to the bot's receipt of the files (0 in-process). */
  transferMs: number;
}

// One report at a time: each build peaks at ~700 MB in its own process; two coordinators asking
// at once wait a couple of seconds rather than doubling that.
let queue: Promise<unknown> = Promise.resolve();

export function buildReportOutside(db: Db, req: ReportRequest, opts: OutsideOptions = {}): Promise<OutsideFiles> {
  const run = queue.then(() => buildOnce(db, req, opts));
  queue = run.catch(() => undefined);
  return run;
}

async function buildOnce(db: Db, req: ReportRequest, opts: OutsideOptions): Promise<OutsideFiles> {
  // An in-memory database (some unit tests) exists only inside this process: no other process
  // can open it, so its report is built here. Every real bot, and every end-to-end test, uses a file.
  const file = databaseFile(db);
  if (file === undefined) {
    const [{ buildReportFiles }, { createI18n }] = await Promise.all([import('./build.js'), import('../i18n.js')]);
    return { ...(await buildReportFiles(db, req, createI18n().t('vi'))), where: 'in-process', transferMs: 0 };
  }
  return new Promise<OutsideFiles>((done, fail) => {
    const here = fileURLToPath(import.meta.url);
    const typescript = here.endsWith('.ts');
    const child = fork(resolve(dirname(here), `build-process.${typescript ? 'ts' : 'js'}`), [], {
      // The project root, so that `--import tsx` resolves from our node_modules.
      cwd: resolve(dirname(here), '../..'),
      // Buffers cross the channel as bytes (the JSON default would turn 5 MB into an array of numbers).
      serialization: 'advanced',
      // A larger young generation: the build allocates ~100,000 short-lived objects per phase and
      // otherwise spends a good part of its time in scavenges. Its own process, so no cost to the bot.
      execArgv: [...(typescript ? ['--import', 'tsx'] : []), '--max-semi-space-size=64'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    let settled = false;
    const finish = (err: Error | null, files?: OutsideFiles) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Disconnecting ends a child that finished; a hung or failed one is killed.
      if (child.connected) child.disconnect();
      if (err) child.kill('SIGKILL');
      if (err) fail(err);
      else done(files!);
    };
    const timer = setTimeout(() => finish(new ReportBuildError(`report process timed out after ${opts.timeoutMs ?? BUILD_TIMEOUT_MS} ms`)), opts.timeoutMs ?? BUILD_TIMEOUT_MS);
    child.on('spawn', () => opts.onStart?.(child.pid!));
    child.on('error', (err) => finish(new ReportBuildError(`report process failed: ${err.message}`)));
    child.on('exit', (code, signal) => finish(new ReportBuildError(`report process exited (${signal ?? code}) before answering${stderr ? `: ${stderr.trim()}` : ''}`)));
    child.on('message', (reply: BuildReply) => {
      if (!reply.ok) return finish(new ReportBuildError(`report process: ${reply.error}`));
      const buf = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
      finish(null, {
        outline: reply.outline,
        docx: buf(reply.docx),
        xlsx: buf(reply.xlsx),
        csv: buf(reply.csv),
        phases: reply.phases as ReportFiles['phases'],
        where: 'process',
        transferMs: Date.now() - reply.sentAt,
      });
    });
    // Absolute: the child runs in the project root, the bot maybe elsewhere (DATABASE_PATH=./data/…).
    const msg: BuildMessage = { ...req, databasePath: resolve(file) };
    child.send(msg);
  });
}
