// The plan's summary is cached per connection under the plan data revision (core/status.ts,
// migration 0012). These tests change the plan's data the ways the bot and others do — a report, its
// withdrawal, a deadline, a reassignment, a second connection — on a real database file, and check
// that the revision moved and the summary is what a fresh computation says; that a new day changes
// the answer with no write; and that, with nothing changed, the same object is served.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleApp, type ConsoleApp } from '../../src/app.js';
import { consoleChat, consolePerson } from '../../src/channels/console/identities.js';
import { carryOut } from '../../src/core/actions.js';
import { setTaskDeadline } from '../../src/core/deadlines.js';
import { submitReport, withdrawReport } from '../../src/core/progress-reports.js';
import { buildSummary } from '../../src/core/status.js';
import { closeDatabase, openDatabase, type Db } from '../../src/db/open.js';
import { createRequest, decide } from '../../src/db/queries/officers.js';
import { setDeadline } from '../../src/db/queries/deadlines.js';
import { loadCatalog } from '../../src/db/queries/plan.js';
import { planRevision } from '../../src/db/queries/revisions.js';
import { inTransaction } from '../../src/db/tx.js';
import type { Summary } from '../../src/domain/progress.js';
import { createLogger } from '../../src/logger.js';
import { testConfig } from '../support/config.js';
import { freshSummary } from '../support/fresh-summary.js';
import { vn } from '../support/seed.js';

const TZ = 'Asia/Ho_Chi_Minh';
const TASK = 'III.1.3'; // led by Sở Y tế (SYT) alone
let clock = vn(2026, 8, 15, 10);
let app: ConsoleApp;
let db: Db;
let dir: string;
let file: string;
const ids: Record<string, number> = {};
let nextEvent = 7_000_000;

/** What the plan looks like now, computed from the tables with nothing kept. */
const fresh = (year: number, now: number): Summary => freshSummary(db, year, now, TZ);

/** Minh reports on TASK, through the core function every channel calls. */
function report(percent: number, note: string) {
  const saved = submitReport(db, {
    reporter: { userId: ids.minh!, isCoordinator: false },
    chatId: ids.minhChat!,
    chatAgency: null,
    messageId: null,
    eventId: nextEvent++,
    via: 'command',
    taskCode: TASK,
    report: { status: 'in_progress', percent, note },
    now: clock,
    timeZone: TZ,
  });
  if (saved.kind !== 'saved') throw new Error(saved.kind);
  return saved.update;
}

const summary = () => buildSummary(db, 2026, clock, TZ);
const taskOf = (s: Summary, code = TASK) => s.tasks.find((t) => t.task.code === code)!;

/** Runs `change` and checks the revision moved, the summary is a new object, and it equals a fresh computation. */
function expectFollows(change: () => void): Summary {
  const before = summary();
  const revision = planRevision(db)!;
  change();
  return followed(before, revision);
}

/**
 * The same for a change another connection commits. It is seen from the next batch of microtasks
 * (db/queries/revisions.ts reads the counters once per batch); this connection's own writes at once.
 */
async function expectFollowsFromElsewhere(change: () => void): Promise<Summary> {
  const before = summary();
  const revision = planRevision(db)!;
  change();
  await new Promise((r) => setImmediate(r));
  return followed(before, revision);
}

function followed(before: Summary, revision: number): Summary {
  expect(planRevision(db)).toBeGreaterThan(revision);
  const after = summary();
  expect(after).not.toBe(before);
  expect(after).toEqual(fresh(2026, clock));
  return after;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kh457-summary-cache-'));
  const config = testConfig(dir);
  file = config.databasePath;
  app = await startConsoleApp(config, createLogger('silent'), {
    schedule: false,
    outboxBackoffMs: 20,
    now: () => clock,
    console: { coordinators: ['thao'], people: { thao: { firstName: 'Thảo', lastName: 'Nguyễn' } }, filesDir: join(dir, 'files'), print: () => {} },
  });
  db = app.db;
  for (const p of ['thao', 'minh']) ids[p] = consolePerson(db, p, { firstName: p }, clock).id;
  ids.minhChat = consoleChat(db, 'minh', null, clock);
  // Minh is Sở Y tế's officer, approved by the coordinator, as /dangky does it.
  decide(db, createRequest(db, ids.minh!, 'SYT', ids.minh!, clock).id, 'approved', ids.thao!, clock);
});

afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the plan data revision', () => {
  it('has the three triggers on every table the summary reads, found by recording what it reads', () => {
    // A connection of its own: nothing prepared or cached yet, so every query the summary runs is prepared here.
    const other = openDatabase(file);
    const read: string[] = [];
    const prepare = other.$client.prepare.bind(other.$client);
    other.$client.prepare = ((sql: string) => (read.push(sql), prepare(sql))) as typeof other.$client.prepare;
    buildSummary(other, 2026, clock, TZ);
    other.$client.prepare = prepare;
    const tables = new Set(read.flatMap((sql) => [...sql.matchAll(/\b(?:from|join)\s+["`]?(\w+)["`]?(?!\s*\()/gi)].map((m) => m[1]!)));
    tables.delete('meta'); // the revision itself
    // What it reads today; a new table read shows up here and must get its triggers in a migration.
    expect([...tables].sort()).toEqual(['agencies', 'deadlines', 'line_state', 'sections', 'task_agencies', 'tasks']);
    const triggers = other.$client.prepare("select tbl_name t, sql from sqlite_master where type = 'trigger' and name like 'plan_revision_%'").all() as Array<{ t: string; sql: string }>;
    for (const t of tables) {
      for (const op of ['INSERT', 'UPDATE', 'DELETE']) expect(triggers.some((x) => x.t === t && x.sql.includes(`AFTER ${op} ON`)), `${op} on ${t}`).toBe(true);
    }
    closeDatabase(other);
  });

  it('serves the same summary while nothing changed, across the bot answering /tinhhinh', async () => {
    const first = summary();
    expect(summary()).toBe(first);
    const revision = planRevision(db);
    // The bot's own bookkeeping for an answer (inbox, the handled mark, users) is not plan data.
    await app.console.line('thao', 'thao', '/tinhhinh');
    await app.outbox.drained();
    expect(planRevision(db)).toBe(revision);
    expect(summary()).toBe(first);
    expect(first).toEqual(fresh(2026, clock));
  });

  let reportId = 0;
  it('moves on a progress report, and the summary shows it', () => {
    const after = expectFollows(() => {
      reportId = report(40, 'Đã trình dự thảo đề án').id;
    });
    expect(taskOf(after)).toMatchObject({ status: 'in_progress', percent: 40 });
  });

  it('after a report only the reported task is computed again: the others keep their standing, the same objects', () => {
    const before = summary();
    const saved = report(45, 'Thêm một bước');
    // Another year asked in between (/tinhhinh 2025, the page's year switch) keeps this year's standings.
    expect(buildSummary(db, 2025, clock, TZ).year).toBe(2025);
    const after = summary();
    expect(after).not.toBe(before);
    expect(after).toEqual(fresh(2026, clock));
    expect(taskOf(after)).not.toBe(taskOf(before));
    expect(taskOf(after)).toMatchObject({ status: 'in_progress', percent: 45 });
    const others = after.tasks.filter((t) => t.task.code !== TASK);
    expect(others.every((t, i) => t === before.tasks.filter((x) => x.task.code !== TASK)[i])).toBe(true);
    // The report is taken back, so that the next tests start from the same state.
    const r = withdrawReport(db, { userId: ids.minh!, isCoordinator: false, updateId: saved.id, eventId: nextEvent++, now: clock + 1 });
    expect(r.kind).toBe('withdrawn');
    expect(summary()).toEqual(fresh(2026, clock));
  });

  it('moves on its withdrawal (/huy), and the line is unreported again', () => {
    const after = expectFollows(() => {
      const r = withdrawReport(db, { userId: ids.minh!, isCoordinator: false, updateId: reportId, eventId: nextEvent++, now: clock + 60_000 });
      expect(r.kind).toBe('withdrawn');
    });
    expect(taskOf(after)).toMatchObject({ status: 'not_started', percent: null });
  });

  it('moves on a deadline set with /hanchot', () => {
    const after = expectFollows(() => {
      const r = setTaskDeadline(app.jobs, { task: loadCatalog(db).tasks.find((t) => t.code === TASK)!, due: '2026-08-15', by: { id: ids.thao!, name: 'Thảo' }, eventId: nextEvent++ });
      expect(r.kind).toBe('saved');
    });
    expect(taskOf(after)).toMatchObject({ due: '2026-08-15', overdue: false });
  });

  it('moves when a lead is added to a task and when it is ended', () => {
    const who = { userId: ids.thao!, isCoordinator: true };
    const added = expectFollows(() => {
      expect(carryOut(db, { kind: 'assign', taskCode: TASK, agencyCode: 'SCT', remove: false, replaces: [] }, who, clock)).toEqual({ kind: 'assign', changed: true });
    });
    expect(taskOf(added).expected).toEqual(['SCT', 'SYT']);
    const ended = expectFollows(() => {
      expect(carryOut(db, { kind: 'assign', taskCode: TASK, agencyCode: 'SCT', remove: true, replaces: [] }, who, clock)).toEqual({ kind: 'assign', changed: true });
    });
    expect(taskOf(ended).expected).toEqual(['SYT']);
  });

  it('moves on a plain SQL insert from another connection', async () => {
    const after = await expectFollowsFromElsewhere(() => {
      const other = new Database(file);
      other.prepare('insert into deadlines (task_code, year, due_date, set_by, set_at) values (?, 2026, ?, ?, ?)').run('II.3', '2026-07-01', ids.thao, clock);
      other.close();
    });
    expect(taskOf(after, 'II.3')).toMatchObject({ due: '2026-07-01', overdue: true });
  });

  it('a lead added and ended from another connection is seen too: the catalog follows its own revision (0013)', async () => {
    const added = await expectFollowsFromElsewhere(() => {
      const other = new Database(file);
      other
        .prepare("insert into task_agencies (task_code, agency_code, role, ord, source, started_at, started_by) values (?, 'CAT', 'lead', 9, 'coordinator', ?, ?)")
        .run(TASK, clock, ids.thao);
      other.close();
    });
    expect(taskOf(added).expected).toEqual(['SYT', 'CAT']);
    const ended = await expectFollowsFromElsewhere(() => {
      const other = new Database(file);
      other.prepare("update task_agencies set ended_at = ?, ended_by = ? where task_code = ? and agency_code = 'CAT'").run(clock, ids.thao, TASK);
      other.close();
    });
    expect(taskOf(ended).expected).toEqual(['SYT']);
  });

  it('does not keep what a transaction saw and rolled back, though the counter comes back to the same number', () => {
    const before = summary();
    const revision = planRevision(db)!;
    let inside = 0;
    expect(() =>
      inTransaction(db, (tx) => {
        setDeadline(tx, TASK, 2026, '2026-08-01', ids.thao!, clock);
        // Inside, the change is seen…
        expect(taskOf(buildSummary(tx, 2026, clock, TZ))).toMatchObject({ due: '2026-08-01', overdue: true });
        inside = planRevision(tx)!;
        expect(inside).toBeGreaterThan(revision);
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    // …and after the rollback it is gone, the counter back where it was.
    expect(planRevision(db)).toBe(revision);
    expect(summary()).toBe(before);
    // The next committed change brings the counter to that same number, with other data: that is what is shown.
    setDeadline(db, TASK, 2026, '2026-09-30', ids.thao!, clock);
    expect(planRevision(db)).toBe(inside);
    expect(taskOf(summary())).toMatchObject({ due: '2026-09-30', overdue: false });
    expect(summary()).toEqual(fresh(2026, clock));
  });
});

describe('the cached summary', () => {
  it('changes with the day, with no write: a task falls overdue the day after its deadline', () => {
    setDeadline(db, TASK, 2026, '2026-08-15', ids.thao!, clock);
    const revision = planRevision(db);
    const onTheDay = buildSummary(db, 2026, vn(2026, 8, 15, 23, 59), TZ);
    const dayAfter = buildSummary(db, 2026, vn(2026, 8, 16, 0, 1), TZ);
    expect(planRevision(db)).toBe(revision);
    expect(taskOf(onTheDay)).toMatchObject({ due: '2026-08-15', overdue: false });
    expect(taskOf(dayAfter)).toMatchObject({ due: '2026-08-15', overdue: true });
    expect(dayAfter.daysLeft).toBe(onTheDay.daysLeft - 1);
    expect(dayAfter).toEqual(fresh(2026, vn(2026, 8, 16, 0, 1)));
    // Both days are kept: asking for the first again is no new computation.
    expect(buildSummary(db, 2026, vn(2026, 8, 15, 8), TZ)).toBe(onTheDay);
  });

  it('is one per question: another year, another catalog are other summaries', () => {
    const catalog = loadCatalog(db);
    const all = buildSummary(db, 2026, clock, TZ, catalog);
    expect(buildSummary(db, 2026, clock, TZ, catalog)).toBe(all);
    expect(buildSummary(db, 2025, clock, TZ, catalog).year).toBe(2025);
    const copy = { ...catalog };
    expect(buildSummary(db, 2026, clock, TZ, copy)).not.toBe(all);
    expect(buildSummary(db, 2026, clock, TZ, copy)).toEqual(all);
  });

  it('is frozen all the way down, so a consumer that sorts or sets in place fails instead of changing it for everyone', () => {
    submitReport(db, {
      reporter: { userId: ids.minh!, isCoordinator: false }, chatId: ids.minhChat!, chatAgency: null, messageId: null, eventId: nextEvent++,
      via: 'command', taskCode: TASK, report: { status: 'blocked', percent: 30, note: 'Chờ kinh phí' }, now: clock, timeZone: TZ,
    });
    const s = summary();
    const tp = taskOf(s);
    expect(s.blocked.length).toBeGreaterThan(0);
    for (const part of [s, s.tasks, tp, tp.lines, tp.lines[0], tp.task, tp.task.lead, s.bySection[0]!.counts, s.blocked[0], s.silent, s.coverage]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    expect(() => s.tasks.sort((a, b) => b.task.code.localeCompare(a.task.code))).toThrow(TypeError);
    expect(() => {
      (tp as { status: string }).status = 'done';
    }).toThrow(TypeError);
    expect(summary()).toEqual(fresh(2026, clock));
  });
});
