import { asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../open.js';
import { statement } from '../statements.js';
import { inbox } from '../schema.js';

export interface RawUpdate {
  update_id: number;
  [key: string]: unknown;
}

/**
 * An update id the inbox can key on: Telegram's are non-negative safe integers. Anything else (a
 * missing, fractional, negative or string id from a broken proxy or a hostile emulator) would be
 * stored under an id that a later real update collides with — and that real update would be lost.
 */
export const isUsableUpdateId = (id: unknown): id is number => typeof id === 'number' && Number.isSafeInteger(id) && id >= 0;

/** Stores a batch before its offset is confirmed; redelivered update ids are ignored. Returns the new ones. */
export function storeUpdates(db: Db, input: readonly RawUpdate[], now = Date.now()): RawUpdate[] {
  const batch = input.filter((u) => u && typeof u === 'object' && isUsableUpdateId(u.update_id));
  const insert = statement(db, 'insert into inbox (update_id, payload, received_at) values (?, ?, ?) on conflict do nothing');
  return db.$client.transaction(() => batch.filter((u) => insert.run(u.update_id, JSON.stringify(u), now).changes > 0))();
}

/** Every stored update not yet handled, oldest first — all of them: a partial replay loses the rest. */
export function pendingUpdates(db: Db): RawUpdate[] {
  return db.select({ payload: inbox.payload }).from(inbox).where(isNull(inbox.handledAt))
    .orderBy(asc(inbox.updateId)).all().map((r) => JSON.parse(r.payload) as RawUpdate);
}

export function isHandled(db: Db, updateId: number): boolean {
  const row = db.select({ handledAt: inbox.handledAt }).from(inbox).where(eq(inbox.updateId, updateId)).get();
  return row?.handledAt != null;
}

export function markHandled(db: Db, updateId: number, now = Date.now()) {
  statement(db, 'update inbox set handled_at = ? where update_id = ?').run(now, updateId);
}

/** Records a failed attempt; returns how many attempts have failed so far. */
export function markFailed(db: Db, updateId: number, error: string): number {
  const row = db.update(inbox)
    .set({ attempts: sql`${inbox.attempts} + 1`, lastError: error.slice(0, 2000) })
    .where(eq(inbox.updateId, updateId))
    .returning({ attempts: inbox.attempts })
    .get();
  return row?.attempts ?? 0;
}

export function lastHandledAt(db: Db): number | null {
  return db.select({ at: sql<number | null>`max(${inbox.handledAt})` }).from(inbox).get()?.at ?? null;
}
