import { and, asc, eq, lte } from 'drizzle-orm';
import type { Tx } from '../tx.js';
import { targetValues } from '../schema.js';
import { standing, TARGETS, type TargetStanding, type TargetValue } from '../../domain/targets.js';

/** Each target's standing as of `year`: its newest value recorded for that year or an earlier one. */
export function targetStandings(tx: Tx, year: number): TargetStanding[] {
  return TARGETS.map((target) => {
    const rows = tx
      .select()
      .from(targetValues)
      .where(and(eq(targetValues.targetCode, target.code), lte(targetValues.year, year)))
      .orderBy(asc(targetValues.year), asc(targetValues.recordedAt), asc(targetValues.id))
      .all();
    const values: TargetValue[] = rows.map((r) => ({ value: r.value, year: r.year, source: r.source, recordedAt: r.recordedAt }));
    return standing(target, values);
  });
}

export function recordTargetValue(
  tx: Tx,
  v: { targetCode: string; year: number; value: number; source: string; recordedBy: number; recordedAt: number; eventId: number | null },
) {
  return tx.insert(targetValues).values(v).returning().get();
}
