import { eq } from 'drizzle-orm';
import { cleanName } from '../../text/clean.js';
import { inTransaction, type Tx } from '../tx.js';
import { statement } from '../statements.js';
import { flushSoon } from '../write-soon.js';
import { namesRevision } from './revisions.js';
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
export const nextLocalId = (tx: Tx, table: 'users' | 'chats'): number =>
  (statement(tx, `select max(coalesce((select max(id) from ${table}), 0), ${FIRST_LOCAL_ID - 1}) + 1 id`).get() as { id: number }).id;

/**
 * The person (channel, externalId): stored on first sight, their names kept current. Returns their
 * internal id — what officers, reports and history hang on — and the language they chose. The
 * per-event path: one indexed update, and most events skip even that (same person, same names,
 * seen within the hour).
 */
export function touchPerson(tx: Tx, channel: string, externalId: string, p: Profile, now: number): { id: number; locale: string | null } {
  const cacheKey = `${channel}\u0000${externalId}`;
  const key = `${p.firstName}\u0000${p.lastName ?? ''}\u0000${p.username ?? ''}\u0000${p.languageCode ?? ''}`;
  const seen = recent(tx).get(cacheKey);
  if (seen && seen.key === key && now - seen.at < 3_600_000) return { id: seen.id, locale: seen.locale };
  const names = [p.firstName, p.lastName ?? null, p.username ?? null, p.languageCode ?? null] as const;
  const row = inTransaction(tx, (tx) => {
    const updated = statement(
      tx,
      `update users set first_name = ?, last_name = ?, username = ?, language_code = ?, updated_at = ?
       where channel = ? and external_id = ? returning id, locale, person_id personId`,
    ).get(...names, now, channel, externalId) as { id: number; locale: string | null; personId: number | null } | undefined;
    // A linked identity is its person: their id, and the language they chose on any channel.
    if (updated?.personId != null) return { id: updated.personId, locale: getUser(tx, updated.personId)?.locale ?? null };
    if (updated) return { id: updated.id, locale: updated.locale };
    const preferred = preferredId(channel, externalId);
    const free = preferred !== undefined && !statement(tx, 'select 1 from users where id = ?').get(preferred);
    const id = free ? preferred : nextLocalId(tx, 'users');
    identitiesChanged(tx);
    return statement(
      tx,
      `insert into users (id, channel, external_id, first_name, last_name, username, language_code, private_chat_open, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) returning id, locale`,
    ).get(id, channel, externalId, ...names, now, now) as { id: number; locale: string | null };
  });
  recent(tx).set(cacheKey, { id: row.id, key, locale: row.locale, at: now });
  return row;
}

/** The internal id of the person (channel, externalId), stored on first sight. */
export function personId(tx: Tx, channel: string, externalId: string, p: Profile, now = Date.now()): number {
  return touchPerson(tx, channel, externalId, p, now).id;
}

/** The internal id of the person (channel, externalId) if the bot has seen them (their person's, once linked). */
export function knownPersonId(tx: Tx, channel: string, externalId: string): number | undefined {
  return (statement(tx, 'select coalesce(person_id, id) id from users where channel = ? and external_id = ?').get(channel, externalId) as { id: number } | undefined)?.id;
}

/** One of a person's identities: who they are on one channel. */
export interface Identity {
  /** The row's own id (equal to the person's id for the identity that is the person's row). */
  id: number;
  channel: string;
  externalId: string;
  privateChatOpen: boolean;
  updatedAt: number;
}

/**
 * Every identity of the person `personId` (one per channel), the one the bot heard from most
 * recently first. A person id never stored is a Telegram user named by Telegram id (a coordinator
 * configured before they wrote): one identity, not yet seen. `updatedAt` moves when the person is
 * seen with new names or after an hour (touchPerson), so "most recently" is to the hour.
 */
export function identitiesOf(tx: Tx, personId: number): Identity[] {
  const rows = statement(
    tx,
    `select id, channel, external_id externalId, private_chat_open privateChatOpen, updated_at updatedAt
     from users where id = ? or person_id = ? order by updated_at desc, id`,
  ).all(personId, personId) as Array<Omit<Identity, 'privateChatOpen'> & { privateChatOpen: number }>;
  if (!rows.length) return [{ id: personId, channel: 'telegram', externalId: String(personId), privateChatOpen: false, updatedAt: 0 }];
  return rows.map((r) => ({ ...r, privateChatOpen: !!r.privateChatOpen }));
}

/**
 * Where the bot writes to a person on its own: the identity whose private chat is open, on the
 * channel they wrote from last; an identity the bot may not write to yet only when none is open.
 */
export function preferredIdentity(tx: Tx, personId: number): Identity {
  const all = identitiesOf(tx, personId);
  return all.find((i) => i.privateChatOpen) ?? all[0]!;
}

/** Whether the bot may write to the person privately on at least one of their channels. */
export const canWritePrivately = (tx: Tx, personId: number): boolean => identitiesOf(tx, personId).some((i) => i.privateChatOpen);

const telegramProfile = (u: TelegramUserLike): Profile => ({ firstName: u.first_name, lastName: u.last_name, username: u.username, languageCode: u.language_code });

/** A Telegram user seen in an update: their internal id and chosen locale (see touchPerson). */
export function touchUser(tx: Tx, u: TelegramUserLike, now: number): { id: number; locale: string | null } {
  return touchPerson(tx, 'telegram', String(u.id), telegramProfile(u), now);
}

/**
 * Stores or updates a person by internal id (scripts and tests name people so). One not stored yet
 * is a Telegram user, stored under their Telegram id as touchUser would. Keeps names current
 * without losing the chosen locale.
 */
export function upsertUser(tx: Tx, u: TelegramUserLike, now = Date.now()) {
  const names = { firstName: u.first_name, lastName: u.last_name ?? null, username: u.username ?? null, languageCode: u.language_code ?? null };
  const row = tx
    .insert(users)
    .values({ id: u.id, channel: 'telegram', externalId: String(u.id), ...names, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: users.id, set: { ...names, updatedAt: now } })
    .returning()
    .get();
  recent(tx).delete(`${row.channel}\u0000${row.externalId}`);
  identitiesChanged(tx);
  return row;
}

const seenUsers = new WeakMap<Tx, Map<string, { id: number; key: string; locale: string | null; at: number }>>();
function recent(tx: Tx) {
  let m = seenUsers.get(tx);
  if (!m) {
    m = new Map();
    seenUsers.set(tx, m);
  }
  return m;
}

// Which identities belong to which person changes only when a row is added (a person seen for the
// first time) or two persons are linked. Answers derived from that (core/roles.ts: "is this person
// a coordinator") are kept per connection and thrown away when this number moves.
const identityEpochs = new WeakMap<Tx, number>();
export const identityEpoch = (tx: Tx): number => identityEpochs.get(tx) ?? 0;
const identitiesChanged = (tx: Tx) => identityEpochs.set(tx, identityEpoch(tx) + 1);

export function getUser(tx: Tx, id: number) {
  return tx.select().from(users).where(eq(users.id, id)).get();
}

/** The person's language, on every channel they use (kept on the person's row). */
export function setUserLocale(tx: Tx, id: number, locale: string) {
  // updated_at is left alone: it says when the person last wrote from that row's channel (identitiesOf).
  tx.update(users).set({ locale }).where(eq(users.id, id)).run();
  for (const i of identitiesOf(tx, id)) recent(tx).delete(`${i.channel}\u0000${i.externalId}`);
}

/**
 * Whether the bot may write to a person's private chat. Open or closed is a fact of one channel
 * (on Telegram: they pressed Start, or blocked the bot): with `channel`, the person's identity
 * there; without, the row `id` itself (the channel's own handlers name identities so).
 */
export function markPrivateChatOpen(tx: Tx, id: number, open: boolean, channel?: string) {
  if (channel === undefined) tx.update(users).set({ privateChatOpen: open }).where(eq(users.id, id)).run();
  else statement(tx, 'update users set private_chat_open = ? where (id = ? or person_id = ?) and channel = ?').run(open ? 1 : 0, id, id, channel);
}

/** Display names by user id, for showing who reported: each person looked up once, when first shown. */
// Names shown beside reports (a task's 60 lines name up to 60 people): kept per connection under
// the names revision, which the triggers of migration 0013 move when a name changes, whoever
// writes it. Inside a transaction (it may be rolled back) they are looked up without keeping them.
const knownNames = new WeakMap<Tx, { revision: number; names: Map<number, string> }>();

export function userNames(tx: Tx): (id: number) => string {
  const revision = tx.$client.inTransaction ? undefined : namesRevision(tx);
  let known: Map<number, string>;
  if (revision === undefined) known = new Map();
  else {
    let kept = knownNames.get(tx);
    if (!kept || kept.revision !== revision) knownNames.set(tx, (kept = { revision, names: new Map() }));
    known = kept.names;
  }
  const byId = statement(tx, 'select first_name firstName, last_name lastName from users where id = ?');
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

/**
 * Every column that names a person by internal id. Linking two persons moves the rows of the one
 * that joins to the one that stays, so this list must name them all: a unit test compares it with
 * the schema (test/unit/roles.test.ts), and a new table with a person column fails it until listed.
 */
export const PERSON_COLUMNS: ReadonlyArray<readonly [table: string, column: string]> = [
  ['agencies', 'updated_by'],
  ['task_agencies', 'started_by'],
  ['task_agencies', 'ended_by'],
  ['officers', 'user_id'],
  ['officers', 'decided_by'],
  ['updates', 'user_id'],
  ['bot_messages', 'for_user_id'],
  ['deadlines', 'set_by'],
  ['proposals', 'user_id'],
  ['line_state', 'last_user_id'],
  ['issuer_settings', 'updated_by'],
  ['target_values', 'recorded_by'],
  ['confirmations', 'actor_id'],
  ['link_codes', 'person_id'],
  ['link_failures', 'person_id'],
  ['viewers', 'user_id'],
  ['viewers', 'granted_by'],
  ['viewers', 'revoked_by'],
  ['web_links', 'user_id'],
  ['web_links', 'revoked_by'],
];

export type LinkResult =
  | { kind: 'linked'; personId: number; joined: number }
  | { kind: 'already' }
  /** Both have an identity on the same channel: a person has one per channel. */
  | { kind: 'same_channel'; channel: string }
  /** Both are (or asked to be) focal officers of the same agencies: which registration stands is the coordinator's call. */
  | { kind: 'both_officers'; agencies: string[] };

/** The person an identity row belongs to. */
export const personOfRow = (tx: Tx, id: number): number =>
  (statement(tx, 'select coalesce(person_id, id) id from users where id = ?').get(id) as { id: number } | undefined)?.id ?? id;

/**
 * Makes the persons `a` and `b` one person, in one transaction. The one whose row is older keeps
 * its id; every row of the other (officers, reports, history, proposals, confirmations…, see
 * PERSON_COLUMNS) is moved to it — moved, not copied, so each report still counts once and none is
 * lost — and its identities point at it. The language chosen is kept, or taken from the other if
 * only they chose one. Refused, changing nothing, when both have an identity on the same channel,
 * or when both have open registrations (pending or approved) for the same agency.
 */
export function linkPersons(tx: Tx, a: number, b: number): LinkResult {
  return inTransaction(tx, (tx) => {
    const pa = personOfRow(tx, a);
    const pb = personOfRow(tx, b);
    if (pa === pb) return { kind: 'already' as const };
    const channels = new Set(identitiesOf(tx, pa).map((i) => i.channel));
    const shared = identitiesOf(tx, pb).find((i) => channels.has(i.channel));
    if (shared) return { kind: 'same_channel' as const, channel: shared.channel };
    const both = statement(
      tx,
      `select distinct x.agency_code a from officers x join officers y on y.agency_code = x.agency_code
       where x.user_id = ? and y.user_id = ? and x.status in ('pending', 'approved') and y.status in ('pending', 'approved') order by a`,
    ).all(pa, pb) as Array<{ a: string }>;
    if (both.length) return { kind: 'both_officers' as const, agencies: both.map((r) => r.a) };
    const [keep, join] = olderFirst(tx, pa, pb);
    flushSoon(tx); // rows still queued (bot_messages.for_user_id) move with the others
    for (const [table, column] of PERSON_COLUMNS) statement(tx, `update ${table} set ${column} = ? where ${column} = ?`).run(keep, join);
    statement(tx, 'update users set locale = (select locale from users where id = ?) where id = ? and locale is null').run(join, keep);
    // Identities first, then the joining person's own row: the trigger allows one level only.
    statement(tx, 'update users set person_id = ? where person_id = ?').run(keep, join);
    statement(tx, 'update users set person_id = ? where id = ?').run(keep, join);
    recent(tx).clear();
    identitiesChanged(tx);
    return { kind: 'linked' as const, personId: keep, joined: join };
  });
}

function olderFirst(tx: Tx, a: number, b: number): [number, number] {
  const at = (id: number) => (statement(tx, 'select created_at c from users where id = ?').get(id) as { c: number } | undefined)?.c ?? 0;
  const [ca, cb] = [at(a), at(b)];
  return ca < cb || (ca === cb && a < b) ? [a, b] : [b, a];
}
