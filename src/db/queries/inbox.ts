import { eq, sql } from 'drizzle-orm';
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
export function recordEvent(db: Db, channel: string, eventKey: string, payload: unknown, now = Date.now()): RecordedEvent {
  if (!eventKey) throw new Error('an event needs a key');
  const json = JSON.stringify(payload);
  if (channel === 'telegram') {
    const id = Number(eventKey);
    if (!isUsableUpdateId(id) || String(id) !== eventKey) throw new Error(`not a Telegram update_id: ${eventKey}`);
    return { eventId: id, fresh: insertTelegram(db).run(id, eventKey, json, now).changes > 0 };
  }
  return db.$client.transaction((): RecordedEvent => {
    const seen = statement(db, 'select update_id id from inbox where channel = ? and event_key = ?').get(channel, eventKey) as { id: number } | undefined;
    if (seen) return { eventId: seen.id, fresh: false };
    const { id } = statement(
      db,
      `select min(0, coalesce((select cast(value as integer) from meta where key = 'last_local_event_id'), 0),
                     coalesce((select min(update_id) from inbox), 0)) - 1 id`,
    ).get() as { id: number };
    statement(db, "insert into meta (key, value) values ('last_local_event_id', ?) on conflict(key) do update set value = excluded.value").run(String(id));
    statement(db, 'insert into inbox (update_id, channel, event_key, payload, received_at) values (?, ?, ?, ?, ?)').run(id, channel, eventKey, json, now);
    return { eventId: id, fresh: true };
  })();
}

const insertTelegram = (db: Db) =>
  statement(db, "insert into inbox (update_id, channel, event_key, payload, received_at) values (?, 'telegram', ?, ?, ?) on conflict do nothing");

/**
 * Stores a batch of Telegram updates (one getUpdates answer) in one transaction before its offset
 * is confirmed; redelivered update ids are ignored. Returns the new ones.
 */
export function storeUpdates(db: Db, input: readonly RawUpdate[], now = Date.now()): RawUpdate[] {
  const batch = input.filter((u) => u && typeof u === 'object' && isUsableUpdateId(u.update_id));
  return db.$client.transaction(() => batch.filter((u) => recordEvent(db, 'telegram', String(u.update_id), u, now).fresh))();
}

/**
 * Every stored event of `channel` not yet handled, oldest first — all of them: a partial replay
 * loses the rest. Oldest first is ascending update_id for Telegram, -1, -2, … for the others.
 */
export function pendingEvents(db: Db, channel: string): Array<{ eventId: number; payload: unknown }> {
  const rows = statement(db, 'select update_id eventId, payload from inbox where handled_at is null and channel = ? order by abs(update_id)')
    .all(channel) as Array<{ eventId: number; payload: string }>;
  return rows.map((r) => ({ eventId: r.eventId, payload: JSON.parse(r.payload) as unknown }));
}

/** The Telegram updates to replay at start-up. */
export function pendingUpdates(db: Db): RawUpdate[] {
  return pendingEvents(db, 'telegram').map((e) => e.payload as RawUpdate);
}

export function isHandled(db: Db, eventId: number): boolean {
  const row = db.select({ handledAt: inbox.handledAt }).from(inbox).where(eq(inbox.updateId, eventId)).get();
  return row?.handledAt != null;
}

export function markHandled(db: Db, eventId: number, now = Date.now()) {
  statement(db, 'update inbox set handled_at = ? where update_id = ?').run(now, eventId);
}

/** Records a failed attempt; returns how many attempts have failed so far. */
export function markFailed(db: Db, eventId: number, error: string): number {
  const row = db.update(inbox)
    .set({ attempts: sql`${inbox.attempts} + 1`, lastError: error.slice(0, 2000) })
    .where(eq(inbox.updateId, eventId))
    .returning({ attempts: inbox.attempts })
    .get();
  return row?.attempts ?? 0;
}

export function lastHandledAt(db: Db): number | null {
  return db.select({ at: sql<number | null>`max(${inbox.handledAt})` }).from(inbox).get()?.at ?? null;
}
