import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../tx.js';
import { statement } from '../statements.js';
import { officers, users } from '../schema.js';

export type OfficerStatus = 'pending' | 'approved' | 'rejected' | 'revoked';

/** The agencies a user is an approved officer of. */
export function approvedAgencies(tx: Tx, userId: number): string[] {
  return (statement(tx, "select agency_code a from officers where user_id = ? and status = 'approved'").all(userId) as Array<{ a: string }>).map((r) => r.a);
}

export function findOpenRequest(tx: Tx, userId: number, agencyCode: string) {
  return tx
    .select()
    .from(officers)
    .where(and(eq(officers.userId, userId), eq(officers.agencyCode, agencyCode), inArray(officers.status, ['pending', 'approved'])))
    .get();
}

export function createRequest(tx: Tx, userId: number, agencyCode: string, requestChatId: number, now: number) {
  return tx
    .insert(officers)
    .values({ userId, agencyCode, status: 'pending', requestedAt: now, requestChatId })
    .returning()
    .get();
}

export function getOfficer(tx: Tx, id: number) {
  return tx.select().from(officers).where(eq(officers.id, id)).get();
}

/** Moves a request on; only from the states where that decision makes sense. Returns the row, or undefined if stale. */
export function decide(tx: Tx, id: number, to: 'approved' | 'rejected' | 'revoked', by: number, now: number) {
  const from: OfficerStatus[] = to === 'revoked' ? ['approved'] : ['pending'];
  return tx
    .update(officers)
    .set({ status: to, decidedAt: now, decidedBy: by })
    .where(and(eq(officers.id, id), inArray(officers.status, from)))
    .returning()
    .get();
}

export function listOfficers(tx: Tx, agencyCodes?: string[]) {
  const q = tx
    .select({
      id: officers.id,
      agencyCode: officers.agencyCode,
      status: officers.status,
      userId: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      username: users.username,
      requestedAt: officers.requestedAt,
    })
    .from(officers)
    .innerJoin(users, eq(users.id, officers.userId));
  const where = agencyCodes?.length
    ? and(inArray(officers.status, ['pending', 'approved']), inArray(officers.agencyCode, agencyCodes))
    : inArray(officers.status, ['pending', 'approved']);
  return q.where(where).orderBy(asc(officers.agencyCode), asc(officers.id)).all();
}
