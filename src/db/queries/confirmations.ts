import { eq } from 'drizzle-orm';
import type { Db } from '../open.js';
import { confirmations } from '../schema.js';

export type ConfirmationRow = typeof confirmations.$inferSelect;

/** Files a question; the same Telegram update asking again (a replay) gets the same row back. */
export function insertConfirmation(
  db: Db,
  c: { kind: string; payload: Record<string, unknown>; actorId: number; chatId: number; askedByUpdateId: number; now: number },
): ConfirmationRow {
  db.insert(confirmations)
    .values({ kind: c.kind, payload: c.payload, actorId: c.actorId, chatId: c.chatId, createdAt: c.now, askedByUpdateId: c.askedByUpdateId })
    .onConflictDoNothing()
    .run();
  return db.select().from(confirmations).where(eq(confirmations.askedByUpdateId, c.askedByUpdateId)).get()!;
}

export function getConfirmation(db: Db, id: number): ConfirmationRow | undefined {
  return db.select().from(confirmations).where(eq(confirmations.id, id)).get();
}

export function markDecided(db: Db, id: number, decision: 'yes' | 'no', now: number) {
  db.update(confirmations).set({ decision, decidedAt: now }).where(eq(confirmations.id, id)).run();
}
