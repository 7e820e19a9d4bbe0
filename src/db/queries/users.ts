import { eq, sql } from 'drizzle-orm';
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

/** Keeps names current (officers change display names) without losing the chosen locale. */
export function upsertUser(db: Db, u: TelegramUserLike, now = Date.now()) {
  return db
    .insert(users)
    .values({
      id: u.id,
      firstName: u.first_name,
      lastName: u.last_name ?? null,
      username: u.username ?? null,
      languageCode: u.language_code ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: users.id,
      set: {
        firstName: sql`excluded.first_name`,
        lastName: sql`excluded.last_name`,
        username: sql`excluded.username`,
        languageCode: sql`excluded.language_code`,
        updatedAt: now,
      },
    })
    .returning()
    .get();
}

/**
 * The per-update path: keeps the user's names current and returns the locale they chose, in one
 * prepared statement.
 */
export function touchUser(db: Db, u: TelegramUserLike, now: number): string | null {
  // Most updates come from people the bot saw a moment ago with the same name: skip the write.
  const seen = recent(db).get(u.id);
  const key = `${u.first_name}\u0000${u.last_name ?? ''}\u0000${u.username ?? ''}\u0000${u.language_code ?? ''}`;
  if (seen && seen.key === key && now - seen.at < 3_600_000) return seen.locale;
  const row = statement(
    db,
    `insert into users (id, first_name, last_name, username, language_code, private_chat_open, created_at, updated_at)
     values (?, ?, ?, ?, ?, 0, ?, ?)
     on conflict(id) do update set first_name = excluded.first_name, last_name = excluded.last_name,
       username = excluded.username, language_code = excluded.language_code, updated_at = excluded.updated_at
     returning locale`,
  ).get(u.id, u.first_name, u.last_name ?? null, u.username ?? null, u.language_code ?? null, now, now) as { locale: string | null };
  recent(db).set(u.id, { key, locale: row.locale, at: now });
  return row.locale;
}

const seenUsers = new WeakMap<Db, Map<number, { key: string; locale: string | null; at: number }>>();
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
  db.update(users).set({ locale, updatedAt: Date.now() }).where(eq(users.id, id)).run();
  recent(db).delete(id);
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
