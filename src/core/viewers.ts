// Who may read the whole plan, and what a status-page link opens. One rule each:
//   mayView — the coordinators and the viewers (leaders, Văn phòng UBND tỉnh) read everything:
//             /tinhhinh, the digest, the yearly reports, the status page;
//   webRight — what a person may see on the page: the whole plan, or their own agencies' lines.
import type { Db } from '../db/open.js';
import { approvedAgencies } from '../db/queries/officers.js';
import { isViewer, type WebLink, type WebRole } from '../db/queries/web.js';

/** May this person read the whole plan (coordinator, or a viewer the coordinator granted)? */
export function mayView(db: Db, who: { id: number; isCoordinator: boolean }): boolean {
  return who.isCoordinator || isViewer(db, who.id);
}

export type WebRight = { whole: true; role: WebRole } | { whole: false; role: 'officer'; agencies: string[] };

/**
 * What a person may open on the status page, strongest right first; null for a stranger. An
 * officer sees only the agencies they are an approved focal officer of.
 */
export function webRight(db: Db, who: { id: number; isCoordinator: boolean; faceless?: boolean }): WebRight | null {
  if (who.faceless) return null;
  if (who.isCoordinator) return { whole: true, role: 'coordinator' };
  if (isViewer(db, who.id)) return { whole: true, role: 'viewer' };
  const agencies = approvedAgencies(db, who.id);
  return agencies.length ? { whole: false, role: 'officer', agencies } : null;
}

/**
 * What an opened link shows, decided now rather than when it was made: a viewer whose role was
 * ended, or an officer no longer approved, gets nothing; an officer sees the agencies they hold
 * today. A coordinator's link is a coordinator's until it expires or is revoked (coordinators are
 * configured, not granted).
 */
export function rightOfLink(db: Db, link: WebLink, now: number): WebRight | null {
  if (link.revokedAt !== null || link.expiresAt <= now) return null;
  if (link.role === 'coordinator') return { whole: true, role: 'coordinator' };
  if (link.role === 'viewer') return isViewer(db, link.userId) ? { whole: true, role: 'viewer' } : null;
  const agencies = approvedAgencies(db, link.userId);
  return agencies.length ? { whole: false, role: 'officer', agencies } : null;
}
