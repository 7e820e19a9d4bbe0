import type { Tx } from '../tx.js';
import { proposals } from '../schema.js';

/** A proposal to adjust a task (/propose), kept for the yearly report. */
export function insertProposal(tx: Tx, row: typeof proposals.$inferInsert) {
  return tx.insert(proposals).values(row).returning().get();
}
