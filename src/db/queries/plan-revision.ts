import type { Tx } from '../tx.js';
import { statement } from '../statements.js';

/**
 * The plan data revision: a counter the database's own triggers move on every write to a table the
 * plan's summary is computed from (migration 0012: sections, tasks, agencies, task_agencies,
 * deadlines, line_state), whoever writes. Equal revisions on one connection mean those tables
 * read the same. Undefined when the row is missing (a database from before 0012, opened
 * read-only): then nothing can be known to be unchanged.
 */
export function planRevision(tx: Tx): number | undefined {
  const value = statement(tx, "select value from meta where key = 'plan_revision'").pluck().get() as string | undefined;
  return value === undefined ? undefined : Number(value);
}
