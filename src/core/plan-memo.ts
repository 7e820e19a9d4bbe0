// Answers computed from the plan's data, kept per connection under the plan data revision, which
// the database's triggers move on every write to the tables they are computed from (migration
// 0012, db/queries/revisions.ts): a report, a withdrawal, a deadline, a reassignment, a script
// or another connection makes them stale without any code here having to know. /status, the
// digest and the status page ask for the year's summary (core/status.ts), /task for one task's
// lines (usecases/plan.ts), again and again between two reports.
//
// Only entries of one revision are kept: a revision that moved never comes back, and a stale entry
// cannot be served under a number the counter reaches again (a row deleted and re-created) once any
// read saw the change. Within a revision, one entry per question (its key), the least recently
// used dropped past `kept`.
import { planRevision } from '../db/queries/revisions.js';
import type { Db } from '../db/open.js';

const memos = new WeakMap<Db, Map<string, { revision: number; entries: Map<string, unknown> }>>();

/**
 * What `compute` returns for `key` while the plan's data is unchanged. Each `kind` (a kind of
 * question: 'summary', 'task') keeps its own `kept` entries. The value is deeply frozen, since every
 * later caller gets the same object: read it, copy what you need to reorder or change.
 */
export function underPlanRevision<T>(db: Db, kind: string, key: string, kept: number, compute: () => T): T {
  // Inside a transaction the connection may see writes that are rolled back later, and the counter
  // with them: what was computed from that state must not be kept under a number a later commit
  // reaches again.
  const revision = db.$client.inTransaction ? undefined : planRevision(db);
  if (revision === undefined) return deepFreeze(compute());
  let byKind = memos.get(db);
  if (!byKind) memos.set(db, (byKind = new Map()));
  let memo = byKind.get(kind);
  if (!memo || memo.revision !== revision) byKind.set(kind, (memo = { revision, entries: new Map() }));
  const entries = memo.entries;
  if (entries.has(key)) {
    const hit = entries.get(key) as T;
    entries.delete(key); // re-inserted: a Map iterates oldest first
    entries.set(key, hit);
    return hit;
  }
  // The revision was read before the tables: another connection committing in between makes this
  // value newer than its revision, never older, and the next call reads the new revision anyway.
  const value = deepFreeze(compute());
  entries.set(key, value);
  if (entries.size > kept) entries.delete(entries.keys().next().value!);
  return value;
}

/**
 * Freezes `value` and everything reachable from it, the catalog's tasks and agencies included
 * (they are shared too). An object already frozen is taken as done: it marks what was visited,
 * which a WeakSet did at twice the cost.
 *
 * Why freeze: every caller shares the value. A consumer that sorted a list in place or set a field
 * would change what everyone else is shown until the next report, silently. Frozen, such code
 * throws at once (ES modules are strict), in the tests first — and in production too, where a loud
 * error in one answer beats wrong figures in all of them. It costs ~0.4 ms once per revision for a
 * five-year database's summary (2,800 objects), against ~5 ms to compute it; nothing on a hit.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}

const catalogIds = new WeakMap<object, number>();
let lastCatalogId = 0;

/** A number for a catalog object, for keys: the same object, the same number. */
export function catalogKey(catalog: object): number {
  let id = catalogIds.get(catalog);
  if (id === undefined) catalogIds.set(catalog, (id = ++lastCatalogId));
  return id;
}
