// Who may report for an agency: requests, coordinator decisions, revocation.
import { createRequest, decide, findOpenRequest, getOfficer } from '../db/queries/officers.js';
import { listAgencies } from '../db/queries/plan.js';
import { applyOnce } from '../db/queries/updates.js';
import type { Db } from '../db/open.js';
import { matchAgency } from '../domain/agency-match.js';
import { indexAgencies } from '../domain/agencies.js';
import type { Agency } from '../domain/types.js';

export type RegisterOutcome =
  | { kind: 'requested'; officerId: number; agency: Agency; mappedFrom?: Agency }
  | { kind: 'already'; status: 'pending' | 'approved'; agency: Agency }
  | { kind: 'choose'; candidates: Agency[] }
  | { kind: 'not_found' }
  | { kind: 'group'; agency: Agency };

/**
 * Resolves the agency a user names and files a request. A plan agency that no longer exists is
 * mapped to the one that took it over (Sở NN&PTNT → Sở NN&MT); one that was split asks which.
 */
export function requestRegistration(
  db: Db,
  input: { userId: number; query: string; agencyCode?: string; chatId: number; telegramUpdateId: number; now: number },
): RegisterOutcome {
  const agencies = listAgencies(db);
  const index = indexAgencies(agencies);
  let agency: Agency | undefined;
  if (input.agencyCode) agency = index.get(input.agencyCode);
  else {
    const m = matchAgency(input.query, agencies);
    if (m.kind === 'none') return { kind: 'not_found' };
    if (m.kind === 'many') return { kind: 'choose', candidates: m.candidates.filter((a) => a.kind === 'agency') };
    agency = m.agency;
  }
  if (!agency) return { kind: 'not_found' };
  if (agency.kind === 'group') return { kind: 'group', agency };
  let mappedFrom: Agency | undefined;
  if (agency.change !== 'unchanged' && agency.change !== 'new') {
    const heirs = agency.successors.map((c) => index.get(c)!).filter((a) => a.kind === 'agency');
    if (heirs.length !== 1) return { kind: 'choose', candidates: heirs };
    mappedFrom = agency;
    agency = heirs[0]!;
  }
  const open = findOpenRequest(db, input.userId, agency.code);
  if (open) return { kind: 'already', status: open.status as 'pending' | 'approved', agency };
  const target = agency;
  const r = applyOnce(db, input.telegramUpdateId, () => createRequest(db, input.userId, target.code, input.chatId, input.now), input.now);
  const officerId = r.applied ? r.value.id : findOpenRequest(db, input.userId, target.code)!.id;
  return { kind: 'requested', officerId, agency: target, mappedFrom };
}

export type DecisionOutcome =
  | { kind: 'decided'; decision: 'approved' | 'rejected' | 'revoked'; officer: NonNullable<ReturnType<typeof getOfficer>>; agency: Agency }
  | { kind: 'stale'; officer?: ReturnType<typeof getOfficer> };

export function decideRegistration(
  db: Db,
  input: { officerId: number; decision: 'approved' | 'rejected' | 'revoked'; by: number; telegramUpdateId: number; now: number },
): DecisionOutcome {
  const r = applyOnce(db, input.telegramUpdateId, () => decide(db, input.officerId, input.decision, input.by, input.now), input.now);
  const officer = getOfficer(db, input.officerId);
  if (!officer || (r.applied && !r.value) || officer.status !== input.decision) return { kind: 'stale', officer };
  const agency = listAgencies(db).find((a) => a.code === officer.agencyCode)!;
  return { kind: 'decided', decision: input.decision, officer, agency };
}
