import { eq, sql } from 'drizzle-orm';
import { inTransaction, type Tx } from '../tx.js';
import { statement } from '../statements.js';
import { chats } from '../schema.js';
import { nextLocalId, preferredId, preferredIdentity } from './users.js';

export interface ChatLike {
  /** Internal id (chats.id); for a Telegram chat not stored yet, its Telegram id (see chatId). */
  id: number;
  type: string;
  title?: string;
}

/**
 * The internal id of the conversation (channel, externalId). A Telegram chat's is its Telegram id
 * (the rule and its reason are at FIRST_LOCAL_ID in users.ts), so Telegram chats need no row to
 * have one: they are stored when something is said about them (linked, joined, left), not on
 * every message — a stranger's private chat leaves no trace. Only if that number were taken does
 * the chat get stored now under a fresh id. Other channels' conversations are stored on first sight.
 */
export function chatId(tx: Tx, channel: string, externalId: string, chat: { type: string; title?: string | null }, now: number): number {
  // Asked on every update. A conversation's id never changes once given (rows are never deleted or
  // renumbered; a migrated group is a new conversation), so it is looked up once per connection.
  let ids = chatIds.get(tx);
  if (!ids || ids.size > 50_000) chatIds.set(tx, (ids = new Map()));
  const key = `${channel}\u0000${externalId}`;
  let id = ids.get(key);
  if (id === undefined) {
    id = knownChatId(tx, channel, externalId) ?? firstChatId(tx, channel, externalId, chat, now);
    // Not an id given inside a transaction: it may be rolled back, and the id given again to another.
    if (!tx.$client.inTransaction) ids.set(key, id);
  }
  return id;
}
const chatIds = new WeakMap<Tx, Map<string, number>>();

function firstChatId(tx: Tx, channel: string, externalId: string, chat: { type: string; title?: string | null }, now: number): number {
  const preferred = preferredId(channel, externalId);
  if (preferred !== undefined && !statement(tx, 'select 1 from chats where id = ?').get(preferred)) return preferred;
  return inTransaction(tx, (tx) => {
    const id = nextLocalId(tx, 'chats');
    tx.insert(chats).values({ id, channel, externalId, type: chat.type, title: chat.title ?? null, updatedAt: now }).run();
    return id;
  });
}

/** The internal id of a stored conversation (channel, externalId). */
export function knownChatId(tx: Tx, channel: string, externalId: string): number | undefined {
  return (statement(tx, 'select id from chats where channel = ? and external_id = ?').get(channel, externalId) as { id: number } | undefined)?.id;
}

/**
 * A person's private conversation with the bot: where the bot tells them something on its own. A
 * person linked on several channels is written to where their private chat is open, on the channel
 * they wrote from last (preferredIdentity). Its external id is the identity's (on Telegram a
 * private chat's id is the user's id). A person never stored is a Telegram user named by Telegram
 * id (a coordinator configured before they ever wrote), whose internal id is that id. Whether the
 * bot may write there is `canWritePrivately` (users.ts), for the caller to check.
 */
export function privateChatOf(tx: Tx, personId: number, now = Date.now()): number {
  const to = preferredIdentity(tx, personId);
  return chatId(tx, to.channel, to.externalId, { type: 'private' }, now);
}

/** Where to send a message of the outbox: the channel's own id of the conversation. */
export function chatAddress(tx: Tx, id: number): { channel: string; externalId: string } {
  const row = statement(tx, 'select channel, external_id externalId from chats where id = ?').get(id) as { channel: string; externalId: string } | undefined;
  // Not stored: a Telegram chat under its own id (chatId).
  return row ?? { channel: 'telegram', externalId: String(id) };
}

/**
 * Stores or updates a chat by internal id. One not stored yet is a Telegram chat, stored under
 * its Telegram id (chatId): callers that name chats by Telegram id (the channel's membership
 * handlers, scripts, tests) and use cases that pass `req.conversation.id` mean the same row.
 */
export function upsertChat(tx: Tx, chat: ChatLike, now: number, set: Partial<typeof chats.$inferInsert> = {}) {
  return tx
    .insert(chats)
    .values({ id: chat.id, channel: 'telegram', externalId: String(chat.id), type: chat.type, title: chat.title ?? null, updatedAt: now, ...set })
    .onConflictDoUpdate({
      target: chats.id,
      set: { type: chat.type, title: sql`coalesce(excluded.title, ${chats.title})`, updatedAt: now, ...set },
    })
    .returning()
    .get();
}

/** Digests go to this chat (and topic) from now on, and to no other. */
export function setDigestChat(tx: Tx, chat: ChatLike, threadId: number | null, now: number) {
  inTransaction(tx, (tx) => {
    tx.update(chats).set({ isDigest: false }).run();
    upsertChat(tx, chat, now, { isDigest: true, threadId, active: true });
  });
}

export function getChat(tx: Tx, id: number) {
  return tx.select().from(chats).where(eq(chats.id, id)).get();
}

export function setChatActive(tx: Tx, id: number, active: boolean, now: number) {
  tx.update(chats).set({ active, updatedAt: now }).where(eq(chats.id, id)).run();
}

/**
 * A Telegram group became a supergroup and got a new id: its links (agency, coordination, digest)
 * move to the new chat; the old row stays, pointing at the new one, so nothing refers to a dead
 * chat. `fromId` is the old chat's internal id, `toTelegramId` the new one's Telegram id.
 */
export function migrateChat(tx: Tx, fromId: number, toTelegramId: number, now: number) {
  inTransaction(tx, (tx) => {
    const old = tx.select().from(chats).where(eq(chats.id, fromId)).get();
    if (!old) return;
    const toId = chatId(tx, 'telegram', String(toTelegramId), { type: 'supergroup', title: old.title }, now);
    tx.insert(chats)
      .values({ ...old, id: toId, externalId: String(toTelegramId), type: 'supergroup', migratedTo: null, active: true, updatedAt: now })
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

/**
 * Groups bound to a body the 2025 reorganisation renamed or merged into one agency are bound to that
 * agency: /lienket has done so since 30/11, and groups linked before then by the plan's wording
 * (`/lienket Sở NN&PTNT`) would file their reports under a name that no longer reports. Split and
 * abolished bodies are left for the coordinator to relink (which successor is not ours to guess).
 * Idempotent; run at every start. Returns how many groups moved.
 */
export function bindGroupsToSuccessors(tx: Tx): number {
  return statement(
    tx,
    `update chats set agency_code = (select json_extract(a.successors, '$[0]') from agencies a where a.code = chats.agency_code)
     where agency_code in (select code from agencies where change in ('renamed', 'merged') and json_array_length(successors) = 1)`,
  ).run().changes;
}
