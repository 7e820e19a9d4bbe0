import { and, desc, eq, gte, inArray } from 'drizzle-orm';
import type { Tx } from '../tx.js';
import { chats, digests } from '../schema.js';

/**
 * The newest weekly digest (scheduled or caught up). A coordinator's /tonghop is not one: the next
 * weekly digest still covers the whole week, and a second /tonghop covers it too.
 */
export function lastWeeklyDigest(tx: Tx) {
  return tx
    .select()
    .from(digests)
    .where(inArray(digests.trigger, ['schedule', 'catch_up']))
    .orderBy(desc(digests.periodEnd), desc(digests.id))
    .limit(1)
    .get();
}

export function scheduledDigestSince(tx: Tx, at: number) {
  return tx
    .select()
    .from(digests)
    .where(and(gte(digests.periodEnd, at), inArray(digests.trigger, ['schedule', 'catch_up'])))
    .get();
}

export function recordDigest(tx: Tx, row: typeof digests.$inferInsert) {
  return tx.insert(digests).values(row).returning().get();
}

/** Where digests go: the chat marked with /setdigest, else DIGEST_CHAT_ID, else the coordination group. */
export function digestChat(tx: Tx, configured?: number): { id: number; threadId: number | null } | undefined {
  const marked = tx.select().from(chats).where(and(eq(chats.isDigest, true), eq(chats.active, true))).get();
  if (marked) return { id: marked.id, threadId: marked.threadId };
  if (configured) return { id: configured, threadId: null };
  const coordination = tx.select().from(chats).where(and(eq(chats.isCoordination, true), eq(chats.active, true))).get();
  return coordination ? { id: coordination.id, threadId: coordination.threadId } : undefined;
}

export function coordinationChats(tx: Tx) {
  return tx.select().from(chats).where(and(eq(chats.isCoordination, true), eq(chats.active, true))).all();
}

export function agencyChats(tx: Tx, agencyCode: string) {
  return tx.select().from(chats).where(and(eq(chats.agencyCode, agencyCode), eq(chats.active, true))).all();
}
