// The viewer role and the status page's links: plain queries (core/viewers.ts and usecases/web.ts
// hold the rules).
import { and, asc, desc, eq, isNull, lte } from 'drizzle-orm';
import { inTransaction, type Tx } from '../tx.js';
import { statement } from '../statements.js';
import { targetValues, users, viewers, webLinks } from '../schema.js';

export type WebLink = typeof webLinks.$inferSelect;
export type WebRole = WebLink['role'];

/** Is the person a viewer now (granted and not ended)? One indexed lookup: /tinhhinh asks it. */
export function isViewer(tx: Tx, userId: number): boolean {
  return !!statement(tx, 'select 1 from viewers where user_id = ? and revoked_at is null limit 1').get(userId);
}

export function activeViewers(tx: Tx) {
  return tx
    .select({ id: viewers.id, userId: viewers.userId, label: viewers.label, grantedAt: viewers.grantedAt, firstName: users.firstName, lastName: users.lastName, username: users.username })
    .from(viewers)
    .innerJoin(users, eq(users.id, viewers.userId))
    .where(isNull(viewers.revokedAt))
    .orderBy(asc(viewers.grantedAt), asc(viewers.id))
    .all();
}

/** Grants the role; undefined when the person already has it (so a replay grants nothing twice). */
export function grantViewer(tx: Tx, v: { userId: number; label: string | null; by: number; now: number }) {
  return inTransaction(tx, (tx) => {
    if (isViewer(tx, v.userId)) return undefined;
    return tx.insert(viewers).values({ userId: v.userId, label: v.label, grantedBy: v.by, grantedAt: v.now }).returning().get();
  });
}

/** Ends the role; undefined when the person did not have it. */
export function revokeViewer(tx: Tx, userId: number, by: number, now: number) {
  return tx.update(viewers).set({ revokedAt: now, revokedBy: by }).where(and(eq(viewers.userId, userId), isNull(viewers.revokedAt))).returning().get();
}

/** The link made for `eventId`, made now if that event made none yet (a replayed /web finds the first one). */
export function webLinkForEvent(tx: Tx, l: { userId: number; role: WebRole; now: number; expiresAt: number; eventId: number }): WebLink {
  return inTransaction(tx, (tx) => {
    const found = tx.select().from(webLinks).where(eq(webLinks.eventId, l.eventId)).get();
    if (found) return found;
    return tx.insert(webLinks).values({ userId: l.userId, role: l.role, createdAt: l.now, expiresAt: l.expiresAt, eventId: l.eventId }).returning().get();
  });
}

export function getWebLink(tx: Tx, id: number): WebLink | undefined {
  return statement(tx, 'select id, user_id userId, role, created_at createdAt, expires_at expiresAt, revoked_at revokedAt, revoked_by revokedBy, event_id eventId from web_links where id = ?').get(id) as
    | WebLink
    | undefined;
}

/** Revokes the links still open (of one person, or everyone's); returns how many. */
export function revokeWebLinks(tx: Tx, who: number | 'all', by: number, now: number): number {
  const open = and(isNull(webLinks.revokedAt), who === 'all' ? undefined : eq(webLinks.userId, who));
  return tx.update(webLinks).set({ revokedAt: now, revokedBy: by }).where(open).returning({ id: webLinks.id }).all().length;
}

/** A person named by their internal id, or by @username when that names exactly one person. */
export function findPerson(tx: Tx, query: string): { kind: 'one'; id: number; name: string } | { kind: 'none' } | { kind: 'many' } {
  const q = query.trim();
  const name = (u: { firstName: string; lastName: string | null }) => [u.firstName, u.lastName].filter(Boolean).join(' ');
  // An identity linked to a person stands for that person (users.person_id): roles, links and
  // revocations hang on the person, whichever identity was named.
  if (/^\d{1,17}$/.test(q)) {
    const r = statement(tx, 'select p.id, p.first_name firstName, p.last_name lastName from users u join users p on p.id = coalesce(u.person_id, u.id) where u.id = ?').get(Number(q)) as
      | { id: number; firstName: string; lastName: string | null }
      | undefined;
    return r ? { kind: 'one', id: r.id, name: name(r) } : { kind: 'none' };
  }
  const m = /^@?([A-Za-z0-9_]{3,64})$/.exec(q);
  if (!m) return { kind: 'none' };
  const rows = statement(
    tx,
    'select distinct p.id, p.first_name firstName, p.last_name lastName from users u join users p on p.id = coalesce(u.person_id, u.id) where lower(u.username) = lower(?)',
  ).all(m[1]) as Array<{ id: number; firstName: string; lastName: string | null }>;
  if (rows.length > 1) return { kind: 'many' };
  return rows[0] ? { kind: 'one', id: rows[0].id, name: name(rows[0]) } : { kind: 'none' };
}

/** Every value recorded for the plan's targets up to `year`, newest first: the page lists them all. */
export function targetValuesUpTo(tx: Tx, year: number) {
  return tx.select().from(targetValues).where(lte(targetValues.year, year)).orderBy(desc(targetValues.year), desc(targetValues.recordedAt), desc(targetValues.id)).all();
}
