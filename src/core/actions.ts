// What a confirmed action does. Each runs inside the transaction that records the decision.
import { decide, getOfficer } from '../db/queries/officers.js';
import { addLead, endLead, listAgencies, loadCatalog, renameAgency } from '../db/queries/plan.js';
import type { Db } from '../db/open.js';
import { isActive } from '../domain/agencies.js';
import { responsibilityVersion } from './assign.js';
import { applyLink, bindingOf, whyNotRelink } from './chats.js';
import type { PendingAction } from './confirm.js';

export type ActionResult =
  /**
   * Checked again at the press and no longer allowed: the person lost the right, or the thing
   * changed since the question (the group re-linked, the other lead removed).
   */
  | { kind: 'refused'; why: 'not_allowed' | 'changed' | 'last_lead' }
  | { kind: 'relink' }
  | { kind: 'revoke'; changed: boolean; officer?: NonNullable<ReturnType<typeof getOfficer>> }
  | { kind: 'rename' }
  | { kind: 'assign'; changed: boolean };

/** Actions only a coordinator may confirm, whoever asked. */
const COORDINATORS_ONLY = new Set<PendingAction['kind']>(['revoke', 'rename', 'assign']);

export function carryOut(db: Db, action: PendingAction, who: { userId: number; isCoordinator: boolean }, now: number): ActionResult {
  const by = who.userId;
  if (COORDINATORS_ONLY.has(action.kind) && !who.isCoordinator) return { kind: 'refused', why: 'not_allowed' };
  switch (action.kind) {
    case 'relink': {
      const agencies = listAgencies(db);
      const from = bindingOf(db, action.chat.id, agencies);
      if (action.fromAgencyCode !== undefined && (from.agency?.code ?? null) !== action.fromAgencyCode) return { kind: 'refused', why: 'changed' };
      if (action.fromCoordination !== undefined && from.coordination !== action.fromCoordination) return { kind: 'refused', why: 'changed' };
      const to = { agency: action.agencyCode ? agencies.find((a) => a.code === action.agencyCode) : undefined, coordination: action.coordination };
      if (whyNotRelink(db, who, from, to)) return { kind: 'refused', why: 'not_allowed' };
      applyLink(db, action, now);
      return { kind: 'relink' };
    }
    case 'revoke': {
      // Someone may have revoked it in the meantime: then this changes nothing and says so.
      const changed = !!decide(db, action.officerId, 'revoked', by, now);
      return { kind: 'revoke', changed, officer: getOfficer(db, action.officerId) };
    }
    case 'rename': {
      const agency = listAgencies(db).find((a) => a.code === action.agencyCode);
      // Someone renamed it since the question: this answer was about the old name.
      if (!agency || !isActive(agency) || (action.fromName !== undefined && agency.name !== action.fromName)) return { kind: 'refused', why: 'changed' };
      renameAgency(db, action.agencyCode, action.name, action.short ?? undefined, by, now);
      return { kind: 'rename' };
    }
    case 'assign': {
      const leads = loadCatalog(db).tasks.find((t) => t.code === action.taskCode)?.lead ?? [];
      // The leads changed since the question (someone else added or removed one): decide again.
      if (action.version !== undefined && responsibilityVersion(db, action.taskCode) !== action.version) {
        // …except that two removals asked side by side are told plainly why the second cannot be.
        if (action.remove && leads.includes(action.agencyCode) && leads.length <= 1) return { kind: 'refused', why: 'last_lead' };
        return { kind: 'refused', why: 'changed' };
      }
      if (action.remove) {
        // Two removals asked side by side must not leave the task with no lead at all.
        if (leads.includes(action.agencyCode) && leads.length <= 1) return { kind: 'refused', why: 'last_lead' };
        return { kind: 'assign', changed: endLead(db, action.taskCode, action.agencyCode, by, now) };
      }
      const changed = addLead(db, action.taskCode, action.agencyCode, by, now);
      for (const old of action.replaces ?? []) endLead(db, action.taskCode, old, by, now);
      return { kind: 'assign', changed };
    }
  }
}
