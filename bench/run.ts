// `npm run bench`: how fast kh457-bot is and what it costs, measured on this machine.
// Prints a table and writes bench/RESULTS.md. Not a test: nothing here passes or fails.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { startApp } from '../src/app.js';
import { defaultConfig, type Config } from '../src/config.js';
import { buildDigest } from '../src/core/digest.js';
import { buildSummary } from '../src/core/status.js';
import { openDatabase, type Db } from '../src/db/open.js';
import { upsertChat } from '../src/db/queries/chats.js';
import { loadCatalog } from '../src/db/queries/plan.js';
import { rebuildLineStates } from '../src/db/queries/progress-reports.js';
import { userNames } from '../src/db/queries/users.js';
import { SendLimiter, TELEGRAM_LIMITS } from '../src/delivery/limiter.js';
import { indexAgencies } from '../src/domain/agencies.js';
import { createI18n } from '../src/i18n.js';
import { runReminders } from '../src/jobs/reminders.js';
import { createLogger } from '../src/logger.js';
import { renderProgressChart } from '../src/render/chart.js';
import { renderDigest } from '../src/render/digest.js';
import { renderAgencyStatus, renderOverall } from '../src/render/status.js';
import { BotApiStub } from '../test/support/bot-api-stub.js';
import { ROOT } from '../test/support/process.js';
import { groupChat, message } from '../test/support/updates.js';
import { loadHistory } from './history.js';

const TZ = 'Asia/Ho_Chi_Minh';
const NOW = Date.UTC(2026, 10, 28, 3);
const rows: Array<[string, string, string]> = [];
const record = (what: string, value: string, goal = '') => {
  rows.push([what, value, goal]);
  console.log(`${what.padEnd(58)} ${value.padEnd(26)} ${goal}`);
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function timeIt(f: () => unknown, runs = 25, warmup = 5): number {
  for (let i = 0; i < warmup; i++) f();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

function baseConfig(stub: BotApiStub, dir: string, extra: Partial<Config> = {}): Config {
  return defaultConfig(dir, { botToken: stub.token, apiRoot: stub.apiRoot, timeZone: TZ, logLevel: 'silent', backupKeep: 3, sendLimits: 'none', ...extra });
}

const USERS = Array.from({ length: 50 }, (_, i) => ({ id: 820_000 + i, is_bot: false, first_name: `Người ${i}` }));

/**
 * CPU seconds (user + system) a child process has used so far (Linux /proc, in clock ticks of 10 ms):
 * all its threads, or only its main thread (the JavaScript; V8 compiles optimized code and collects
 * garbage on others).
 */
function cpuSeconds(pid: number, mainThreadOnly = false): number {
  const stat = readFileSync(mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}
const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024);

// The V8 flags production runs with (package.json `start`, the same in deploy/kh457-bot.service): the
// bench's child bots get them too, so the memory and CPU measured are the deployed ones.
const PRODUCTION_NODE_FLAGS = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts.start as string)
  .split(/\s+/)
  .filter((w) => w.startsWith('--'))
  .join(' ');

// The bare bot: telegraf's own polling, one "ok" per message — the floor any telegraf bot pays.
const BARE_BOT = `import { Telegraf } from 'telegraf';
const bot = new Telegraf(process.env.BOT_TOKEN, { telegram: { apiRoot: process.env.TELEGRAM_API_ROOT } });
bot.on('message', (ctx) => ctx.reply('ok'));
process.once('SIGTERM', () => { bot.stop(); process.exit(0); });
await bot.launch({ dropPendingUpdates: false });`;

/**
 * BENCH_BEFORE=<git ref> adds a third contender: the bot as it was at that commit (issue #11: "speed
 * does not regress"), checked out in a temporary git worktree and built there, measured in the same
 * run, on the same scenario, in the same alternating rounds, on an empty database (an older schema
 * cannot open today's five-year database). Its node_modules is this tree's when the runtime
 * dependencies are the same, else its own `npm ci`. The worktree is removed at the end
 * (BENCH_BEFORE_KEEP=1 keeps it for the next run).
 */
const BEFORE_REF = process.env.BENCH_BEFORE;
function prepareBefore(ref: string): { root: string; label: string; remove(): void } {
  const sha = execFileSync('git', ['rev-parse', '--short', `${ref}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
  const root = join(tmpdir(), `kh457-before-${sha}`);
  const sh = (cmd: string, args: string[], cwd = root) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!existsSync(join(root, 'dist/main.js'))) {
    console.log(`BENCH_BEFORE: building ${ref} (${sha}) in ${root} …`);
    if (!existsSync(root)) sh('git', ['worktree', 'add', '--detach', root, sha], ROOT);
    const deps = (dir: string) => JSON.stringify(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies);
    if (!existsSync(join(root, 'node_modules'))) {
      if (deps(root) === deps(ROOT)) symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
      else sh('npm', ['ci', '--no-audit', '--no-fund']);
    }
    sh('npm', ['run', 'build']);
  }
  return {
    root,
    label: `before (${ref === sha ? sha : `${ref}, ${sha}`})`,
    remove: () => {
      if (process.env.BENCH_BEFORE_KEEP) return;
      execFileSync('git', ['worktree', 'remove', '--force', root], { cwd: ROOT, stdio: 'ignore' });
    },
  };
}
const before = BEFORE_REF ? prepareBefore(BEFORE_REF) : undefined;

interface Child {
  pid: number;
  /** How many updates it has finished so far. */
  done(): number;
  stop(): Promise<unknown>;
}

function bareChild(stub: BotApiStub): Child {
  const child = spawn(process.execPath, ['--input-type=module', '-e', BARE_BOT], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', BOT_TOKEN: stub.token, TELEGRAM_API_ROOT: stub.apiRoot, NODE_OPTIONS: PRODUCTION_NODE_FLAGS },
    stdio: 'ignore',
  });
  const exited = new Promise((r) => child.on('exit', r));
  // One answer per message: its answers count its updates.
  let seen = 0;
  let answers = 0;
  const done = () => {
    for (; seen < stub.calls.length; seen++) if (stub.calls[seen]!.method === 'sendMessage') answers++;
    return answers;
  };
  return { pid: child.pid!, done, stop: () => (child.kill('SIGTERM'), exited) };
}

/** kh457-bot as `npm start` runs it (`node dist/main.js`), from this tree or from `root` (BENCH_BEFORE's build). */
function runBot(env: Record<string, string>, root = ROOT) {
  const child = spawn(process.execPath, ['dist/main.js'], { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: 'ignore' });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exited };
}

function kh457Child(stub: BotApiStub, dbPath: string, root = ROOT): Child {
  const bot = runBot({
    BOT_TOKEN: stub.token, TELEGRAM_API_ROOT: stub.apiRoot, DATABASE_PATH: dbPath, LOG_LEVEL: 'error', SEND_LIMITS: 'none',
    COORDINATOR_IDS: USERS.map((u) => u.id).join(','), NODE_OPTIONS: PRODUCTION_NODE_FLAGS,
  }, root);
  // A long answer (one task's 60 agencies with their notes) is sent in several messages: count the
  // updates the bot marked handled in its inbox, which it does after the answer went out.
  let reader: Database.Database | undefined;
  const done = () => {
    try {
      reader ??= new Database(dbPath, { readonly: true, fileMustExist: true });
      return (reader.prepare('select count(*) n from inbox where handled_at is not null').get() as { n: number }).n;
    } catch {
      return 0; // not created yet
    }
  };
  return { pid: bot.child.pid!, done, stop: () => (reader?.close(), bot.child.kill('SIGTERM'), bot.exited) };
}

/** Pushes `n` updates and waits until the bot has finished them all. */
async function answered(stub: BotApiStub, bot: Child, n: number, make: (i: number) => Record<string, unknown>) {
  const target = bot.done() + n;
  for (let i = 0; i < n; i++) stub.push(make(i));
  while (bot.done() < target) await new Promise((r) => setTimeout(r, 20));
}

interface Measured {
  /** CPU per update, all threads (µs). */
  cpuUs: number;
  /** Of which the main thread's. */
  mainUs: number;
  rate: number;
  rss: number;
  /** The same `n` updates measured again once `settle` more were handled (when asked for). */
  warmed?: { cpuUs: number; mainUs: number };
}

/**
 * One bot in its own process (as deployed), fed `n` updates after a warm-up: its CPU time per
 * update (from /proc, so the stand-in and the other bots on this machine are not counted), of
 * which its main thread's, and its updates per second. With `settle`, `n` more are measured after
 * `settle` further updates, when V8 has compiled what runs hot: what the bot costs warmed up.
 */
async function measureBot(start: (stub: BotApiStub) => Child, n: number, make: (i: number) => Record<string, unknown>, warmUp = 100, settle = 0): Promise<Measured> {
  const stub = await new BotApiStub().start();
  const bot = start(stub);
  const window = async () => {
    const all0 = cpuSeconds(bot.pid);
    const main0 = cpuSeconds(bot.pid, true);
    const t0 = performance.now();
    await answered(stub, bot, n, make);
    const wall = (performance.now() - t0) / 1000;
    return { cpuUs: ((cpuSeconds(bot.pid) - all0) / n) * 1e6, mainUs: ((cpuSeconds(bot.pid, true) - main0) / n) * 1e6, rate: n / wall };
  };
  try {
    await stub.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'), 'first poll', 60_000);
    await answered(stub, bot, warmUp, make); // JIT, caches, first connections
    const first = { ...(await window()), rss: rssMb(bot.pid) };
    if (!settle) return first;
    await answered(stub, bot, settle, make);
    const { cpuUs, mainUs } = await window();
    return { ...first, warmed: { cpuUs, mainUs } };
  } finally {
    await bot.stop();
    await stub.stop();
  }
}

async function perUpdateCost(bigDb: string) {
  const N = 1000;
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
  const report = (i: number) => `/update II.3 doing ${i % 100}% Báo cáo số ${i}`;
  const commands = [
    ['/task II.3', () => '/task II.3'],
    ['/update II.3 doing N% …', report],
    // Asked again and again with no report between, /status is answered from the summary kept under
    // the plan data revision (core/plan-memo.ts); after a report it is computed anew. Mixed with
    // reports, a /status that follows a report computes (others, between two reports, do not).
    ['/status', () => '/status'],
    ['/update and /status from 50 people, mixed (a /status after a report computes anew)', (i: number) => (i % 2 ? '/status' : report(i))],
  ] as const;
  // Five years of history make /status and /task answers of many messages: fewer updates there
  // (CPU per update is what is compared) keep the run within minutes. The bare bot is measured on
  // as many updates as ours each time: per update, 200 cost more than 1,000 (fewer share a poll
  // and a commit), for both bots.
  const dbs = [
    ['empty database', N, (dir: string) => join(dir, 'kh457.db')],
    ['five-year database', N / 5, (dir: string) => (copyFileSync(bigDb, join(dir, 'kh457.db')), join(dir, 'kh457.db'))],
  ] as const;
  // After this many more updates (on the empty database) the same 1,000 are measured again: V8 has
  // then compiled what runs hot. In the first window both bots spend most of their CPU on V8's own
  // threads (optimizing compilation, garbage collection), not on the work of the messages.
  const SETTLE = 2000;
  type Series = { cpu: number[]; main: number[]; rate: number[]; rss: number[]; warm: number[]; warmMain: number[] };
  const series = (): Series => ({ cpu: [], main: [], rate: [], rss: [], warm: [], warmMain: [] });
  const bare = new Map<number, Series>(dbs.map(([, n]) => [n, series()]));
  const ours = new Map<string, Series>();
  const then = new Map<string, Series>();
  const add = (m: Series, r: Measured) => {
    m.cpu.push(r.cpuUs);
    m.main.push(r.mainUs);
    m.rate.push(r.rate);
    m.rss.push(r.rss);
    if (r.warmed) {
      m.warm.push(r.warmed.cpuUs);
      m.warmMain.push(r.warmed.mainUs);
    }
  };
  // Rounds alternate the bare bot with ours, so a busy moment on this shared machine hits both.
  for (let round = 0; round < ROUNDS; round++) {
    for (const [dbLabel, n, prepare] of dbs) {
      const settle = n === N ? SETTLE : 0;
      add(bare.get(n)!, await measureBot(bareChild, n, (i) => message('/task II.3', { from: USERS[i % 50] }), n / 10, settle));
      for (const [name, cmd] of commands) {
        const key = `${name}, ${dbLabel}`;
        // The older bot right after ours on the same command, so both meet the same moment of this machine.
        for (const [into, root] of [[ours, ROOT], ...(before && dbLabel === 'empty database' ? [[then, before.root] as const] : [])] as const) {
          const dir = mkdtempSync(join(tmpdir(), 'kh457-bench-'));
          const path = prepare(dir);
          if (!into.has(key)) into.set(key, series());
          add(into.get(key)!, await measureBot((stub) => kh457Child(stub, path, root), n, (i) => message(cmd(i), { from: USERS[i % 50] }), n / 10, into === ours ? settle : 0));
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  }
  const us = (xs: number[]) => `${median(xs).toFixed(0)} µs`;
  for (const [n, b] of bare) {
    record(
      `bare telegraf bot, answers once per message, ${n} updates (median of ${ROUNDS})`,
      `${us(b.cpu)} CPU/update (main thread ${us(b.main)}), ${median(b.rate).toFixed(0)} updates/s`,
    );
  }
  for (const [key, m] of ours) {
    const n = dbs.find(([label]) => key.endsWith(`, ${label}`))![1];
    const b = bare.get(n)!;
    const ratio = (x: number[], y: number[]) => `${(median(x) / median(y)).toFixed(2)}×`;
    const cpu = median(m.cpu);
    record(
      `kh457-bot ${key}`,
      `${us(m.cpu)} = ${ratio(m.cpu, b.cpu)} bare CPU (main thread ${us(m.main)} = ${ratio(m.main, b.main)}); ${ratio(m.rate, b.rate)} rate; ${median(m.rss)} MB`,
      '≤ 1.5× bare CPU',
    );
    const old = then.get(key);
    if (old) {
      const was = median(old.cpu);
      const spread = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
      record(
        `   ${before!.label}, same command`,
        `${was.toFixed(0)} µs = ${(was / median(b.cpu)).toFixed(2)}× bare; now ${((cpu / was - 1) * 100).toFixed(0)} % (rounds: now ${spread(m.cpu)}, before ${spread(old.cpu)}); ${median(old.rss)} MB`,
        'no regression (#11)',
      );
    }
  }
  // The same bots warmed up: the 1,000 updates after SETTLE more (empty database).
  const bareWarm = bare.get(N)!;
  record(
    `warmed up (${N} updates after ${N / 10 + N + SETTLE}): bare telegraf bot`,
    `${us(bareWarm.warm)} CPU/update (main thread ${us(bareWarm.warmMain)})`,
  );
  for (const [key, m] of ours) {
    if (!m.warm.length) continue;
    record(
      `warmed up: kh457-bot ${key}`,
      `${us(m.warm)} = ${(median(m.warm) / median(bareWarm.warm)).toFixed(2)}× bare CPU (main thread ${us(m.warmMain)} = ${(median(m.warmMain) / median(bareWarm.warmMain)).toFixed(2)}×)`,
    );
  }
}

/** The five-year database on its own (for the throughput runs): built once, copied per run. */
function historyDb(): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kh457-history-'));
  const path = join(dir, 'kh457.db');
  const db = openDatabase(path);
  loadHistory(db, [2022, 2023, 2024, 2025, 2026]);
  rebuildLineStates(db);
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
  return { dir, path };
}

async function history() {
  const dir = mkdtempSync(join(tmpdir(), 'kh457-history-'));
  const path = join(dir, 'kh457.db');
  const db = openDatabase(path);
  const t0 = performance.now();
  const n = loadHistory(db, [2022, 2023, 2024, 2025, 2026]);
  rebuildLineStates(db);
  record('history: updates loaded (5 years × 31 tasks × 60 agencies × 52 weeks)', `${n.toLocaleString('en')} rows`, `${((performance.now() - t0) / 1000).toFixed(1)} s to load`);
  const i18n = createI18n();
  const t = i18n.t('vi');
  const catalog = loadCatalog(db);
  const index = indexAgencies(catalog.agencies);
  const ctx = { index, sections: catalog.sections, timeZone: TZ, t, nameOf: userNames(db) };
  // The summary is kept while the plan's data is unchanged (core/plan-memo.ts), and within it each
  // task's standing while that task's lines are (core/status.ts): "from nothing" reads and folds the
  // whole year (a catalog object of its own misses every memo: the bot's first /status); "after a
  // report" one task's lines changed (a line of II.3 rewritten, as a report does, before each ask);
  // "kept" nothing changed since the last ask.
  const fromNothing = () => ({ ...loadCatalog(db) });
  const touch = db.$client.prepare("update line_state set percent = percent where year = 2026 and task_code = 'II.3' and agency_code = 'BENCH_07'");
  const agency = catalog.agencies.find((a) => a.code === 'BENCH_07')!;
  record('/status: summary + render, whole plan, from nothing (the first ask)', ms(timeIt(() => renderOverall(buildSummary(db, 2026, NOW, TZ, fromNothing()), ctx))), '≤ 10 ms');
  record('/status: summary + render, whole plan, after a report', ms(timeIt(() => (touch.run(), renderOverall(buildSummary(db, 2026, NOW, TZ, loadCatalog(db)), ctx)))));
  record('/status: summary + render, whole plan, kept (asked again, no report between)', ms(timeIt(() => renderOverall(buildSummary(db, 2026, NOW, TZ, loadCatalog(db)), ctx))));
  record('/status: one agency, from nothing', ms(timeIt(() => renderAgencyStatus(buildSummary(db, 2026, NOW, TZ, fromNothing()), agency, catalog.tasks, ctx))), '≤ 10 ms');
  record('/status: one agency, after a report', ms(timeIt(() => (touch.run(), renderAgencyStatus(buildSummary(db, 2026, NOW, TZ, loadCatalog(db)), agency, catalog.tasks, ctx)))));
  const digest = () => buildDigest(db, { periodStart: NOW - 7 * 86_400_000, periodEnd: NOW, now: NOW, timeZone: TZ, staleDays: 14 });
  record('digest: data + text', ms(timeIt(() => renderDigest(digest(), index, TZ, t))), '≤ 50 ms');
  record('digest: chart PNG', ms(timeIt(() => renderProgressChart(digest().summary, t), 10, 2)));
  await yearlyReport(db);
  db.$client.close();
  return { dir, path };
}

/**
 * The yearly report as the bot builds it (src/reports/outside.ts): the compiled report process
 * from dist/, forked, reading the database read-only, the files back over IPC. Timed end to end —
 * process start, module loading, data, .docx, .xlsx, .csv, transfer — with this process (the
 * bot's side) sampled for resident memory while it runs, and the report process's own peak.
 */
async function yearlyReport(db: Db) {
  const { buildReportOutside } = (await import(new URL('../dist/reports/outside.js', import.meta.url).href)) as typeof import('../src/reports/outside.js');
  const keys = ['data', 'handoff', 'docx', 'xlsx', 'csv', 'wait'] as const;
  const runs: Array<{ total: number; phases: Partial<Record<(typeof keys)[number], number>>; transfer: number; botBefore: number; botPeak: number; childPeak: number }> = [];
  for (let i = 0; i < 5; i++) {
    const botBefore = process.memoryUsage().rss;
    let botPeak = botBefore;
    let childPeak = 0;
    let pid = 0;
    const sample = setInterval(() => {
      botPeak = Math.max(botPeak, process.memoryUsage().rss);
      // The report process's high-water mark, read while it still exists.
      const hwm = pid ? /VmHWM:\s+(\d+) kB/.exec((() => { try { return readFileSync(`/proc/${pid}/status`, 'utf8'); } catch { return ''; } })())?.[1] : undefined;
      if (hwm) childPeak = Math.max(childPeak, Number(hwm) * 1024);
    }, 10);
    const t0 = performance.now();
    const built = await buildReportOutside(db, { year: 2026, now: NOW, timeZone: TZ }, { onStart: (p) => (pid = p) });
    const total = performance.now() - t0;
    clearInterval(sample);
    botPeak = Math.max(botPeak, process.memoryUsage().rss);
    runs.push({ total, phases: built.phases, transfer: built.transferMs, botBefore, botPeak, childPeak });
  }
  const med = (f: (r: (typeof runs)[number]) => number) => median(runs.map(f));
  const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
  const total = med((r) => r.total);
  // The .xlsx is built on a worker thread while the .docx is built (build-process.ts): what the
  // report waits for is data, handoff, docx, csv and then whatever is left of the xlsx ("wait").
  const phase = (k: (typeof keys)[number]) => med((r) => r.phases[k] ?? 0);
  const inside = keys.filter((k) => k !== 'xlsx').reduce((a, k) => a + phase(k), 0);
  record('yearly report, as the bot builds it (own process, 96,720 updates)', `${ms(total)} (${ms(Math.min(...runs.map((r) => r.total)))}–${ms(Math.max(...runs.map((r) => r.total)))})`, '≤ 2,000 ms');
  record('   process start + module loading', ms(total - inside - med((r) => r.transfer)));
  const named: Record<(typeof keys)[number], string> = {
    data: 'data', handoff: 'data to the xlsx worker', docx: 'docx', xlsx: 'xlsx (worker thread, during the docx)', csv: 'csv', wait: 'then waiting for the xlsx',
  };
  for (const k of keys) record(`   of which ${named[k]}`, ms(phase(k)));
  record('   files back to the bot (IPC)', ms(med((r) => r.transfer)));
  // This process plays the bot (it also holds the five-year database): what matters is that the build adds nothing to it.
  record('   this process (in the bot\'s place, the five-year database open): resident memory before → peak during the build', `${mb(med((r) => r.botBefore))} → ${mb(med((r) => r.botPeak))} (+${mb(med((r) => r.botPeak - r.botBefore))})`, 'no growth');
  record('   report process peak (freed when it exits)', mb(med((r) => r.childPeak)));
}

async function outbox() {
  const stub = await new BotApiStub().start();
  const dir = mkdtempSync(join(tmpdir(), 'kh457-outbox-'));
  const app = await startApp(baseConfig(stub, dir, { sendLimits: 'telegram' }), createLogger('silent'), {
    schedule: false, pollTimeoutSeconds: 1, limiter: new SendLimiter(TELEGRAM_LIMITS), now: () => Date.UTC(2026, 10, 25, 2),
  });
  const agencies = ['SKHCN', 'SCT', 'SYT', 'SGDDT', 'CAT', 'SNNMT', 'STC', 'SNV', 'TKT', 'LHHKHKT'];
  const groups = Array.from({ length: 60 }, (_, i) => groupChat(-1009100000000 - i, `Nhóm ${i}`));
  groups.forEach((g, i) => upsertChat(app.db, g, Date.now(), { agencyCode: agencies[i % agencies.length]! }));
  for (let i = 0; i < 5; i++) stub.fail('sendMessage', { kind: 'retry_after', seconds: 1 });
  const before = stub.calls.length;
  const t0 = Date.now();
  runReminders(app.jobs, 'weekly');
  await app.outbox.drained(120_000);
  const elapsed = Date.now() - t0;
  const ok = stub.calls.slice(before).filter((c) => c.method === 'sendMessage' && c.outcome === 'ok');
  const perChat = new Map<number, number>();
  for (const c of ok) perChat.set(Number(c.payload.chat_id), (perChat.get(Number(c.payload.chat_id)) ?? 0) + 1);
  const lost = groups.filter((g) => !perChat.has(g.id)).length;
  const dup = [...perChat.values()].filter((x) => x > 1).length;
  // A refused call was still a call: the minimum is every attempt at 25/s, and a 429'd chat's
  // retry no earlier than retry_after.
  const attempts = stub.calls.slice(before).filter((c) => c.method === 'sendMessage').length;
  const minimum = Math.max((attempts - 1) * TELEGRAM_LIMITS.globalGapMs, 1000);
  record('outbox: 60 group reminders, 5 × 429 (retry_after 1 s)', `${elapsed} ms = ${(elapsed / minimum).toFixed(2)}× minimum`, '≤ 1.1× the minimum');
  record(`   minimum the limits allow (${attempts} calls at 25/s)`, `${minimum} ms`);
  record('   lost / duplicated', `${lost} / ${dup}`, '0 / 0');
  await app.stop();
  await stub.stop();
  rmSync(dir, { recursive: true, force: true });
}

/** One start of a bot: time to its first poll, resident memory after start and after a /status. */
async function startOnce(path: string, root = ROOT) {
  const stub = await new BotApiStub().start();
  const t0 = Date.now();
  const bot = runBot({
    BOT_TOKEN: stub.token, TELEGRAM_API_ROOT: stub.apiRoot, DATABASE_PATH: path, LOG_LEVEL: 'error', COORDINATOR_IDS: '820000',
    NODE_OPTIONS: PRODUCTION_NODE_FLAGS,
  }, root);
  await stub.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'), 'first poll', 120_000);
  // From the moment getUpdates arrived, not when the stand-in answered it (a long poll waits).
  const toPoll = stub.firstArrival.get('getUpdates')! - t0;
  // Resident memory once start-up's work (migrations, line states, the menu) has settled.
  await new Promise((r) => setTimeout(r, 1000));
  const afterStart = rssMb(bot.child.pid!);
  const sent = stub.calls.length;
  stub.push(message('/status', { from: USERS[0] }));
  await stub.waitForMessages(1, sent);
  const afterStatus = rssMb(bot.child.pid!);
  bot.child.kill('SIGTERM');
  await bot.exited;
  await stub.stop();
  return { toPoll, afterStart, afterStatus };
}

async function startup(bigDb: string) {
  const STARTS = Number(process.env.BENCH_STARTS ?? 3);
  for (const [label, prepare] of [
    ['empty database', (dir: string) => join(dir, 'kh457.db')],
    ['500,000-row database', (dir: string) => (copyFileSync(bigDb, join(dir, 'kh457.db')), join(dir, 'kh457.db'))],
  ] as const) {
    type Start = Awaited<ReturnType<typeof startOnce>>;
    const now: Start[] = [];
    const then: Start[] = [];
    // Alternating with the older bot (empty database only: its schema is older than the big one's).
    for (let i = 0; i < STARTS; i++) {
      for (const [into, root] of [[now, ROOT], ...(before && label === 'empty database' ? [[then, before.root] as const] : [])] as const) {
        const dir = mkdtempSync(join(tmpdir(), 'kh457-start-'));
        into.push(await startOnce(prepare(dir), root));
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const med = (xs: Start[], f: (s: Start) => number) => median(xs.map(f));
    const range = (xs: Start[], f: (s: Start) => number) => `${Math.min(...xs.map(f))}–${Math.max(...xs.map(f))}`;
    const was = (f: (s: Start) => number, unit: string) => (then.length ? `; ${before!.label}: ${med(then, f)} ${unit} (${range(then, f)})` : '');
    record(`start-up to first poll, ${label} (median of ${STARTS})`, `${med(now, (s) => s.toPoll)} ms (${range(now, (s) => s.toPoll)})${was((s) => s.toPoll, 'ms')}`, '≤ 1,000 ms');
    record(`   resident memory after start`, `${med(now, (s) => s.afterStart)} MB (${range(now, (s) => s.afterStart)})${was((s) => s.afterStart, 'MB')}`, '≤ 120 MB');
    record(`   resident memory after a /status`, `${med(now, (s) => s.afterStatus)} MB (${range(now, (s) => s.afterStatus)})${was((s) => s.afterStatus, 'MB')}`, '≤ 120 MB');
  }
}

const started = new Date();
console.log(`kh457-bot benchmarks — ${started.toISOString()}\n`);
// BENCH_ONLY=throughput,startup (any of throughput, history, outbox, startup) runs only those parts.
const only = process.env.BENCH_ONLY?.split(',');
const runs = (part: string) => !only || only.includes(part);
const big = historyDb();
if (runs('throughput')) await perUpdateCost(big.path);
if (runs('history')) rmSync((await history()).dir, { recursive: true, force: true });
if (runs('outbox')) await outbox();
if (runs('startup')) await startup(big.path);
rmSync(big.dir, { recursive: true, force: true });
before?.remove();

const cpu = cpus();
const machine = `${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${process.platform}`;
const md = [
  '# Benchmark results',
  '',
  `Run with \`npm run bench\` on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
  `Machine: ${machine}.`,
  '',
  '| measurement | result | goal |',
  '|---|---|---|',
  ...rows.map(([a, b, c]) => `| ${a.trim()} | ${b} | ${c} |`),
  '',
  'Per-update cost: each bot runs as its own process (kh457-bot as `npm start` runs it, with the same V8 flags) against the',
  'local Bot API stand-in (test/support/bot-api-stub.ts) over HTTP; 1,000 updates from 50 people after 100 to warm up',
  '(200 after 20 on the five-year database, the bare bot measured on as many); CPU time (user + system) of the bot\'s',
  'process from /proc (all its threads; "main thread" is the JavaScript, the rest is V8 compiling and collecting garbage),',
  'median of rounds that alternate the bare bot with ours; "warmed up" measures the same bots again on 1,000 more',
  'updates after 2,000 further ones (empty database), when V8 has compiled what runs hot;',
  'Telegram\'s send limits off for both so only the bots are measured; MB is the bot\'s resident memory after the run.',
  'The outbox run uses the real limits (1 message/s per chat, 20/min per group, 25/s overall).',
  ...(before
    ? [
      `"${before.label}": the bot at that commit (BENCH_BEFORE), built in a temporary git worktree and run as \`npm start\` runs it, measured`,
      'in the same rounds right after ours on each command (empty database) and alternating with ours at start-up.',
    ]
    : []),
  '',
].join('\n');
writeFileSync(new URL('./RESULTS.md', import.meta.url), md);
console.log('\nwritten: bench/RESULTS.md');
process.exit(0);
