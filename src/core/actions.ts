// What a confirmed action does. Each runs inside the transaction that records the decision.
import { decide, getOfficer } from '../db/queries/officers.js';
import { addLead, endLead, renameAgency } from '../db/queries/plan.js';
import type { Db } from '../db/open.js';
import { applyLink } from './chats.js';
import type { PendingAction } from './confirm.js';

export type ActionResult =
  | { kind: 'relink' }
  | { kind: 'revoke'; changed: boolean; officer?: NonNullable<ReturnType<typeof getOfficer>> }
  | { kind: 'rename' }
  | { kind: 'assign'; changed: boolean };

export function carryOut(db: Db, action: PendingAction, by: number, now: number): ActionResult {
  switch (action.kind) {
    case 'relink':
      applyLink(db, action, now);
      return { kind: 'relink' };
    case 'revoke': {
      // Someone may have revoked it in the meantime: then this changes nothing and says so.
      const changed = !!decide(db, action.officerId, 'revoked', by, now);
      return { kind: 'revoke', changed, officer: getOfficer(db, action.officerId) };
    }
    case 'rename':
      renameAgency(db, action.agencyCode, action.name, action.short ?? undefined, by, now);
      return { kind: 'rename' };
    case 'assign': {
      if (action.remove) return { kind: 'assign', changed: endLead(db, action.taskCode, action.agencyCode, by, now) };
      const changed = addLead(db, action.taskCode, action.agencyCode, by, now);
      for (const old of action.replaces ?? []) endLead(db, action.taskCode, old, by, now);
      return { kind: 'assign', changed };
    }
  }
}
