import { loadCatalog, type Catalog } from '../db/queries/plan.js';
import { latestLines, type NotesFor } from '../db/queries/progress-reports.js';
import type { Db } from '../db/open.js';
import { summarize, type Summary } from '../domain/progress.js';
import { dayAt } from '../text/dates.js';
import { deadlinesOfYear } from './deadlines.js';

/** Loads a year's reports and summarises them: the one source for /status, the digest and the report. */
export function buildSummary(
  db: Db,
  year: number,
  now: number,
  timeZone: string,
  catalog: Catalog = loadCatalog(db),
  notes: NotesFor = 'all',
): Summary {
  const due = deadlinesOfYear(db, year); // the one place that says when each task is due
  return summarize({
    tasks: catalog.tasks,
    agencies: catalog.agencies,
    lines: latestLines(db, year, {}, notes),
    deadlines: due.set,
    year,
    today: dayAt(now, timeZone),
    dayOf: (ms) => dayAt(ms, timeZone),
    reportDue: due.reportDue,
  });
}
