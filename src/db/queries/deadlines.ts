import { and, eq } from 'drizzle-orm';
import type { Tx } from '../tx.js';
import { statement } from '../statements.js';
import { deadlines } from '../schema.js';

/** The coordinator's due dates of a year by task code. Every /task and /status asks: a raw statement prepared once. */
export function deadlinesFor(tx: Tx, year: number): Map<string, string> {
  const rows = statement(tx, 'select task_code t, due_date d from deadlines where year = ?').raw().all(year) as Array<[string, string]>;
  return new Map(rows);
}

/** The coordinator's row for one task and year, if any. */
export function deadlineOf(tx: Tx, taskCode: string, year: number) {
  return tx.select().from(deadlines).where(and(eq(deadlines.taskCode, taskCode), eq(deadlines.year, year))).get();
}

export function setDeadline(tx: Tx, taskCode: string, year: number, dueDate: string, by: number, now: number) {
  tx.insert(deadlines)
    .values({ taskCode, year, dueDate, setBy: by, setAt: now })
    .onConflictDoUpdate({ target: [deadlines.taskCode, deadlines.year], set: { dueDate, setBy: by, setAt: now } })
    .run();
}
