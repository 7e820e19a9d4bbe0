import { eq } from 'drizzle-orm';
import type { Tx } from '../tx.js';
import { confirmations } from '../schema.js';

export type ConfirmationRow = typeof confirmations.$inferSelect;

/** Files a question; the same Telegram update asking again (a replay) gets the same row back. */
export function insertConfirmation(
  tx: Tx,
  c: { kind: string; payload: Record<string, unknown>; actorId: number; chatId: number; askedByUpdateId: number; now: number },
): ConfirmationRow {
  tx.insert(confirmations)
    .values({ kind: c.kind, payload: c.payload, actorId: c.actorId, chatId: c.chatId, createdAt: c.now, askedByUpdateId: c.askedByUpdateId })
    .onConflictDoNothing()
    .run();
  return tx.select().from(confirmations).where(eq(confirmations.askedByUpdateId, c.askedByUpdateId)).get()!;
}

export function getConfirmation(tx: Tx, id: number): ConfirmationRow | undefined {
  return tx.select().from(confirmations).where(eq(confirmations.id, id)).get();
}

export function markDecided(tx: Tx, id: number, decision: 'yes' | 'no', now: number) {
  tx.update(confirmations).set({ decision, decidedAt: now }).where(eq(confirmations.id, id)).run();
}
