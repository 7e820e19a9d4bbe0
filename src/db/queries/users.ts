import { eq } from 'drizzle-orm';
import { cleanName } from '../../text/clean.js';
import type { Db } from '../open.js';
import { statement } from '../statements.js';
import { users } from '../schema.js';

export interface TelegramUserLike {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** How a person names themselves on their channel; kept current on every sight. */
export interface Profile {
  firstName: string;
  lastName?: string | null;
  username?: string | null;
  languageCode?: string | null;
}

/**
 * Internal ids of people and chats of channels other than Telegram start at 2^52. Telegram
 * promises its user and chat ids fit in 52 bits, so such an id is never a Telegram id: a console
 * or Zalo person never takes the number a Telegram person will arrive with, and every Telegram
 * person and chat keeps internal id = Telegram id. That is why code still keyed by Telegram ids
 * (the channel's own handlers) stays right while a second channel runs, and why a Telegram-only
 * installation sees exactly the ids it saw before channels existed.
 */
export const FIRST_LOCAL_ID = 2 ** 52;

/**
 * The internal id a channel's external id gets when first stored, if nobody has it: Telegram's
 * own id (see FIRST_LOCAL_ID). Other channels' ids are text of their own making and get none.
 */
export function preferredId(channel: string, externalId: string): number | undefined {
  if (channel !== 'telegram' || !/^-?[1-9][0-9]*$/.test(externalId)) return undefined;
  const id = Number(externalId);
  return Math.abs(id) < FIRST_LOCAL_ID ? id : undefined;
}

/** The next id from FIRST_LOCAL_ID up in `table` (users or chats). */
export const nextLocalId = (db: Db, table: 'users' | 'chats'): number =>
  (statement(db, `select max(coalesce((select max(id) from ${table}), 0), ${FIRST_LOCAL_ID - 1}) + 1 id`).get() as { id: number }).id;

/**
 * The person (channel, externalId): stored on first sight, their names kept current. Returns their
 * internal id — what officers, reports and history hang on — and the language they chose. The
 * per-event path: one indexed update, and most events skip even that (same person, same names,
 * seen within the hour).
 */
export function touchPerson(db: Db, channel: string, externalId: string, p: Profile, now: number): { id: number; locale: string | null } {
  const cacheKey = `${channel}\u0000${externalId}`;
  const key = `${p.firstName}\u0000${p.lastName ?? ''}\u0000${p.username ?? ''}\u0000${p.languageCode ?? ''}`;
  const seen = recent(db).get(cacheKey);
  if (seen && seen.key === key && now - seen.at < 3_600_000) return { id: seen.id, locale: seen.locale };
  const names = [p.firstName, p.lastName ?? null, p.username ?? null, p.languageCode ?? null] as const;
  const row = db.$client.transaction(() => {
    const updated = statement(
      db,
      `update users set first_name = ?, last_name = ?, username = ?, language_code = ?, updated_at = ?
       where channel = ? and external_id = ? returning id, locale`,
    ).get(...names, now, channel, externalId) as { id: number; locale: string | null } | undefined;
    if (updated) return updated;
    const preferred = preferredId(channel, externalId);
    const free = preferred !== undefined && !statement(db, 'select 1 from users where id = ?').get(preferred);
    const id = free ? preferred : nextLocalId(db, 'users');
    return statement(
      db,
      `insert into users (id, channel, external_id, first_name, last_name, username, language_code, private_chat_open, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) returning id, locale`,
    ).get(id, channel, externalId, ...names, now, now) as { id: number; locale: string | null };
  })();
  recent(db).set(cacheKey, { id: row.id, key, locale: row.locale, at: now });
  return row;
}

/** The internal id of the person (channel, externalId), stored on first sight. */
export function personId(db: Db, channel: string, externalId: string, p: Profile, now = Date.now()): number {
  return touchPerson(db, channel, externalId, p, now).id;
}

/** The internal id of the person (channel, externalId) if the bot has seen them. */
export function knownPersonId(db: Db, channel: string, externalId: string): number | undefined {
  return (statement(db, 'select id from users where channel = ? and external_id = ?').get(channel, externalId) as { id: number } | undefined)?.id;
}

const telegramProfile = (u: TelegramUserLike): Profile => ({ firstName: u.first_name, lastName: u.last_name, username: u.username, languageCode: u.language_code });

/** A Telegram user seen in an update: their internal id and chosen locale (see touchPerson). */
export function touchUser(db: Db, u: TelegramUserLike, now: number): { id: number; locale: string | null } {
  return touchPerson(db, 'telegram', String(u.id), telegramProfile(u), now);
}

/**
 * Stores or updates a person by internal id (scripts and tests name people so). One not stored yet
 * is a Telegram user, stored under their Telegram id as touchUser would. Keeps names current
 * without losing the chosen locale.
 */
export function upsertUser(db: Db, u: TelegramUserLike, now = Date.now()) {
  const names = { firstName: u.first_name, lastName: u.last_name ?? null, username: u.username ?? null, languageCode: u.language_code ?? null };
  const row = db
    .insert(users)
    .values({ id: u.id, channel: 'telegram', externalId: String(u.id), ...names, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: users.id, set: { ...names, updatedAt: now } })
    .returning()
    .get();
  recent(db).delete(`${row.channel}\u0000${row.externalId}`);
  return row;
}

const seenUsers = new WeakMap<Db, Map<string, { id: number; key: string; locale: string | null; at: number }>>();
function recent(db: Db) {
  let m = seenUsers.get(db);
  if (!m) {
    m = new Map();
    seenUsers.set(db, m);
  }
  return m;
}

export function getUser(db: Db, id: number) {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function setUserLocale(db: Db, id: number, locale: string) {
  const row = db.update(users).set({ locale, updatedAt: Date.now() }).where(eq(users.id, id)).returning({ channel: users.channel, externalId: users.externalId }).get();
  if (row) recent(db).delete(`${row.channel}\u0000${row.externalId}`);
}

export function markPrivateChatOpen(db: Db, id: number, open: boolean) {
  db.update(users).set({ privateChatOpen: open }).where(eq(users.id, id)).run();
}

/** Display names by user id, for showing who reported: each person looked up once, when first shown. */
export function userNames(db: Db): (id: number) => string {
  const known = new Map<number, string>();
  const byId = statement(db, 'select first_name firstName, last_name lastName from users where id = ?');
  return (id) => {
    let name = known.get(id);
    if (name === undefined) {
      const r = byId.get(id) as { firstName: string; lastName: string | null } | undefined;
      name = r ? cleanName([r.firstName, r.lastName].filter(Boolean).join(' ')) : String(id);
      known.set(id, name);
    }
    return name;
  };
}
