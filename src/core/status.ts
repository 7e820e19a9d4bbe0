import { loadCatalog, type Catalog } from '../db/queries/plan.js';
import { planRevision } from '../db/queries/plan-revision.js';
import { latestLines, type NotesFor } from '../db/queries/progress-reports.js';
import type { Db } from '../db/open.js';
import { summarize, type Summary } from '../domain/progress.js';
import { dayAt } from '../text/dates.js';
import { deadlinesOfYear } from './deadlines.js';

// Computing a summary reads the year's 1,860 lines (~3.7 ms on a five-year database) and folds them
// (~1.3 ms), and /status, the digest and the status page ask for the same one again and again
// between two reports. It is kept per connection under the plan data revision, which the
// database's triggers move on every write to the tables it is computed from (migration 0012,
// db/queries/plan-revision.ts) — so a report, a withdrawal, a deadline, a reassignment, a script
// or another connection makes it stale without any code here having to know.
//
// Only entries of one revision are kept: a revision that moved never comes back, and a stale entry
// cannot be served under a number the counter reaches again (a row deleted and re-created) once any
// read saw the change. Within a revision, one entry per question asked (year, today, zone, which
// notes, which catalog), the least recently used dropped past KEPT: the whole plan, a few officers'
// agencies, a task, another year.
const KEPT = 8;

interface Entry {
  /** Compared by identity: loadCatalog returns a new object after a reassignment or a rename. */
  catalog: Catalog;
  summary: Summary;
}

const caches = new WeakMap<Db, { revision: number; entries: Map<string, Entry> }>();

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
  // Inside a transaction the connection may see writes that are rolled back later, and the counter
  // with them: a summary of that state must not be kept under a number a later commit reaches again.
  const revision = db.$client.inTransaction ? undefined : planRevision(db);
  if (revision === undefined) return compute(db, year, today, timeZone, catalog, notes);

  let cache = caches.get(db);
  if (!cache || cache.revision !== revision) caches.set(db, (cache = { revision, entries: new Map() }));
  // The notes asked for change which note columns are read: part of the question. null, not '', for
  // an absent code, as latestLines binds it.
  const key = JSON.stringify([year, today, timeZone, notes === 'all' ? notes : [notes.taskCode ?? null, notes.agencyCode ?? null]]);
  const hit = cache.entries.get(key);
  cache.entries.delete(key); // re-inserted below: a Map iterates oldest first
  if (hit && hit.catalog === catalog) {
    cache.entries.set(key, hit);
    return hit.summary;
  }
  // The revision was read before the tables: another connection committing in between makes this
  // summary newer than its revision, never older, and the next call reads the new revision anyway.
  const summary = compute(db, year, today, timeZone, catalog, notes);
  cache.entries.set(key, { catalog, summary });
  if (cache.entries.size > KEPT) cache.entries.delete(cache.entries.keys().next().value!);
  return summary;
}

function compute(db: Db, year: number, today: string, timeZone: string, catalog: Catalog, notes: NotesFor): Summary {
  const due = deadlinesOfYear(db, year); // the one place that says when each task is due
  const summary = summarize({
    tasks: catalog.tasks,
    agencies: catalog.agencies,
    lines: latestLines(db, year, {}, notes),
    deadlines: due.set,
    year,
    today,
    dayOf: (ms) => dayAt(ms, timeZone),
    reportDue: due.reportDue,
  });
  // Every caller shares it: a consumer that sorted a list in place or set a field would change what
  // everyone else is shown until the next report, silently. Frozen, such code throws at once (ES
  // modules are strict), in the tests first — and in production too, where a loud error in one
  // answer beats wrong figures in all of them. It costs ~0.4 ms once per revision (2,800 objects on
  // a five-year database), against ~5 ms to compute; nothing on a cache hit.
  return deepFreeze(summary);
}

/**
 * Freezes `value` and everything reachable from it, the catalog's tasks and agencies included
 * (they are shared too). An object already frozen is taken as done: it marks what was visited,
 * which a WeakSet did at twice the cost.
 */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}
