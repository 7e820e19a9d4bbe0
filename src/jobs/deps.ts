import type { AppDeps } from '../deps.js';
import type { TFunction } from '../i18n.js';
import type { Db } from '../db/open.js';
import { privateChatOf } from '../db/queries/chats.js';
import { agencyChats, coordinationChats } from '../db/queries/digests.js';
import { listOfficers } from '../db/queries/officers.js';
import { canWritePrivately } from '../db/queries/users.js';
import { coordinatorPersons } from '../core/roles.js';
import type { Rich } from '../conversation/rich.js';
import { say } from '../delivery/say.js';

/** What scheduled work needs: no messenger here, only the outbox. */
export type JobDeps = AppDeps;

export const defaultT = (d: JobDeps): TFunction => d.i18n.t(d.config.defaultLocale);

/**
 * Tells the coordinators something: in the coordination group when there is one, otherwise each
 * coordinator privately, once per person, on the channel they wrote from last (privateChatOf).
 * `key` makes a repeated notice a no-op.
 */
export function notifyCoordinators(d: JobDeps, key: string, text: Rich, kind = 'notice') {
  const targets = coordinationChats(d.db).map((c) => ({ id: c.id, threadId: c.threadId }));
  if (!targets.length) for (const id of coordinatorPersons(d.db, d.config)) targets.push({ id: privateChatOf(d.db, id, d.now()), threadId: null });
  // A long notice (a 4,000-character proposal with its header) may become several messages: the
  // channel splits it within its own limit.
  for (const target of targets) say(d, { chatId: target.id, threadId: target.threadId }, { text }, { key: `${key}:${target.id}`, kind });
  d.kick();
}

export interface Recipient {
  id: number;
  threadId: number | null;
  /** A linked group of the agency, or one of its officers privately. */
  kind: 'group' | 'officer';
}

/**
 * Where to tell an agency something: its linked groups, or — when it has none — privately each of
 * its approved officers who started the bot (a bot cannot write to someone first).
 */
export function agencyRecipients(db: Db, agencyCode: string): Recipient[] {
  const groups = agencyChats(db, agencyCode).filter((c) => c.type !== 'private');
  if (groups.length) return groups.map((c) => ({ id: c.id, threadId: c.threadId, kind: 'group' as const }));
  const officers = listOfficers(db, [agencyCode]).filter((o) => o.status === 'approved');
  return officers
    .filter((o) => canWritePrivately(db, o.userId))
    .map((o) => ({ id: privateChatOf(db, o.userId), threadId: null, kind: 'officer' as const }));
}
