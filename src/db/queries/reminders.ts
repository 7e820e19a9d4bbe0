import { and, asc, eq, isNull } from 'drizzle-orm';
import { statement } from '../statements.js';
import { inTransaction, type Tx } from '../tx.js';
import { reminders } from '../schema.js';

export type ReminderRow = typeof reminders.$inferSelect;

/** Records an agency's reminder of a day; false when it was reminded that day already (nothing is sent twice). */
export function recordReminder(tx: Tx, r: { agencyCode: string; year: number; day: string; taskCodes: string[]; sentAt: number }): boolean {
  return tx.insert(reminders).values(r).onConflictDoNothing().run().changes > 0;
}

/** The year's reminders not yet escalated to the coordinator, oldest first. */
export function unescalatedReminders(tx: Tx, year: number): ReminderRow[] {
  return tx.select().from(reminders).where(and(eq(reminders.year, year), isNull(reminders.escalatedAt))).orderBy(asc(reminders.sentAt)).all();
}

/** Marks the agencies' open reminders of the year escalated, in one transaction. */
export function markEscalated(tx: Tx, agencyCodes: Iterable<string>, year: number, now: number) {
  inTransaction(tx, (tx) => {
    for (const code of agencyCodes) {
      tx.update(reminders).set({ escalatedAt: now }).where(and(eq(reminders.agencyCode, code), eq(reminders.year, year), isNull(reminders.escalatedAt))).run();
    }
  });
}

/**
 * Whether an agency's reminder of `day` reached anyone: one of its messages was delivered. Read
 * from the outbox, which keeps each message under the key the reminder job gave it
 * (`reminder:<agency>:<day>:<chat>`, written in the reminder's own transaction). A reminder with no
 * message there was recorded before this was read, and counts as reached, as it always did.
 */
export function reminderReached(tx: Tx, agencyCode: string, day: string): boolean {
  const prefix = `reminder:${agencyCode}:${day}:`;
  const rows = statement(tx, `select status from outbox where dedupe_key >= ? and dedupe_key < ?`).all(prefix, `${prefix}\uffff`) as Array<{ status: string }>;
  return !rows.length || rows.some((r) => r.status === 'sent');
}
