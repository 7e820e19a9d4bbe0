// Who may report for an agency: requests, coordinator decisions, revocation.
import { CHOICES } from '../conversation/choices.js';
import { esc } from '../conversation/rich.js';
import { privateChatOf } from '../db/queries/chats.js';
import { createRequest, decide, findOpenRequest, getOfficer } from '../db/queries/officers.js';
import { listAgencies } from '../db/queries/plan.js';
import { applyOnce } from '../db/queries/progress-reports.js';
import { canWritePrivately, getUser } from '../db/queries/users.js';
import { coordinatorPersons } from './roles.js';
import type { Db } from '../db/open.js';
import { say } from '../delivery/say.js';
import type { AppDeps } from '../deps.js';
import { isLocale } from '../i18n.js';
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
  input: { userId: number; query: string; agencyCode?: string; chatId: number; eventId: number; now: number },
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
  const r = applyOnce(db, input.eventId, (tx) => createRequest(tx, input.userId, target.code, input.chatId, input.now), input.now);
  const officerId = r.applied ? r.value.id : findOpenRequest(db, input.userId, target.code)!.id;
  return { kind: 'requested', officerId, agency: target, mappedFrom };
}

export type DecisionOutcome =
  | { kind: 'decided'; decision: 'approved' | 'rejected' | 'revoked'; officer: NonNullable<ReturnType<typeof getOfficer>>; agency: Agency }
  | { kind: 'stale'; officer?: ReturnType<typeof getOfficer> };

export function decideRegistration(
  db: Db,
  input: { officerId: number; decision: 'approved' | 'rejected' | 'revoked'; by: number; eventId: number; now: number },
): DecisionOutcome {
  const r = applyOnce(db, input.eventId, (tx) => decide(tx, input.officerId, input.decision, input.by, input.now), input.now);
  const officer = getOfficer(db, input.officerId);
  if (!officer || (r.applied && !r.value) || officer.status !== input.decision) return { kind: 'stale', officer };
  const agency = listAgencies(db).find((a) => a.code === officer.agencyCode)!;
  return { kind: 'decided', decision: input.decision, officer, agency };
}

/** A person's name as stored, or their id when the bot never saw them. */
export function personName(db: Db, userId: number): string {
  const user = getUser(db, userId);
  return user ? [user.firstName, user.lastName].filter(Boolean).join(' ') : String(userId);
}

/** Each person hears the bot in the language they chose, or the default one. */
function tOf(deps: AppDeps, userId: number) {
  const stored = getUser(deps.db, userId)?.locale;
  return deps.i18n.t(isLocale(stored) ? stored : deps.config.defaultLocale);
}

/**
 * Tells an officer what was decided about them: privately if they opened a chat with the bot,
 * otherwise where they asked. Once per decision (the outbox key carries when it was decided).
 * Returns their name, escaped, for the coordinator's answer.
 */
export function tellOfficer(
  deps: AppDeps,
  officer: { id: number; userId: number; requestChatId: number | null; decidedAt: number | null },
  decision: 'approved' | 'rejected' | 'revoked',
  agencyName: string,
): string {
  const name = esc(personName(deps.db, officer.userId));
  const target = canWritePrivately(deps.db, officer.userId) ? privateChatOf(deps.db, officer.userId, deps.now()) : officer.requestChatId;
  if (!target) return name;
  const t = tOf(deps, officer.userId);
  say(deps, { chatId: target }, { text: t(`register.notify.${decision}`, { agency: esc(agencyName), name }) }, { key: `decision:${officer.id}:${decision}:${officer.decidedAt}`, kind: 'decision' });
  deps.kick();
  return name;
}

/**
 * Asks every coordinator, privately and in their language, to approve or reject a request.
 * `who` is rich text naming the person. Once per request and coordinator (as a person: on the
 * channel they wrote from last, core/roles.ts).
 */
export function askCoordinatorsToDecide(deps: AppDeps, officerId: number, who: string, agencyName: string) {
  for (const coordinatorId of coordinatorPersons(deps.db, deps.config)) {
    const t = tOf(deps, coordinatorId);
    const choices = [[
      { label: t('register.approve'), data: CHOICES.officer.encode({ decision: 'a', officer: officerId }) },
      { label: t('register.reject'), data: CHOICES.officer.encode({ decision: 'r', officer: officerId }) },
    ]];
    say(deps, { chatId: privateChatOf(deps.db, coordinatorId, deps.now()) }, { text: t('register.request_for_coordinator', { who, agency: esc(agencyName) }), choices }, { key: `approval:${officerId}:${coordinatorId}`, kind: 'approval' });
  }
  deps.kick();
}
