import type { Tx } from '../tx.js';
import { statement } from '../statements.js';

/** The three counters every command consults, as one read. */
interface Counters {
  /** This connection's total_changes() when they were read. */
  changes: number;
  values: Map<string, number>;
}

const COUNTER_KEYS = ['plan_revision', 'catalog_revision', 'names_revision'] as const;
const snapshots = new WeakMap<Tx, Counters>();

/**
 * A counter in `meta` that triggers move (migrations 0012–0013), whoever writes. Undefined when the
 * row is missing (a database from before its migration, opened read-only): then nothing can be
 * known to be unchanged.
 *
 * The three counters are read together and the read is reused until this connection changes a row
 * (total_changes(), which counts what triggers change too and needs no read of the file) or the
 * running batch of microtasks ends, whichever comes first. A command consults all three (the
 * catalog, the names beside reports, the memo of its answer), 50 commands of one getUpdates batch
 * run in one such batch, and each read outside a transaction is a read transaction of its own
 * (WAL read lock, two fcntl calls): one read where there were ~100. Another connection's commit is
 * seen from the next batch of microtasks on, as if this one had run a moment earlier; this
 * connection's own writes are seen at once.
 */
function counter(tx: Tx, key: (typeof COUNTER_KEYS)[number]): number | undefined {
  // Inside a transaction the counters may move and be rolled back with no trace in total_changes().
  if (tx.$client.inTransaction) return readCounters(tx).get(key);
  const changes = statement(tx, 'select total_changes()').pluck().get() as number;
  let kept = snapshots.get(tx);
  if (!kept || kept.changes !== changes) {
    const read: Counters = { changes, values: readCounters(tx) };
    snapshots.set(tx, (kept = read));
    queueMicrotask(() => {
      if (snapshots.get(tx) === read) snapshots.delete(tx);
    });
  }
  return kept.values.get(key);
}

function readCounters(tx: Tx): Map<string, number> {
  const rows = statement(tx, `select key, value from meta where key in (${COUNTER_KEYS.map((k) => `'${k}'`).join(', ')})`).raw().all() as Array<[string, string]>;
  return new Map(rows.map(([k, v]) => [k, Number(v)]));
}

/**
 * The plan data revision (0012): moves on every write to a table the plan's summary is computed
 * from (sections, tasks, agencies, task_agencies, deadlines, line_state). Equal revisions on one
 * connection mean those tables read the same.
 */
export const planRevision = (tx: Tx) => counter(tx, 'plan_revision');

/** The catalog revision (0013): moves on writes to sections, tasks, agencies or task_agencies, not on reports. */
export const catalogRevision = (tx: Tx) => counter(tx, 'catalog_revision');

/** The names revision (0013): moves when a person's name really changes, or a person is added or removed. */
export const namesRevision = (tx: Tx) => counter(tx, 'names_revision');

/**
 * Each task's lines revision in `year` (migration 0014: moved on every write to that task's rows of
 * line_state, whoever writes). A task whose lines were never written is absent: revision 0.
 */
export function lineRevisions(tx: Tx, year: number): Map<string, number> {
  const prefix = `lines:${year}:`;
  // ';' follows ':': the range is every key that starts with the prefix, on the primary key's index.
  const rows = statement(tx, 'select key, value from meta where key >= ? and key < ?').raw().all(prefix, `lines:${year};`) as Array<[string, string]>;
  return new Map(rows.map(([key, value]) => [key.slice(prefix.length), Number(value)]));
}
