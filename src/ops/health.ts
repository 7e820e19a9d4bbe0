import type { Db } from '../db/open.js';
import { lastHandledAt } from '../db/queries/inbox.js';
import { probeWrite } from '../db/queries/plan.js';
import { outboxDepth } from '../delivery/outbox.js';

export interface Health {
  ok: boolean;
  mode: 'polling' | 'webhook';
  database: 'writable' | 'error';
  lastUpdateHandledAt: string | null;
  outboxDepth: number;
  uptimeSeconds: number;
}

/** Honest health: the database must take a write (rolled back), not merely be open. */
export function checkHealth(db: Db, mode: Health['mode'], startedAt: number): Health {
  let database: Health['database'] = 'writable';
  try {
    probeWrite(db);
  } catch {
    database = 'error';
  }
  const last = database === 'writable' ? lastHandledAt(db) : null;
  return {
    ok: database === 'writable',
    mode,
    database,
    lastUpdateHandledAt: last ? new Date(last).toISOString() : null,
    outboxDepth: database === 'writable' ? outboxDepth(db) : -1,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
  };
}
