import { loadCatalog, type Catalog } from '../db/queries/plan.js';
import { latestLines, type NotesFor } from '../db/queries/progress-reports.js';
import type { Db } from '../db/open.js';
import { summarize, type Summary } from '../domain/progress.js';
import { dayAt } from '../text/dates.js';
import { deadlinesOfYear } from './deadlines.js';
import { catalogKey, underPlanRevision } from './plan-memo.js';

// Computing a summary reads the year's 1,860 lines (~3.7 ms on a five-year database) and folds them
// (~1.3 ms), and /status, the digest and the status page ask for the same one again and again
// between two reports: it is kept under the plan data revision (core/plan-memo.ts). One entry per
// question asked (year, today, zone, which notes, which catalog), the least recently used dropped
// past KEPT: the whole plan, a few officers' agencies, a task, another year.
const KEPT = 8;

/**
 * Loads a year's reports and summarises them: the one source for /status, the digest and the report.
 * The Summary returned may be the one returned to an earlier caller, and is deeply frozen: read it,
 * copy what you need to reorder or change.
 */
export function buildSummary(
  db: Db,
  year: number,
  now: number,
  timeZone: string,
  catalog: Catalog = loadCatalog(db),
  notes: NotesFor = 'all',
): Summary {
  const today = dayAt(now, timeZone);
  // The notes asked for change which note columns are read: part of the question. null, not '', for
  // an absent code, as latestLines binds it. The catalog by identity: loadCatalog returns a new
  // object after a reassignment or a rename.
  const key = JSON.stringify([catalogKey(catalog), year, today, timeZone, notes === 'all' ? notes : [notes.taskCode ?? null, notes.agencyCode ?? null]]);
  return underPlanRevision(db, 'summary', key, KEPT, () => {
    const due = deadlinesOfYear(db, year); // the one place that says when each task is due
    return summarize({
      tasks: catalog.tasks,
      agencies: catalog.agencies,
      lines: latestLines(db, year, {}, notes),
      deadlines: due.set,
      year,
      today,
      dayOf: (ms) => dayAt(ms, timeZone),
      reportDue: due.reportDue,
    });
  });
}
