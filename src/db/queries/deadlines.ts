import { and, eq } from 'drizzle-orm';
import type { Db } from '../open.js';
import { deadlines } from '../schema.js';

export function deadlinesFor(db: Db, year: number): Map<string, string> {
  return new Map(db.select().from(deadlines).where(eq(deadlines.year, year)).all().map((d) => [d.taskCode, d.dueDate]));
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
