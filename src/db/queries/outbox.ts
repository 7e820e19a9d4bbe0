import { asc, eq, like, sql } from 'drizzle-orm';
import type { Tx } from '../tx.js';
import { outbox } from '../schema.js';

export type OutboxRow = typeof outbox.$inferSelect;
export type NewOutboxRow = typeof outbox.$inferInsert;

/** Stores a message to send; its dedupe key seen before stores nothing. Returns the row's id and whether it is new. */
export function insertOutbox(tx: Tx, row: NewOutboxRow): { id: number; created: boolean } {
  const inserted = tx.insert(outbox).values(row).onConflictDoNothing().returning({ id: outbox.id }).get();
  if (inserted) return { id: inserted.id, created: true };
  const existing = tx.select({ id: outbox.id }).from(outbox).where(eq(outbox.dedupeKey, row.dedupeKey)).get()!;
  return { id: existing.id, created: false };
}

export function outboxDepth(tx: Tx): number {
  return tx.select({ n: sql<number>`count(*)` }).from(outbox).where(eq(outbox.status, 'pending')).get()?.n ?? 0;
}

/** Every pending row, oldest first, with only what choosing the next ones needs (rows carry files). */
export function pendingOutbox(tx: Tx): Array<Pick<OutboxRow, 'id' | 'chatId' | 'notBefore'>> {
  return tx
    .select({ id: outbox.id, chatId: outbox.chatId, notBefore: outbox.notBefore })
    .from(outbox)
    .where(eq(outbox.status, 'pending'))
    .orderBy(asc(outbox.id))
    .all();
}

export function outboxRow(tx: Tx, id: number): OutboxRow | undefined {
  return tx.select().from(outbox).where(eq(outbox.id, id)).get();
}

/** What a delivery attempt changed on its row: sent, rescheduled, moved to another chat, or given up. */
export function updateOutbox(
  tx: Tx,
  id: number,
  set: Partial<Pick<OutboxRow, 'status' | 'sentAt' | 'attempts' | 'telegramMessageId' | 'notBefore' | 'lastError' | 'chatId'>>,
) {
  tx.update(outbox).set(set).where(eq(outbox.id, id)).run();
}

/** The dedupe keys that start with `prefix` (what one event already queued). */
export function outboxKeysStartingWith(tx: Tx, prefix: string): string[] {
  return tx.select({ key: outbox.dedupeKey }).from(outbox).where(like(outbox.dedupeKey, `${prefix}%`)).all().map((r) => r.key);
}
