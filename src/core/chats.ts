// Group chats bound to agencies, and what happens when Telegram changes a chat under us.
import { approvedAgencies } from '../db/queries/officers.js';
import { listAgencies } from '../db/queries/plan.js';
import { applyOnce } from '../db/queries/updates.js';
import { upsertChat, type ChatLike } from '../db/queries/chats.js';
import type { Db } from '../db/open.js';
import { matchAgency } from '../domain/agency-match.js';
import type { Agency } from '../domain/types.js';
import { fold } from '../text/fold.js';

export type LinkOutcome =
  | { kind: 'linked'; agency: Agency }
  | { kind: 'coordination' }
  | { kind: 'not_group' }
  | { kind: 'not_allowed'; agency?: Agency }
  | { kind: 'choose'; candidates: Agency[] }
  | { kind: 'not_found' };

const COORDINATION_WORDS = new Set(['dieu phoi', 'dieuphoi', 'coordination', 'khcn dieu phoi']);

/**
 * Links a group to an agency (or marks it the coordination group). A coordinator may link any
 * group; an officer only to an agency they are approved for.
 */
export function linkChat(
  db: Db,
  input: { chat: ChatLike; query: string; agencyCode?: string; userId: number; isCoordinator: boolean; telegramUpdateId: number; now: number },
): LinkOutcome {
  if (input.chat.type === 'private' || input.chat.type === 'channel') return { kind: 'not_group' };
  if (!input.agencyCode && COORDINATION_WORDS.has(fold(input.query))) {
    if (!input.isCoordinator) return { kind: 'not_allowed' };
    applyOnce(db, input.telegramUpdateId, () => upsertChat(db, input.chat, input.now, { isCoordination: true, active: true }), input.now);
    return { kind: 'coordination' };
  }
  const agencies = listAgencies(db).filter((a) => a.kind === 'agency');
  let agency: Agency | undefined;
  if (input.agencyCode) agency = agencies.find((a) => a.code === input.agencyCode);
  else {
    const m = matchAgency(input.query, agencies);
    if (m.kind === 'many') return { kind: 'choose', candidates: m.candidates };
    if (m.kind === 'one') agency = m.agency;
  }
  if (!agency) return { kind: 'not_found' };
  if (!input.isCoordinator && !approvedAgencies(db, input.userId).includes(agency.code)) return { kind: 'not_allowed', agency };
  const code = agency.code;
  applyOnce(db, input.telegramUpdateId, () => upsertChat(db, input.chat, input.now, { agencyCode: code, active: true }), input.now);
  return { kind: 'linked', agency };
}
