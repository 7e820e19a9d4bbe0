import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../tx.js';
import { proposals } from '../schema.js';

/** A proposal to adjust a task (/propose), kept for the yearly report. */
export function insertProposal(tx: Tx, row: typeof proposals.$inferInsert) {
  return tx.insert(proposals).values(row).returning().get();
}

/** The year's proposals (of one agency), oldest first. */
export function proposalsOfYear(tx: Tx, year: number, agencyCode?: string) {
  return tx
    .select()
    .from(proposals)
    .where(agencyCode ? and(eq(proposals.year, year), eq(proposals.agencyCode, agencyCode)) : eq(proposals.year, year))
    .orderBy(asc(proposals.createdAt), asc(proposals.id))
    .all();
}
