// Reassigning a task's lead after the 2025 reorganisation (/giaoviec). The rules live here; the
// change itself waits for the coordinator's confirmation (core/confirm.ts, core/actions.ts).
import { esc } from '../conversation/rich.js';
import { loadCatalog, taskAgencyCounts } from '../db/queries/plan.js';
import type { Db } from '../db/open.js';
import { say } from '../delivery/say.js';
import type { AppDeps } from '../deps.js';
import { indexAgencies } from '../domain/agencies.js';
import type { Agency } from '../domain/types.js';
import { agencyRecipients, defaultT } from '../jobs/deps.js';
import { shortTitle } from '../render/plan.js';
import { askConfirmation } from './confirm.js';

/** A body or group that exists today: a lead may be given to it (groups such as UBND xã, phường too). */
const exists = (a: Agency) => a.change === 'unchanged' || a.change === 'new';

export type AssignPlan =
  | { kind: 'unknown' }
  | { kind: 'unchanged'; leads: string[] }
  /** Removing it would leave the task with no lead at all. */
  | { kind: 'last_lead' }
  /** The body no longer exists; these took it over. */
  | { kind: 'gone'; successors: string[] }
  | { kind: 'confirm'; confirmationId: number; before: string[]; after: string[]; replaces: string[] };

export function planAssignment(
  db: Db,
  input: { taskCode: string; agencyCode: string; remove: boolean; actorId: number; chatId: number; updateId: number; now: number },
): AssignPlan {
  const catalog = loadCatalog(db);
  const index = indexAgencies(catalog.agencies);
  const task = catalog.tasks.find((t) => t.code === input.taskCode);
  const agency = index.get(input.agencyCode);
  if (!task || !agency) return { kind: 'unknown' };
  const before = [...task.lead];
  if (input.remove) {
    if (!before.includes(agency.code)) return { kind: 'unchanged', leads: before };
    if (before.length === 1) return { kind: 'last_lead' };
    const id = askConfirmation(db, { kind: 'assign', taskCode: task.code, agencyCode: agency.code, remove: true, replaces: [], version: responsibilityVersion(db, task.code) }, who(input), input.now);
    return { kind: 'confirm', confirmationId: id, before, after: before.filter((c) => c !== agency.code), replaces: [] };
  }
  if (!exists(agency)) return { kind: 'gone', successors: agency.successors.filter((c) => index.get(c) && exists(index.get(c)!)) };
  if (before.includes(agency.code)) return { kind: 'unchanged', leads: before };
  // Giving a task to the body that took over a lead which no longer exists ends that lead: UBND xã
  // in place of the abolished UBND cấp huyện, not beside it.
  const replaces = before.filter((c) => {
    const lead = index.get(c);
    return lead && !exists(lead) && lead.successors.includes(agency.code);
  });
  const after = [...before.filter((c) => !replaces.includes(c)), agency.code];
  const id = askConfirmation(db, { kind: 'assign', taskCode: task.code, agencyCode: agency.code, remove: false, replaces, version: responsibilityVersion(db, task.code) }, who(input), input.now);
  return { kind: 'confirm', confirmationId: id, before, after, replaces };
}

const who = (i: { actorId: number; chatId: number; updateId: number }) => ({ actorId: i.actorId, chatId: i.chatId, updateId: i.updateId });

/**
 * Changes whenever a lead is added or ended on the task (rows are only added, or given an end
 * date): a question answered after any change since is decided again, even when the leads look
 * the same as when it was asked (added, then removed).
 */
export function responsibilityVersion(db: Db, taskCode: string): string {
  const r = taskAgencyCounts(db, taskCode);
  return `${r.n}:${r.e}`;
}

/**
 * The agency given a task, or relieved of it, learns it where it reads: its linked groups, or its
 * officers privately. Once per decision (the outbox key carries the event that confirmed it).
 * `leads` is rich text: the task's leads after the change.
 */
export function tellAssigned(
  deps: AppDeps,
  change: { taskCode: string; agencyCode: string; remove: boolean; replaces?: string[] },
  task: { content: string; leads: string },
  by: { name: string; eventId: number },
) {
  const t = defaultT(deps);
  const text = t(change.remove ? 'assign.notice_removed' : 'assign.notice_added', {
    code: change.taskCode, title: esc(shortTitle(task.content, 90)), leads: task.leads, who: esc(by.name),
  });
  for (const code of [change.agencyCode, ...(change.replaces ?? [])]) {
    for (const r of agencyRecipients(deps.db, code)) {
      say(deps, { chatId: r.id, threadId: r.threadId }, { text }, { key: `assign:${by.eventId}:${code}:${r.id}`, kind: 'notice' });
    }
  }
  deps.kick();
}
