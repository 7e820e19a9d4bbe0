import { and, asc, eq, isNull } from 'drizzle-orm';
import type { SectionCode } from '../../domain/plan-schema.js';
import type { Agency, Section, Task } from '../../domain/types.js';
import type { Db } from '../open.js';
import { agencies, sections, taskAgencies, tasks } from '../schema.js';

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
    .orderBy(asc(taskAgencies.source), asc(taskAgencies.ord), asc(taskAgencies.id))
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

/** Everything needed to show the plan: 5 sections, 31 tasks, ~30 agencies — small enough to load whole. */
export function loadCatalog(db: Db): Catalog {
  return { sections: listSections(db), tasks: listTasks(db), agencies: listAgencies(db) };
}
