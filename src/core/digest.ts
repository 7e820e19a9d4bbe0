// The weekly digest for Sở KH&CN and the leaders: what changed, what is stuck, who is silent.
import { loadCatalog } from '../db/queries/plan.js';
import { lastActivityByAgency, reportsBetween, type ProgressReportRow } from '../db/queries/progress-reports.js';
import type { Db } from '../db/open.js';
import { targetStandings } from '../db/queries/targets.js';
import type { Summary } from '../domain/progress.js';
import type { TargetStanding } from '../domain/targets.js';
import type { Agency } from '../domain/types.js';
import { yearAt } from '../text/dates.js';
import { buildSummary } from './status.js';

export interface DigestData {
  summary: Summary;
  periodStart: number;
  periodEnd: number;
  changes: ProgressReportRow[];
  newlyBlocked: ProgressReportRow[];
  stale: Array<{ agency: Agency; lastAt: number | null }>;
  /** The plan's quantitative targets with their latest figures. */
  targets: TargetStanding[];
}

export function buildDigest(db: Db, input: { periodStart: number; periodEnd: number; now: number; timeZone: string; staleDays: number }): DigestData {
  const catalog = loadCatalog(db);
  const year = yearAt(input.now, input.timeZone);
  const summary = buildSummary(db, year, input.now, input.timeZone, catalog);
  const changes = reportsBetween(db, input.periodStart, input.periodEnd);
  const newlyBlocked = changes.filter((u) => u.status === 'blocked');
  const last = lastActivityByAgency(db);
  const expected = [...new Set(summary.tasks.flatMap((t) => t.expected))];
  const byCode = new Map(catalog.agencies.map((a) => [a.code, a]));
  const stale = expected
    .map((code) => ({ agency: byCode.get(code)!, lastAt: last.get(code) ?? null }))
    .filter((x) => x.lastAt === null || input.now - x.lastAt > input.staleDays * 86_400_000)
    .sort((a, b) => (a.lastAt ?? 0) - (b.lastAt ?? 0));
  return { summary, periodStart: input.periodStart, periodEnd: input.periodEnd, changes, newlyBlocked, stale, targets: targetStandings(db, year) };
}
