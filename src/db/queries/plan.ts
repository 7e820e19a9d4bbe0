import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { SectionCode } from '../../domain/plan-schema.js';
import type { Agency, Section, Task } from '../../domain/types.js';
import { inWriteTransaction, type Tx } from '../tx.js';
import { statement } from '../statements.js';
import { catalogRevision } from './revisions.js';
import { agencies, meta, sections, taskAgencies, tasks } from '../schema.js';

export function listSections(tx: Tx): Section[] {
  return tx.select().from(sections).orderBy(asc(sections.ord)).all() as Section[];
}

export function listAgencies(tx: Tx): Agency[] {
  return tx
    .select({
      code: agencies.code,
      name: agencies.name,
      short: agencies.short,
      aliases: agencies.aliases,
      kind: agencies.kind,
      change: agencies.change,
      successors: agencies.successors,
      confirmed: agencies.confirmed,
      inPlan: agencies.inPlan,
    })
    .from(agencies)
    .all();
}

/** All tasks in plan order, each with its current lead and coordinating agencies. */
export function listTasks(tx: Tx): Task[] {
  const rows = tx.select().from(tasks).orderBy(asc(tasks.ord)).all();
  const roles = tx
    .select({ taskCode: taskAgencies.taskCode, agencyCode: taskAgencies.agencyCode, role: taskAgencies.role })
    .from(taskAgencies)
    .where(isNull(taskAgencies.endedAt))
    // The plan's agencies first, in the plan's order; reassignments after them.
    .orderBy(sql`${taskAgencies.source} = 'assigned'`, asc(taskAgencies.ord), asc(taskAgencies.id))
    .all();
  const byTask = new Map<string, { lead: string[]; coordinating: string[] }>();
  for (const r of roles) {
    const entry = byTask.get(r.taskCode) ?? { lead: [], coordinating: [] };
    entry[r.role].push(r.agencyCode);
    byTask.set(r.taskCode, entry);
  }
  return rows.map((t) => ({
    code: t.code,
    section: t.section as SectionCode,
    parentCode: t.parentCode,
    content: t.content,
    leadText: t.leadText,
    coordinatingText: t.coordinatingText,
    timeline: t.timeline,
    searchText: t.searchText,
    lead: byTask.get(t.code)?.lead ?? [],
    coordinating: byTask.get(t.code)?.coordinating ?? [],
  }));
}

export function taskCodes(tx: Tx): string[] {
  return tx.select({ code: tasks.code }).from(tasks).orderBy(asc(tasks.ord)).all().map((r) => r.code);
}

export function currentRoleRows(tx: Tx, taskCode: string) {
  return tx
    .select()
    .from(taskAgencies)
    .where(and(eq(taskAgencies.taskCode, taskCode), isNull(taskAgencies.endedAt)))
    .all();
}

export interface Catalog {
  sections: Section[];
  tasks: Task[];
  agencies: Agency[];
}

// The catalog changes only when the coordinator reassigns a task (or the seed runs), and every
// command reads it: keep it in memory per database, and drop it on those writes. Outside a
// transaction the catalog revision (migration 0013) is compared too, so that a change written by
// a script or another connection is seen; inside one, this connection's own writes drop it.
const catalogs = new WeakMap<Tx, { catalog: Catalog; revision: number | undefined }>();

/** Everything needed to show the plan: 5 sections, 31 tasks, ~30 agencies — small enough to load whole. */
export function loadCatalog(tx: Tx): Catalog {
  const revision = tx.$client.inTransaction ? undefined : catalogRevision(tx);
  const kept = catalogs.get(tx);
  if (kept && (revision === undefined || kept.revision === revision)) return kept.catalog;
  const catalog = { sections: listSections(tx), tasks: listTasks(tx), agencies: listAgencies(tx) };
  catalogs.set(tx, { catalog, revision });
  return catalog;
}

export function invalidateCatalog(tx: Tx) {
  catalogs.delete(tx);
}

/**
 * Changes whenever a lead is added or ended on the task (rows are only added, or given an end
 * date): how many rows the task has, and how many of them ended.
 */
export function taskAgencyCounts(tx: Tx, taskCode: string): { n: number; e: number } {
  return tx.$client.prepare('select count(*) n, count(ended_at) e from task_agencies where task_code = ?').get(taskCode) as { n: number; e: number };
}

/** The next number of a counter kept in `meta` (1 the first time). */
export function nextMetaCounter(tx: Tx, key: string): number {
  const row = statement(
    tx,
    `insert into meta (key, value) values (?, '1')
     on conflict(key) do update set value = cast(value as integer) + 1 returning value`,
  ).get(key) as { value: string };
  return Number(row.value);
}

/** Throws unless the database takes a write now: one is made and rolled back, under the write lock. */
export function probeWrite(tx: Tx): void {
  try {
    inWriteTransaction(tx, (tx) => {
      tx.$client.prepare("insert or replace into meta (key, value) values ('health_probe', ?)").run(String(Date.now()));
      throw new RollbackProbe();
    });
  } catch (err) {
    if (!(err instanceof RollbackProbe)) throw err;
  }
}

class RollbackProbe extends Error {}

export function getMeta(tx: Tx, key: string): string | undefined {
  return tx.select().from(meta).where(eq(meta.key, key)).get()?.value;
}

export function setMeta(tx: Tx, key: string, value: string) {
  tx.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();
}

/** Adds a lead agency to a task (a reassignment after 2025); the plan's rows stay as they were. */
export function addLead(tx: Tx, taskCode: string, agencyCode: string, by: number, now: number) {
  const current = currentRoleRows(tx, taskCode);
  if (current.some((r) => r.agencyCode === agencyCode && r.role === 'lead')) return false;
  const ord = Math.max(-1, ...current.filter((r) => r.role === 'lead').map((r) => r.ord)) + 1;
  tx.insert(taskAgencies).values({ taskCode, agencyCode, role: 'lead', ord, source: 'assigned', startedAt: now, startedBy: by }).run();
  invalidateCatalog(tx);
  return true;
}

/** Ends an agency's lead role on a task; the row is kept with its end date as history. */
export function endLead(tx: Tx, taskCode: string, agencyCode: string, by: number, now: number) {
  const ended =
    tx
      .update(taskAgencies)
      .set({ endedAt: now, endedBy: by })
      .where(and(eq(taskAgencies.taskCode, taskCode), eq(taskAgencies.agencyCode, agencyCode), eq(taskAgencies.role, 'lead'), isNull(taskAgencies.endedAt)))
      .run().changes > 0;
  invalidateCatalog(tx);
  return ended;
}

/** The coordinator's correction of an agency's name (e.g. the confirmed name of a post-2025 body). */
export function renameAgency(tx: Tx, code: string, name: string, short: string | undefined, by: number, now: number) {
  tx.update(agencies)
    .set({ name, ...(short ? { short } : {}), confirmed: true, updatedBy: by, updatedAt: now })
    .where(eq(agencies.code, code))
    .run();
  // Naming the successor confirms the mapping of the plan agencies that became it.
  tx.update(agencies)
    .set({ confirmed: true, updatedBy: by, updatedAt: now })
    .where(sql`exists (select 1 from json_each(${agencies.successors}) where value = ${code})`)
    .run();
  invalidateCatalog(tx);
}
