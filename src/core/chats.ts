// Group chats bound to agencies or to the coordination, and the chat the digest goes to.
import { approvedAgencies } from '../db/queries/officers.js';
import { listAgencies } from '../db/queries/plan.js';
import { applyOnce } from '../db/queries/progress-reports.js';
import { getChat, upsertChat, type ChatLike } from '../db/queries/chats.js';
export { setDigestChat } from '../db/queries/chats.js';
import type { Db } from '../db/open.js';
import { matchAgency } from '../domain/agency-match.js';
import type { Agency } from '../domain/types.js';
import { fold } from '../text/fold.js';
import { askConfirmation } from './confirm.js';

/** What a group is bound to: an agency, the coordination group, or nothing yet. */
export interface Binding {
  agency?: Agency;
  coordination: boolean;
}

export type LinkOutcome =
  | { kind: 'linked'; to: Binding }
  | { kind: 'unchanged'; to: Binding }
  | { kind: 'confirm'; confirmationId: number; from: Binding; to: Binding }
  | { kind: 'not_group' }
  /** `why`: the coordination group is involved, the group belongs to another agency, or the target agency is not theirs. */
  | { kind: 'not_allowed'; why: 'coordination' | 'leave' | 'go'; from: Binding; to: Binding }
  | { kind: 'choose'; candidates: Agency[] }
  | { kind: 'not_found' };

/**
 * A conversation as the chats table stores it. The channel may have stored a finer type when the
 * bot joined (Telegram's 'supergroup'); it is kept rather than overwritten with the core's kind.
 */
export function chatOf(db: Db, c: { id: number; kind: 'private' | 'group'; title: string | null }): ChatLike {
  return { id: c.id, type: getChat(db, c.id)?.type ?? c.kind, title: c.title ?? undefined };
}

const COORDINATION_WORDS = new Set(['dieu phoi', 'dieuphoi', 'coordination', 'khcn dieu phoi']);

export function bindingOf(db: Db, chatId: number, agencies: readonly Agency[] = listAgencies(db)): Binding {
  const row = getChat(db, chatId);
  return { agency: row?.agencyCode ? agencies.find((a) => a.code === row.agencyCode) : undefined, coordination: !!row?.isCoordination };
}

const isBound = (b: Binding) => b.coordination || !!b.agency;
const sameBinding = (a: Binding, b: Binding) => a.coordination === b.coordination && a.agency?.code === b.agency?.code;

/**
 * Who may bind a group, and to what: a coordinator anything; an officer only to an agency they
 * are approved for, and only a group that is unbound or bound to one of their own agencies. The
 * coordination group is the coordinators' alone. Binding an unbound group is done at once; changing
 * a binding is asked first, because reports typed there go to the new agency from then on.
 */
export function linkChat(
  db: Db,
  input: { chat: ChatLike; query: string; agencyCode?: string; userId: number; isCoordinator: boolean; eventId: number; now: number },
): LinkOutcome {
  if (input.chat.type === 'private' || input.chat.type === 'channel') return { kind: 'not_group' };
  const agencies = listAgencies(db);
  const from = bindingOf(db, input.chat.id, agencies);
  let to: Binding;
  if (!input.agencyCode && COORDINATION_WORDS.has(fold(input.query))) to = { coordination: true };
  else {
    const candidates = agencies.filter((a) => a.kind === 'agency');
    let agency: Agency | undefined;
    if (input.agencyCode) agency = candidates.find((a) => a.code === input.agencyCode);
    else {
      const m = matchAgency(input.query, candidates);
      if (m.kind === 'many') return { kind: 'choose', candidates: m.candidates };
      if (m.kind === 'one') agency = m.agency;
    }
    if (!agency) return { kind: 'not_found' };
    // A body renamed or merged in 2025 is linked as today's agency, as /dangky does: reports typed
    // in the group go to the agency that reports now, not under the old name (attack review).
    if (agency.change !== 'unchanged' && agency.change !== 'new') {
      const heirs = agency.successors.map((c) => candidates.find((a) => a.code === c)).filter((a): a is Agency => !!a);
      if (heirs.length !== 1) return heirs.length ? { kind: 'choose', candidates: heirs } : { kind: 'not_found' };
      agency = heirs[0]!;
    }
    to = { agency, coordination: false };
  }
  const refused = whyNotRelink(db, { userId: input.userId, isCoordinator: input.isCoordinator }, from, to);
  if (refused) return { kind: 'not_allowed', why: refused, from, to };
  if (sameBinding(from, to)) return { kind: 'unchanged', to };
  const action = {
    kind: 'relink' as const, chat: input.chat, agencyCode: to.agency?.code ?? null, coordination: to.coordination,
    // What the group was bound to when asked: a press after someone else changed it is refused.
    fromAgencyCode: from.agency?.code ?? null, fromCoordination: from.coordination,
  };
  if (isBound(from)) {
    const who = { actorId: input.userId, chatId: input.chat.id, updateId: input.eventId };
    return { kind: 'confirm', confirmationId: askConfirmation(db, action, who, input.now), from, to };
  }
  applyOnce(db, input.eventId, (tx) => applyLink(tx, action, input.now), input.now);
  return { kind: 'linked', to };
}

/**
 * The one rule for who may move a group from one binding to another, checked when asked and again
 * when the confirmation is pressed (the person may have been revoked, the group re-linked since).
 */
export function whyNotRelink(db: Db, who: { userId: number; isCoordinator: boolean }, from: Binding, to: Binding): 'coordination' | 'leave' | 'go' | null {
  if (who.isCoordinator) return null;
  if (from.coordination || to.coordination) return 'coordination';
  const mine = approvedAgencies(db, who.userId);
  if (from.agency && !mine.includes(from.agency.code)) return 'leave';
  if (!to.agency || !mine.includes(to.agency.code)) return 'go';
  return null;
}

/** Binds the group: an agency group is not the coordination group, and the other way round. */
export function applyLink(db: Db, a: { chat: ChatLike; agencyCode: string | null; coordination: boolean }, now: number) {
  return upsertChat(db, a.chat, now, { agencyCode: a.agencyCode, isCoordination: a.coordination, active: true });
}
