// Puts a known year of reports straight into the database, so tests can check the numbers.
import type { Db } from '../../src/db/open.js';
import { insertProgressReport } from '../../src/db/queries/progress-reports.js';
import { getUser, upsertUser } from '../../src/db/queries/users.js';
import type { Status } from '../../src/domain/status.js';

/** Epoch ms of a Vietnamese wall-clock time (UTC+7). */
export const vn = (y: number, m: number, d: number, hh = 9, mm = 0) => Date.UTC(y, m - 1, d, hh - 7, mm);

let nextId = 5_000_000;
const officerIds = new Map<string, number>();
/** One seeded officer per agency, named after it ("Cán bộ SYT"). */
const officerOf = (agency: string) => {
  if (!officerIds.has(agency)) officerIds.set(agency, 990_000 + officerIds.size);
  return officerIds.get(agency)!;
};

export function seedUpdate(
  db: Db,
  u: { task: string; agency: string; status: Status | null; percent?: number | null; note: string; at: number; userId?: number },
) {
  const userId = u.userId ?? officerOf(u.agency);
  // A seeded officer is named after the agency, unless the person already exists.
  if (!getUser(db, userId)) upsertUser(db, { id: userId, first_name: 'Cán bộ', last_name: u.agency }, u.at);
  return insertProgressReport(db, {
    taskCode: u.task,
    agencyCode: u.agency,
    year: new Date(u.at + 7 * 3600_000).getUTCFullYear(),
    userId,
    chatId: userId,
    messageId: null,
    eventId: nextId++,
    via: 'command',
    status: u.status,
    percent: u.percent ?? (u.status === 'done' ? 100 : null),
    note: u.note,
    createdAt: u.at,
  });
}
