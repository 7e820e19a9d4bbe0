// Zalo's free plan is reported at 3,000 messages a month, counted in both directions (a single
// source: ../shared/zalo-bot-api.md). The bot counts what it receives and what it sends per
// calendar month in Vietnam's time, warns the coordinators once a month at 80 % of
// ZALO_MONTHLY_QUOTA, and when Zalo refuses with 429 "Quota exceeded" tells them once on the
// other channel — Zalo itself can no longer carry the news.
import type { Db } from '../../db/open.js';
import { statement } from '../../db/statements.js';

/** Zalo's months are Vietnam's, whatever TIMEZONE the plan's dates use. */
export const ZALO_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const monthFormat = new Intl.DateTimeFormat('en-CA', { timeZone: ZALO_TIME_ZONE, year: 'numeric', month: '2-digit' });

/** "2026-11" at `now`, in Vietnam. */
export function quotaMonth(now: number): string {
  const parts = monthFormat.formatToParts(new Date(now));
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

export interface QuotaCount {
  month: string;
  incoming: number;
  outgoing: number;
  /** True the one time the total crossed the warning level this month: the caller warns. */
  warnNow: boolean;
}

/** Counts `n` messages in one direction; says when the month's total first reaches `warnAt`. */
export function countMessages(db: Db, direction: 'incoming' | 'outgoing', n: number, now: number, warnAt: number): QuotaCount {
  const month = quotaMonth(now);
  return db.$client.transaction((): QuotaCount => {
    const row = statement(
      db,
      `insert into channel_quota (channel, month, ${direction}) values ('zalo', ?, ?)
       on conflict(channel, month) do update set ${direction} = ${direction} + excluded.${direction}
       returning incoming, outgoing, warned_at warnedAt`,
    ).get(month, n) as { incoming: number; outgoing: number; warnedAt: number | null };
    const warnNow = row.warnedAt === null && row.incoming + row.outgoing >= warnAt;
    if (warnNow) statement(db, "update channel_quota set warned_at = ? where channel = 'zalo' and month = ?").run(now, month);
    return { month, incoming: row.incoming, outgoing: row.outgoing, warnNow };
  })();
}

/** Records that Zalo refused for quota this month; true the first time (the coordinators are told once). */
export function markQuotaExceeded(db: Db, now: number): boolean {
  const month = quotaMonth(now);
  return db.$client.transaction(() => {
    statement(db, "insert into channel_quota (channel, month) values ('zalo', ?) on conflict do nothing").run(month);
    return statement(db, "update channel_quota set exceeded_at = ? where channel = 'zalo' and month = ? and exceeded_at is null").run(now, month).changes > 0;
  })();
}

export function quotaUsed(db: Db, now: number): { incoming: number; outgoing: number } {
  const row = statement(db, "select incoming, outgoing from channel_quota where channel = 'zalo' and month = ?").get(quotaMonth(now)) as
    | { incoming: number; outgoing: number }
    | undefined;
  return row ?? { incoming: 0, outgoing: 0 };
}
