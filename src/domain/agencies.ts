import type { Agency, Task } from './types.js';

export type AgencyIndex = ReadonlyMap<string, Agency>;

export const indexAgencies = (list: readonly Agency[]): AgencyIndex => new Map(list.map((a) => [a.code, a]));

/** Agencies whose duties passed to `code` in the reorganisation, transitively (Sở NN&MT ← NN&PTNT, TN&MT). */
export function predecessorsOf(code: string, index: AgencyIndex): string[] {
  const out = new Set<string>();
  const visit = (target: string) => {
    for (const a of index.values()) {
      if (a.successors.includes(target) && !out.has(a.code) && a.code !== code) {
        out.add(a.code);
        visit(a.code);
      }
    }
  };
  visit(code);
  return [...out];
}

/** The groups an agency belongs to as the plan uses them: every provincial body is one of "Các Sở, ban, ngành". */
export function groupsOf(agency: Agency): string[] {
  return agency.kind === 'agency' ? ['SBN'] : [];
}

export type TaskRole = 'lead' | 'lead_group' | 'coordinating';

export interface AgencyTask {
  task: Task;
  role: TaskRole;
  /** The plan agency through which this agency holds the task (itself, a predecessor or a group). */
  via: string;
}

/**
 * The tasks an agency answers for today: as lead, directly or through a predecessor; as lead
 * through a group it belongs to ("Các Sở, ban, ngành"); and as a named coordinating agency. Group
 * coordination ("Các Sở, ngành liên quan") is left out: it names nearly every row and would hide
 * the agency's real work — except the tasks in `reported`, those the agency did report on this year.
 */
export function tasksOfAgency(code: string, tasks: readonly Task[], index: AgencyIndex, reported?: ReadonlySet<string>): AgencyTask[] {
  const agency = index.get(code);
  if (!agency) return [];
  const selves = new Set([code, ...predecessorsOf(code, index)]);
  const groups = new Set(groupsOf(agency));
  const out: AgencyTask[] = [];
  for (const task of tasks) {
    const direct = task.lead.find((c) => selves.has(c));
    if (direct) {
      out.push({ task, role: 'lead', via: direct });
      continue;
    }
    const group = task.lead.find((c) => groups.has(c));
    if (group) {
      out.push({ task, role: 'lead_group', via: group });
      continue;
    }
    const coord = task.coordinating.find((c) => selves.has(c));
    if (coord) out.push({ task, role: 'coordinating', via: coord });
    // A task it coordinates only as one of "Các Sở, ngành liên quan" is its work once it reported on it.
    else if (reported?.has(task.code) && coordinatesViaGroup(agency, task)) {
      out.push({ task, role: 'coordinating', via: task.coordinating.find((c) => DEPARTMENT_GROUPS.has(c))! });
    }
  }
  return out;
}

/** An agency that exists today (not a group, not merged away by the 2025 reorganisation). */
export const isActive = (a: Agency) => a.kind === 'agency' && (a.change === 'unchanged' || a.change === 'new');

/**
 * Cells of the appendix's coordinating column that take in every provincial department: "Các Sở,
 * ngành liên quan" and "Các Sở, ban, ngành". Nearly every row names one, so these tasks are not
 * listed as the agency's own work (tasksOfAgency), but any department may report on them as a
 * coordinating agency.
 */
export const DEPARTMENT_GROUPS: ReadonlySet<string> = new Set(['SNLQ', 'SBN']);

/** May `agency` report on `task` as a coordinating agency through a department group cell? */
export const coordinatesViaGroup = (agency: Agency, task: Task): boolean =>
  isActive(agency) && task.coordinating.some((c) => DEPARTMENT_GROUPS.has(c));

/**
 * The agencies that owe a report on a task this year: those that lead it today (currentLeads), and
 * every active member of a group that leads it (I.1: "Các Sở, ban, ngành", each department's
 * duty). In registry order. The one rule behind "who has not reported?": the coordinator's lists,
 * the reminders, an officer's /viectoi and the yearly report's "not reported" line. Coordinating
 * agencies report when they did something; they owe nothing here. `leads`: the task's current
 * leads, when the caller has them already.
 */
export function owingAgencies(task: Task, agencies: readonly Agency[], index: AgencyIndex, leads: ReadonlySet<string> = new Set(currentLeads(task, index))): string[] {
  return agencies.filter((a) => leads.has(a.code) || (isActive(a) && groupsOf(a).some((g) => task.lead.includes(g)))).map((a) => a.code);
}

/** Whether an agency owes a report on a task it holds in this role (owingAgencies, from the agency's side). */
export const owes = (role: TaskRole) => role !== 'coordinating';

/**
 * The agencies that lead a task today: each named lead that still exists, and for one that does
 * not, whoever took it over (transitively). Groups ("Các Sở, ban, ngành") name no one in particular.
 */
export function currentLeads(task: Task, index: AgencyIndex): string[] {
  const out = new Set<string>();
  const visit = (code: string, seen: Set<string>) => {
    const a = index.get(code);
    if (!a || seen.has(code)) return;
    seen.add(code);
    if (isActive(a)) out.add(code);
    for (const s of a.successors) visit(s, seen);
  };
  for (const lead of task.lead) visit(lead, new Set());
  return [...out];
}
