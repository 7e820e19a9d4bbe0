import { and, eq, sql } from 'drizzle-orm';
import { AGENCIES } from '../domain/agencies-data.js';
import { PLAN } from '../domain/plan-data.js';
import { validatePlan } from '../domain/plan-schema.js';
import { fold } from '../text/fold.js';
import type { Db } from './open.js';
import { inTransaction } from './tx.js';
import { agencies, meta, sections, taskAgencies, tasks } from './schema.js';
import { invalidateCatalog } from './queries/plan.js';

// Bump when plan-data.ts or agencies-data.ts change, so existing databases pick the change up.
export const SEED_VERSION = '2024-05-08.1';

/**
 * Loads the plan into the database on first start and on upgrade. The plan's own words are
 * canonical and refreshed; what the coordinator changed (agency corrections, reassignments) and
 * everything reported (updates) is never touched.
 */
export function seedPlan(db: Db, now = Date.now()): void {
  const current = db.select().from(meta).where(eq(meta.key, 'seed_version')).get();
  if (current?.value === SEED_VERSION) return;
  const { plan, agencies: registry } = validatePlan(PLAN, AGENCIES);

  inTransaction(db, (tx) => {
    for (const s of plan.sections) {
      tx.insert(sections).values({ code: s.code, ord: s.order, title: s.title })
        .onConflictDoUpdate({ target: sections.code, set: { ord: s.order, title: s.title } }).run();
    }
    for (const a of registry) {
      tx.insert(agencies).values({ ...a }).onConflictDoNothing().run();
    }
    plan.tasks.forEach((t, i) => {
      const row = {
        code: t.code,
        section: t.code.split('.')[0]!,
        parentCode: t.parent ?? null,
        ord: i,
        content: t.content,
        leadText: t.lead.join('\n'),
        coordinatingText: t.coordinating.join('\n'),
        timeline: t.timeline,
        searchText: fold(t.content),
      };
      const { code: _code, ...rest } = row;
      tx.insert(tasks).values(row).onConflictDoUpdate({ target: tasks.code, set: rest }).run();
      const roles = [
        ...t.leadAgencies.map((agencyCode, ord) => ({ agencyCode, ord, role: 'lead' as const })),
        ...t.coordinatingAgencies.map((agencyCode, ord) => ({ agencyCode, ord, role: 'coordinating' as const })),
      ];
      for (const r of roles) {
        const exists = tx.select({ id: taskAgencies.id }).from(taskAgencies)
          .where(and(eq(taskAgencies.taskCode, t.code), eq(taskAgencies.agencyCode, r.agencyCode),
            eq(taskAgencies.role, r.role), eq(taskAgencies.source, 'plan'))).get();
        if (!exists) tx.insert(taskAgencies).values({ taskCode: t.code, ...r, source: 'plan', startedAt: now }).run();
      }
    });
    tx.insert(meta).values({ key: 'seed_version', value: SEED_VERSION })
      .onConflictDoUpdate({ target: meta.key, set: { value: sql`excluded.value` } }).run();
  });
  invalidateCatalog(db);
}
