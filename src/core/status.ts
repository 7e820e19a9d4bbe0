import { loadCatalog, type Catalog } from '../db/queries/plan.js';
import { latestLines } from '../db/queries/progress-reports.js';
import { lineRevisions } from '../db/queries/revisions.js';
import type { Db } from '../db/open.js';
import { summarizeTasks, taskProgresses, type Summary, type TaskProgress } from '../domain/progress.js';
import { dayAt } from '../text/dates.js';
import { deadlinesOfYear } from './deadlines.js';
import { catalogKey, deepFreeze, underPlanRevision } from './plan-memo.js';

// Computing a summary reads the year's 1,860 lines (~3.7 ms on a five-year database) and folds them
// (~1.3 ms), and /status, the digest and the status page ask for the same one again and again
// between two reports: it is kept under the plan data revision (core/plan-memo.ts). One entry per
// question asked (year, today, zone, which catalog), the least recently used dropped past KEPT.
//
// A report moves that revision, and the next summary is computed again — but only the reported
// task's standing is: each task's is kept under the revision of its own lines (migration 0014,
// queries/revisions.ts lineRevisions) and its due date, so after a report one task's lines are read
// and folded, and only the figures across tasks are added up again.
const KEPT = 8;

/**
 * Loads a year's reports and summarises them: the one source for /status, the digest and the report.
 * The Summary returned may be the one returned to an earlier caller, and is deeply frozen: read it,
 * copy what you need to reorder or change. Every line carries its notes.
 */
export function buildSummary(db: Db, year: number, now: number, timeZone: string, catalog: Catalog = loadCatalog(db)): Summary {
  const today = dayAt(now, timeZone);
  // The catalog by identity: loadCatalog returns a new object after a reassignment or a rename.
  const key = JSON.stringify([catalogKey(catalog), year, today, timeZone]);
  return underPlanRevision(db, 'summary', key, KEPT, () => compute(db, year, today, timeZone, catalog));
}

interface KeptTask {
  /** The task's lines revision and due date it was computed with. */
  key: string;
  progress: TaskProgress;
}
// Per question (catalog, year, day, zone, report date): the current year's and the one before are
// both asked in December and January (/tinhhinh 2025, the page's year switch), and asking one must
// not throw away the other's standings.
const keptTasks = new WeakMap<Db, Map<string, Map<string, KeptTask>>>();
const QUESTIONS_KEPT = 4;

function compute(db: Db, year: number, today: string, timeZone: string, catalog: Catalog): Summary {
  const due = deadlinesOfYear(db, year); // the one place that says when each task is due
  const input = { tasks: catalog.tasks, agencies: catalog.agencies, deadlines: due.set, year, today, dayOf: (ms: number) => dayAt(ms, timeZone), reportDue: due.reportDue };
  // Inside a transaction nothing is kept (it may be rolled back, and the counters with it). The
  // revisions are read before the lines: a write in between makes a kept standing newer than its
  // revision, never older, and the next summary reads the new revision.
  const revisions = db.$client.inTransaction ? undefined : lineRevisions(db, year);
  // What a kept standing also depends on, the same for every task: otherwise it was another question.
  const question = JSON.stringify([catalogKey(catalog), year, today, timeZone, due.reportDue]);
  let kept = new Map<string, KeptTask>();
  if (revisions) {
    let questions = keptTasks.get(db);
    if (!questions) keptTasks.set(db, (questions = new Map()));
    const had = questions.get(question);
    if (had) {
      questions.delete(question); // re-inserted: a Map iterates oldest first
      kept = had;
    }
    questions.set(question, kept);
    if (questions.size > QUESTIONS_KEPT) questions.delete(questions.keys().next().value!);
  }
  const keyOf = (code: string) => `${revisions?.get(code) ?? 0}\u0000${due.set.get(code) ?? ''}`;
  const stale = catalog.tasks.filter((t) => !revisions || kept.get(t.code)?.key !== keyOf(t.code));
  const lines = !stale.length ? [] : stale.length === catalog.tasks.length ? latestLines(db, year) : latestLines(db, year, { taskCodes: stale.map((t) => t.code) });
  const fresh = new Map(taskProgresses({ ...input, lines }, stale).map((p) => [p.task.code, deepFreeze(p)]));
  if (revisions) for (const [code, progress] of fresh) kept.set(code, { key: keyOf(code), progress });
  const tasks = catalog.tasks.map((t) => fresh.get(t.code) ?? kept.get(t.code)!.progress);
  return summarizeTasks(tasks, input);
}
