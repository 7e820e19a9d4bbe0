import type { Tx } from '../tx.js';
import { statement } from '../statements.js';

/**
 * A counter in `meta` that triggers move (migrations 0012–0014), whoever writes. Undefined when the
 * row is missing (a database from before its migration, opened read-only): then nothing can be
 * known to be unchanged. A prepared statement, not getMeta's query builder: it is read on every
 * update.
 */
function counter(tx: Tx, key: string): number | undefined {
  const value = statement(tx, 'select value from meta where key = ?').pluck().get(key) as string | undefined;
  return value === undefined ? undefined : Number(value);
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
