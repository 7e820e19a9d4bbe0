// "Which agency acts here": the one rule every view, report and document uses.
import type { Db } from '../db/open.js';
import { getChat } from '../db/queries/chats.js';
import { approvedAgencies } from '../db/queries/officers.js';

export interface Acting {
  /** The agency the conversation is bound to (a linked group), if any. */
  bound: string | null;
  /** The agencies the person is an approved focal officer of. */
  own: string[];
  /**
   * The agencies the person acts for here: the bound agency when they may act for it (a
   * coordinator, or an officer of it), otherwise their own. Empty for a coordinator outside an
   * agency's group: they act for the whole plan.
   */
  agencies: string[];
}

export function actingAgencies(db: Db, who: { userId: number; isCoordinator: boolean }, conversation: { id: number; kind: 'private' | 'group' }): Acting {
  const bound = conversation.kind === 'group' ? (getChat(db, conversation.id)?.agencyCode ?? null) : null;
  const own = approvedAgencies(db, who.userId);
  const agencies = bound && (who.isCoordinator || own.includes(bound)) ? [bound] : own;
  return { bound, own, agencies };
}
