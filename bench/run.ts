// `npm run bench`: how fast kh457-bot is and what it costs, measured on this machine.
// Prints a table and writes bench/RESULTS.md. Not a test: nothing here passes or fails.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Telegraf } from 'telegraf';
import { startApp } from '../src/app.js';
import type { Config } from '../src/config.js';
import { buildDigest } from '../src/core/digest.js';
import { buildSummary } from '../src/core/status.js';
import { openDatabase, type Db } from '../src/db/open.js';
import { upsertChat } from '../src/db/queries/chats.js';
import { loadCatalog } from '../src/db/queries/plan.js';
import { rebuildLineStates } from '../src/db/queries/updates.js';
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
import { runBot } from '../test/support/process.js';
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
  return {
    botToken: stub.token, apiRoot: stub.apiRoot, databasePath: join(dir, 'kh457.db'), coordinatorIds: [], timeZone: TZ,
    defaultLocale: 'vi', logLevel: 'silent', digestCron: '0 8 * * 1', reminderCron: '0 9 * * 3', staleDays: 14, escalateDays: 7,
    holidays: [], mode: 'polling', backupDir: join(dir, 'backups'), backupKeep: 3, backupCron: '30 2 * * *', sendLimits: 'none', ...extra,
  };
}

const USERS = Array.from({ length: 50 }, (_, i) => ({ id: 820_000 + i, is_bot: false, first_name: `Người ${i}` }));

/** Updates per second until `n` answers arrived, for updates built by `make`. */
async function throughput(stub: BotApiStub, n: number, make: (i: number) => Record<string, unknown>): Promise<number> {
  const before = stub.calls.length;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) stub.push(make(i));
  await stub.waitFor((calls) => calls.length - before >= n && calls.slice(before).filter((c) => c.method === 'sendMessage').length >= n, `${n} answers`, 300_000);
  return n / ((performance.now() - t0) / 1000);
}

async function bareTelegraf(n: number): Promise<number> {
  const stub = await new BotApiStub().start();
  const bot = new Telegraf(stub.token, { telegram: { apiRoot: stub.apiRoot } });
  bot.on('message', (ctx) => ctx.reply('ok'));
  void bot.launch({ dropPendingUpdates: false });
  await stub.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'), 'first poll');
  const rate = await throughput(stub, n, (i) => message('/task II.3', { from: USERS[i % 50] }));
  bot.stop();
  await stub.stop();
  return rate;
}

async function kh457(n: number, command: (i: number) => string): Promise<number> {
  const stub = await new BotApiStub().start();
  const dir = mkdtempSync(join(tmpdir(), 'kh457-bench-'));
  const app = await startApp(baseConfig(stub, dir, { coordinatorIds: USERS.map((u) => u.id) }), createLogger('silent'), { schedule: false, pollTimeoutSeconds: 1 });
  await stub.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'), 'first poll');
  const rate = await throughput(stub, n, (i) => message(command(i), { from: USERS[i % 50] }));
  await app.stop();
  await stub.stop();
  rmSync(dir, { recursive: true, force: true });
  return rate;
}

async function perUpdateCost() {
  const N = 1000;
  const bare = await bareTelegraf(N);
  record('bare telegraf bot, answers once per message', `${bare.toFixed(0)} updates/s`);
  for (const [name, cmd] of [
    ['/task II.3', () => '/task II.3'],
    ['/update II.3 doing N% …', (i: number) => `/update II.3 doing ${i % 100}% Báo cáo số ${i}`],
    ['/status', () => '/status'],
  ] as const) {
    const rate = await kh457(N, cmd);
    record(`kh457-bot ${name}`, `${rate.toFixed(0)} updates/s = ${(rate / bare).toFixed(2)}× bare`, '≥ 0.67× bare');
  }
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
  record('/status: summary + render, whole plan', ms(timeIt(() => renderOverall(buildSummary(db, 2026, NOW, TZ, loadCatalog(db), {}), ctx))), '≤ 10 ms');
  record('/status: one agency', ms(timeIt(() => renderAgencyStatus(buildSummary(db, 2026, NOW, TZ, loadCatalog(db), { agencyCode: 'BENCH_07' }), catalog.agencies.find((a) => a.code === 'BENCH_07')!, catalog.tasks, ctx))), '≤ 10 ms');
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
  const keys = ['data', 'docx', 'xlsx', 'csv'] as const;
  const runs: Array<{ total: number; phases: Record<(typeof keys)[number], number>; transfer: number; botBefore: number; botPeak: number; childPeak: number }> = [];
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
  const inside = keys.reduce((a, k) => a + med((r) => r.phases[k]), 0);
  record('yearly report, as the bot builds it (own process, 96,720 updates)', ms(total), '≤ 2,000 ms');
  record('   process start + module loading', ms(total - inside - med((r) => r.transfer)));
  for (const k of keys) record(`   of which ${k}`, ms(med((r) => r.phases[k])));
  record('   files back to the bot (IPC)', ms(med((r) => r.transfer)));
  // This process plays the bot (it also holds the five-year database): what matters is that the build adds nothing to it.
  record('   the bot\'s resident memory: before → peak during the build', `${mb(med((r) => r.botBefore))} → ${mb(med((r) => r.botPeak))} (+${mb(med((r) => r.botPeak - r.botBefore))})`, 'no growth');
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

async function startup(bigDb: string) {
  for (const [label, prepare] of [
    ['empty database', (dir: string) => join(dir, 'kh457.db')],
    ['500,000-row database', (dir: string) => (copyFileSync(bigDb, join(dir, 'kh457.db')), join(dir, 'kh457.db'))],
  ] as const) {
    const stub = await new BotApiStub().start();
    const dir = mkdtempSync(join(tmpdir(), 'kh457-start-'));
    const path = prepare(dir);
    const t0 = Date.now();
    const bot = runBot({ BOT_TOKEN: stub.token, TELEGRAM_API_ROOT: stub.apiRoot, DATABASE_PATH: path, LOG_LEVEL: 'error', COORDINATOR_IDS: '820000' });
    await stub.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'), 'first poll', 120_000);
    // From the moment getUpdates arrived, not when the stand-in answered it (a long poll waits).
    const toPoll = stub.firstArrival.get('getUpdates')! - t0;
    const before = stub.calls.length;
    stub.push(message('/status', { from: USERS[0] }));
    await stub.waitForMessages(1, before);
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${bot.child.pid}/status`, 'utf8'))?.[1];
    record(`start-up to first poll, ${label}`, `${toPoll} ms`);
    record(`   resident memory after a /status`, `${Math.round(Number(rss) / 1024)} MB`);
    bot.child.kill('SIGTERM');
    await bot.exited;
    await stub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const started = new Date();
console.log(`kh457-bot benchmarks — ${started.toISOString()}\n`);
await perUpdateCost();
const big = await history();
await outbox();
await startup(big.path);
rmSync(big.dir, { recursive: true, force: true });

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
  'Throughput is end to end over HTTP against the local Bot API stand-in (test/support/bot-api-stub.ts), 1,000 updates from',
  '50 users, with Telegram\'s send limits off for both bots so only the bots themselves are measured. The outbox run uses the',
  'real limits (1 message/s per chat, 20/min per group, 25/s overall).',
  '',
].join('\n');
writeFileSync(new URL('./RESULTS.md', import.meta.url), md);
console.log('\nwritten: bench/RESULTS.md');
process.exit(0);
