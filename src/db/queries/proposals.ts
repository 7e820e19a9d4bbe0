import type { Db } from '../open.js';
import { proposals } from '../schema.js';

/** A proposal to adjust a task (/propose), kept for the yearly report. */
export function insertProposal(db: Db, row: typeof proposals.$inferInsert) {
  return db.insert(proposals).values(row).returning().get();
}
