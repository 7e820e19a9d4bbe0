import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { SectionCode } from '../../domain/plan-schema.js';
import type { Agency, Section, Task } from '../../domain/types.js';
import type { Db } from '../open.js';
import { agencies, meta, sections, taskAgencies, tasks } from '../schema.js';

export function listSections(db: Db): Section[] {
  return db.select().from(sections).orderBy(asc(sections.ord)).all() as Section[];
}

export function listAgencies(db: Db): Agency[] {
  return db
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
export function listTasks(db: Db): Task[] {
  const rows = db.select().from(tasks).orderBy(asc(tasks.ord)).all();
  const roles = db
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

export function getTask(db: Db, code: string): Task | undefined {
  return listTasks(db).find((t) => t.code === code);
}

export function taskCodes(db: Db): string[] {
  return db.select({ code: tasks.code }).from(tasks).orderBy(asc(tasks.ord)).all().map((r) => r.code);
}

export function currentRoleRows(db: Db, taskCode: string) {
  return db
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
// command reads it: keep it in memory per database, and drop it on those writes.
const catalogs = new WeakMap<Db, Catalog>();

/** Everything needed to show the plan: 5 sections, 31 tasks, ~30 agencies — small enough to load whole. */
export function loadCatalog(db: Db): Catalog {
  let c = catalogs.get(db);
  if (!c) {
    c = { sections: listSections(db), tasks: listTasks(db), agencies: listAgencies(db) };
    catalogs.set(db, c);
  }
  return c;
}

export function invalidateCatalog(db: Db) {
  catalogs.delete(db);
}

export function getMeta(db: Db, key: string): string | undefined {
  return db.select().from(meta).where(eq(meta.key, key)).get()?.value;
}

export function setMeta(db: Db, key: string, value: string) {
  db.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();
}

/** Adds a lead agency to a task (a reassignment after 2025); the plan's rows stay as they were. */
export function addLead(db: Db, taskCode: string, agencyCode: string, by: number, now: number) {
  const current = currentRoleRows(db, taskCode);
  if (current.some((r) => r.agencyCode === agencyCode && r.role === 'lead')) return false;
  const ord = Math.max(-1, ...current.filter((r) => r.role === 'lead').map((r) => r.ord)) + 1;
  db.insert(taskAgencies).values({ taskCode, agencyCode, role: 'lead', ord, source: 'assigned', startedAt: now, startedBy: by }).run();
  invalidateCatalog(db);
  return true;
}

/** Ends an agency's lead role on a task; the row is kept with its end date as history. */
export function endLead(db: Db, taskCode: string, agencyCode: string, by: number, now: number) {
  const ended =
    db
      .update(taskAgencies)
      .set({ endedAt: now, endedBy: by })
      .where(and(eq(taskAgencies.taskCode, taskCode), eq(taskAgencies.agencyCode, agencyCode), eq(taskAgencies.role, 'lead'), isNull(taskAgencies.endedAt)))
      .run().changes > 0;
  invalidateCatalog(db);
  return ended;
}

/** The coordinator's correction of an agency's name (e.g. the confirmed name of a post-2025 body). */
export function renameAgency(db: Db, code: string, name: string, short: string | undefined, by: number, now: number) {
  db.update(agencies)
    .set({ name, ...(short ? { short } : {}), confirmed: true, updatedBy: by, updatedAt: now })
    .where(eq(agencies.code, code))
    .run();
  // Naming the successor confirms the mapping of the plan agencies that became it.
  db.update(agencies)
    .set({ confirmed: true, updatedBy: by, updatedAt: now })
    .where(sql`exists (select 1 from json_each(${agencies.successors}) where value = ${code})`)
    .run();
  invalidateCatalog(db);
}
