import type { AppDeps } from '../deps.js';
import type { TFunction } from '../i18n.js';
import { coordinationChats } from '../db/queries/digests.js';
import { enqueue } from '../delivery/outbox.js';

/** What scheduled work needs: no messenger here, only the outbox. */
export type JobDeps = AppDeps;

export const defaultT = (d: JobDeps): TFunction => d.i18n.t(d.config.defaultLocale);

/**
 * Tells the coordinators something: in the coordination group when there is one, otherwise each
 * coordinator privately. `key` makes a repeated notice a no-op.
 */
export function notifyCoordinators(d: JobDeps, key: string, html: string, kind = 'notice') {
  const targets = coordinationChats(d.db).map((c) => ({ id: c.id, threadId: c.threadId }));
  if (!targets.length) for (const id of d.config.coordinatorIds) targets.push({ id, threadId: null });
  for (const target of targets) {
    enqueue(
      d.db,
      { dedupeKey: `${key}:${target.id}`, chatId: target.id, threadId: target.threadId, kind, payload: { text: html, parse_mode: 'HTML', link_preview_options: { is_disabled: true } } },
      d.now(),
    );
  }
  d.kick();
}
