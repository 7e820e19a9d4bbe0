// "Are you sure?" for what cannot be undone. A use case that would revoke, re-link, rename or
// reassign files the action here instead of doing it; the author's button decides it once, and
// the action runs in the same transaction as the decision — a second press, a forged button or
// someone else's finger changes nothing.
import { CHOICES } from '../conversation/choices.js';
import type { Choice } from '../conversation/reply.js';
import type { ChatLike } from '../db/queries/chats.js';
import { getConfirmation, insertConfirmation, markDecided } from '../db/queries/confirmations.js';
import type { Db } from '../db/open.js';
import { inTransaction, type Tx } from '../db/tx.js';
import type { TFunction } from '../i18n.js';

export type PendingAction =
  | { kind: 'relink'; chat: ChatLike; agencyCode: string | null; coordination: boolean; fromAgencyCode?: string | null; fromCoordination?: boolean }
  | { kind: 'revoke'; officerId: number }
  | { kind: 'rename'; agencyCode: string; name: string; short: string | null; fromName?: string }
  | { kind: 'assign'; taskCode: string; agencyCode: string; remove: boolean; replaces: string[]; version?: string };

/** A question left unanswered this long is void: the situation it described may have changed. */
export const CONFIRMATION_TTL_MS = 24 * 3_600_000;

export function askConfirmation(db: Db, action: PendingAction, who: { actorId: number; chatId: number; updateId: number }, now: number): number {
  const { kind, ...payload } = action;
  return insertConfirmation(db, { kind, payload, actorId: who.actorId, chatId: who.chatId, askedByUpdateId: who.updateId, now }).id;
}

/** The two choices under the question; only its id travels in the data. */
export function confirmChoices(t: TFunction, id: number, yesKey = 'confirm.yes'): Choice[][] {
  const data = (answer: 'y' | 'n') => CHOICES.confirm.encode({ id, answer });
  return [[{ label: t(yesKey), data: data('y') }, { label: t('confirm.no'), data: data('n') }]];
}

export type Decided<T> =
  | { kind: 'done'; action: PendingAction; value: T }
  | { kind: 'cancelled'; action: PendingAction }
  | { kind: 'not_yours' }
  | { kind: 'already'; decision: 'yes' | 'no' }
  | { kind: 'expired' }
  | { kind: 'unknown' };

/** Decides a pending action for its author; `run` carries it out inside the same transaction. */
export function decideConfirmation<T>(
  db: Db,
  input: { id: number; actorId: number; yes: boolean; now: number },
  run: (action: PendingAction, tx: Tx) => T,
): Decided<T> {
  return inTransaction(db, (tx) => {
    const row = getConfirmation(tx, input.id);
    if (!row) return { kind: 'unknown' as const };
    if (row.actorId !== input.actorId) return { kind: 'not_yours' as const };
    if (row.decision) return { kind: 'already' as const, decision: row.decision };
    if (input.now - row.createdAt > CONFIRMATION_TTL_MS) return { kind: 'expired' as const };
    markDecided(tx, row.id, input.yes ? 'yes' : 'no', input.now);
    const action = { kind: row.kind, ...row.payload } as PendingAction;
    if (!input.yes) return { kind: 'cancelled' as const, action };
    return { kind: 'done' as const, action, value: run(action, tx) };
  });
}
