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

/**
 * The catalog revision: moved by the triggers of migration 0013 on every write to sections, tasks,
 * agencies or task_agencies, whoever writes (and not by reports). Undefined when the row is missing.
 */
export function catalogRevision(tx: Tx): number | undefined {
  const value = statement(tx, "select value from meta where key = 'catalog_revision'").pluck().get() as string | undefined;
  return value === undefined ? undefined : Number(value);
}

/** The names revision: moved by the triggers of migration 0013 when a person's name changes, or a person is added or removed. */
export function namesRevision(tx: Tx): number | undefined {
  const value = statement(tx, "select value from meta where key = 'names_revision'").pluck().get() as string | undefined;
  return value === undefined ? undefined : Number(value);
}

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
