import { deadlinesFor } from '../db/queries/deadlines.js';
import { loadCatalog, type Catalog } from '../db/queries/plan.js';
import { latestLines, type NotesFor } from '../db/queries/updates.js';
import type { Db } from '../db/open.js';
import { summarize, type Summary } from '../domain/progress.js';
import { reportDueIso } from '../domain/reporting.js';
import { dayAt } from '../text/dates.js';

/** Loads a year's reports and summarises them: the one source for /status, the digest and the report. */
export function buildSummary(
  db: Db,
  year: number,
  now: number,
  timeZone: string,
  catalog: Catalog = loadCatalog(db),
  notes: NotesFor = 'all',
): Summary {
  return summarize({
    tasks: catalog.tasks,
    agencies: catalog.agencies,
    lines: latestLines(db, year, {}, notes),
    deadlines: deadlinesFor(db, year),
    year,
    today: dayAt(now, timeZone),
    dayOf: (ms) => dayAt(ms, timeZone),
    reportDue: reportDueIso(year),
  });
}
