// The year's summary computed from the tables with nothing kept: the catalog read anew, every line,
// the deadlines. The oracle the kept summary (core/status.ts) is compared with.
import { deadlinesOfYear } from '../../src/core/deadlines.js';
import type { Db } from '../../src/db/open.js';
import { listAgencies, listTasks } from '../../src/db/queries/plan.js';
import { latestLines } from '../../src/db/queries/progress-reports.js';
import { summarize, type Summary } from '../../src/domain/progress.js';
import { dayAt } from '../../src/text/dates.js';

export function freshSummary(db: Db, year: number, now: number, timeZone: string): Summary {
  const due = deadlinesOfYear(db, year);
  return summarize({
    tasks: listTasks(db),
    agencies: listAgencies(db),
    lines: latestLines(db, year),
    deadlines: due.set,
    year,
    today: dayAt(now, timeZone),
    dayOf: (ms) => dayAt(ms, timeZone),
    reportDue: due.reportDue,
  });
}
