import { and, eq } from 'drizzle-orm';
import type { Db } from '../open.js';
import { statement } from '../statements.js';
import { deadlines } from '../schema.js';

/** The coordinator's due dates of a year by task code. Every /task and /status asks: a raw statement prepared once. */
export function deadlinesFor(db: Db, year: number): Map<string, string> {
  const rows = statement(db, 'select task_code t, due_date d from deadlines where year = ?').raw().all(year) as Array<[string, string]>;
  return new Map(rows);
}

/** The coordinator's row for one task and year, if any. */
export function deadlineOf(db: Db, taskCode: string, year: number) {
  return db.select().from(deadlines).where(and(eq(deadlines.taskCode, taskCode), eq(deadlines.year, year))).get();
}

export function setDeadline(db: Db, taskCode: string, year: number, dueDate: string, by: number, now: number) {
  db.insert(deadlines)
    .values({ taskCode, year, dueDate, setBy: by, setAt: now })
    .onConflictDoUpdate({ target: [deadlines.taskCode, deadlines.year], set: { dueDate, setBy: by, setAt: now } })
    .run();
}
