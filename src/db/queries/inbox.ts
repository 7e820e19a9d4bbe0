import { eq, sql } from 'drizzle-orm';
import { inTransaction, type Tx } from '../tx.js';
import { statement } from '../statements.js';
import { commitQueued } from '../write-soon.js';
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

export interface RecordedEvent {
  /** The id exactly-once writes key on (Request.eventId); see `inbox.updateId` in schema.ts. */
  eventId: number;
  /** False when the channel delivered this event before: it is stored already and must not be run again. */
  fresh: boolean;
}

/**
 * Stores an event of `channel` before it is acknowledged there; its (channel, eventKey) seen
 * before is a redelivery and stores nothing. A Telegram event keeps its update_id as event id, so
 * every key derived from it (reports, outbox keys) is what it was before channels existed. Other
 * channels' events are numbered -1, -2, … : no Telegram update_id is negative, so the two can
 * never meet in a key. The numbering lives in `meta`, not in the inbox's smallest id, so it never
 * goes back even if old inbox rows are one day pruned.
 */
export function recordEvent(tx: Tx, channel: string, eventKey: string, payload: unknown, now = Date.now()): RecordedEvent {
  if (!eventKey) throw new Error('an event needs a key');
  const json = JSON.stringify(payload);
  if (channel === 'telegram') {
    const id = Number(eventKey);
    if (!isUsableUpdateId(id) || String(id) !== eventKey) throw new Error(`not a Telegram update_id: ${eventKey}`);
    return { eventId: id, fresh: insertTelegram(tx).run(id, eventKey, json, now).changes > 0 };
  }
  return inTransaction(tx, (tx): RecordedEvent => {
    const seen = statement(tx, 'select update_id id from inbox where channel = ? and event_key = ?').get(channel, eventKey) as { id: number } | undefined;
    if (seen) return { eventId: seen.id, fresh: false };
    const { id } = statement(
      tx,
      `select min(0, coalesce((select cast(value as integer) from meta where key = 'last_local_event_id'), 0),
                     coalesce((select min(update_id) from inbox), 0)) - 1 id`,
    ).get() as { id: number };
    statement(tx, "insert into meta (key, value) values ('last_local_event_id', ?) on conflict(key) do update set value = excluded.value").run(String(id));
    statement(tx, 'insert into inbox (update_id, channel, event_key, payload, received_at) values (?, ?, ?, ?, ?)').run(id, channel, eventKey, json, now);
    return { eventId: id, fresh: true };
  });
}

const insertTelegram = (tx: Tx) =>
  statement(tx, "insert into inbox (update_id, channel, event_key, payload, received_at) values (?, 'telegram', ?, ?, ?) on conflict do nothing");

/**
 * Stores a batch of Telegram updates (one getUpdates answer) in one transaction before its offset
 * is confirmed; redelivered update ids are ignored. Returns the new ones.
 */
export function storeUpdates(tx: Tx, input: readonly RawUpdate[], now = Date.now()): RawUpdate[] {
  const batch = input.filter((u) => u && typeof u === 'object' && isUsableUpdateId(u.update_id));
  return inTransaction(tx, (tx) => batch.filter((u) => recordEvent(tx, 'telegram', String(u.update_id), u, now).fresh));
}

/**
 * Every stored event of `channel` not yet handled, oldest first — all of them: a partial replay
 * loses the rest. Oldest first is ascending update_id for Telegram, -1, -2, … for the others.
 */
export function pendingEvents(tx: Tx, channel: string): Array<{ eventId: number; payload: unknown }> {
  const rows = statement(tx, 'select update_id eventId, payload from inbox where handled_at is null and channel = ? order by abs(update_id)')
    .all(channel) as Array<{ eventId: number; payload: string }>;
  return rows.map((r) => ({ eventId: r.eventId, payload: JSON.parse(r.payload) as unknown }));
}

/** The Telegram updates to replay at start-up. */
export function pendingUpdates(tx: Tx): RawUpdate[] {
  return pendingEvents(tx, 'telegram').map((e) => e.payload as RawUpdate);
}

export function isHandled(tx: Tx, eventId: number): boolean {
  const row = tx.select({ handledAt: inbox.handledAt }).from(inbox).where(eq(inbox.updateId, eventId)).get();
  return row?.handledAt != null;
}

export function markHandled(tx: Tx, eventId: number, now = Date.now()) {
  statement(tx, 'update inbox set handled_at = ? where update_id = ?').run(now, eventId);
}

/**
 * Marks events handled in one commit with the writes their handling queued for the end of the
 * turn (what a sent message is about: db/write-soon.ts), so that a mark is never on disk without
 * them. Throws when that commit fails: the events stay unhandled and are replayed.
 */
export function commitHandled(db: Tx, eventIds: readonly number[], now = Date.now()) {
  commitQueued(db, (tx) => {
    for (const id of eventIds) markHandled(tx, id, now);
  });
}

/** Whether the event's change was applied (applyOnce's mark). */
export function isApplied(tx: Tx, eventId: number): boolean {
  return tx.select({ at: inbox.appliedAt }).from(inbox).where(eq(inbox.updateId, eventId)).get()?.at != null;
}

/** Records a failed attempt; returns how many attempts have failed so far. */
export function markFailed(tx: Tx, eventId: number, error: string): number {
  const row = tx.update(inbox)
    .set({ attempts: sql`${inbox.attempts} + 1`, lastError: error.slice(0, 2000) })
    .where(eq(inbox.updateId, eventId))
    .returning({ attempts: inbox.attempts })
    .get();
  return row?.attempts ?? 0;
}

export function lastHandledAt(tx: Tx): number | null {
  return tx.select({ at: sql<number | null>`max(${inbox.handledAt})` }).from(inbox).get()?.at ?? null;
}
