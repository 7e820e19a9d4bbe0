// The summary kept under the plan data revision, with each task's standing kept under its own lines
// revision (core/status.ts), against a fresh computation after every step of a long random run of
// what changes the plan's data: reports (late ones, for last year too), withdrawals, deadlines set
// and moved, leads added and ended, the clock moving across days and into the new year, writes
// from another connection, and a rebuild of the line states. Seeded: a failure names its seed and
// step, and replays exactly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { carryOut } from '../../src/core/actions.js';
import { buildSummary } from '../../src/core/status.js';
import { closeDatabase, openDatabase, type Db } from '../../src/db/open.js';
import { setDeadline } from '../../src/db/queries/deadlines.js';
import { loadCatalog } from '../../src/db/queries/plan.js';
import { rebuildLineStates, withdrawProgressReport } from '../../src/db/queries/progress-reports.js';
import { STATUSES } from '../../src/domain/status.js';
import { yearAt } from '../../src/text/dates.js';
import { freshSummary } from '../support/fresh-summary.js';
import { seedUpdate, vn } from '../support/seed.js';

const TZ = 'Asia/Ho_Chi_Minh';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** mulberry32: a small seeded generator, so that a run replays exactly. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const fresh = (db: Db, year: number, now: number) => freshSummary(db, year, now, TZ);

describe('the kept summary against a fresh one, after every step of a random run', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: 250 steps`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kh457-summary-random-'));
      dirs.push(dir);
      const file = join(dir, 'r.db');
      const db = openDatabase(file);
      const r = random(seed);
      let clock = vn(2026, 11, 20, 9);
      const agencies = loadCatalog(db).agencies.filter((a) => a.kind === 'agency').map((a) => a.code);
      const reports: number[] = [];
      const coordinator = { userId: 1, isCoordinator: true };
      const steps: string[] = [];
      try {
        for (let step = 0; step < 250; step++) {
          const tasks = loadCatalog(db).tasks;
          const task = r.pick(tasks);
          const what = r.int(100);
          if (what < 45) {
            // A report: mostly this year and on the task's own agencies, sometimes late for last year.
            const agency = r.next() < 0.7 && task.lead.length ? r.pick(task.lead) : r.pick(agencies);
            const status = r.next() < 0.1 ? null : r.pick(STATUSES);
            const at = r.next() < 0.1 ? vn(2025, 12, 1 + r.int(28), 9) : clock - r.int(30) * 3_600_000;
            reports.push(seedUpdate(db, { task: task.code, agency, status, percent: r.next() < 0.5 ? r.int(101) : null, note: `bước ${step}`, at }).id);
            steps.push(`report ${task.code} ${agency} ${status}`);
          } else if (what < 55 && reports.length) {
            const id = reports.splice(r.int(reports.length), 1)[0]!;
            withdrawProgressReport(db, id, clock, 0);
            steps.push(`withdraw ${id}`);
          } else if (what < 65) {
            const due = `2026-${String(1 + r.int(12)).padStart(2, '0')}-${String(1 + r.int(28)).padStart(2, '0')}`;
            setDeadline(db, task.code, 2026, due, 1, clock);
            steps.push(`deadline ${task.code} ${due}`);
          } else if (what < 72) {
            const agency = r.pick(agencies);
            const remove = r.next() < 0.4;
            carryOut(db, { kind: 'assign', taskCode: task.code, agencyCode: agency, remove, replaces: [] }, coordinator, clock);
            steps.push(`${remove ? 'end' : 'add'} lead ${task.code} ${agency}`);
          } else if (what < 85) {
            clock += r.int(40) * 3_600_000; // hours: across days, and past 31/12 at the end
            steps.push(`clock ${new Date(clock).toISOString()}`);
          } else if (what < 93) {
            const other = new Database(file);
            other.prepare('update line_state set percent = ? where rowid = (select rowid from line_state order by random() limit 1)').run(r.int(101));
            other.close();
            // Another connection's commit is seen from the next batch of microtasks (revisions.ts).
            await new Promise((r) => setImmediate(r));
            steps.push('another connection changes a line');
          } else if (what < 97) {
            rebuildLineStates(db);
            steps.push('rebuild');
          } else {
            clock = vn(2026, 12, 31, 23) + r.int(3) * 3_600_000; // the new year in Vietnam
            steps.push(`clock ${new Date(clock).toISOString()}`);
          }
          const year = yearAt(clock, TZ);
          for (const y of new Set([year, 2026])) {
            const kept = buildSummary(db, y, clock, TZ);
            // Asked again with nothing changed: the same object.
            expect(buildSummary(db, y, clock, TZ)).toBe(kept);
            expect(kept, `seed ${seed}, step ${step} (${steps.at(-1)}), year ${y}`).toEqual(fresh(db, y, clock));
          }
        }
      } finally {
        closeDatabase(db);
      }
    });
  }
});
