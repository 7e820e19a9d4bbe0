import { eq, sql } from 'drizzle-orm';
import type { Db } from '../open.js';
import { chats } from '../schema.js';

export interface ChatLike {
  id: number;
  type: string;
  title?: string;
}

export function upsertChat(db: Db, chat: ChatLike, now: number, set: Partial<typeof chats.$inferInsert> = {}) {
  return db
    .insert(chats)
    .values({ id: chat.id, type: chat.type, title: chat.title ?? null, updatedAt: now, ...set })
    .onConflictDoUpdate({
      target: chats.id,
      set: { type: chat.type, title: sql`coalesce(excluded.title, ${chats.title})`, updatedAt: now, ...set },
    })
    .returning()
    .get();
}

export function getChat(db: Db, id: number) {
  return db.select().from(chats).where(eq(chats.id, id)).get();
}

export function setChatActive(db: Db, id: number, active: boolean, now: number) {
  db.update(chats).set({ active, updatedAt: now }).where(eq(chats.id, id)).run();
}

/**
 * A group became a supergroup and got a new id: its links (agency, coordination, digest) move
 * to the new id; the old row stays, pointing at the new one, so nothing refers to a dead chat.
 */
export function migrateChat(db: Db, fromId: number, toId: number, now: number) {
  db.transaction((tx) => {
    const old = tx.select().from(chats).where(eq(chats.id, fromId)).get();
    if (!old) return;
    tx.insert(chats)
      .values({ ...old, id: toId, type: 'supergroup', migratedTo: null, active: true, updatedAt: now })
      .onConflictDoUpdate({
        target: chats.id,
        set: {
          agencyCode: sql`coalesce(${chats.agencyCode}, ${old.agencyCode})`,
          isCoordination: old.isCoordination,
          isDigest: old.isDigest,
          active: true,
          updatedAt: now,
        },
      })
      .run();
    tx.update(chats).set({ migratedTo: toId, active: false, updatedAt: now }).where(eq(chats.id, fromId)).run();
  });
}
