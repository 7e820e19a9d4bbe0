// Zalo's free plan is reported at 3,000 messages a month, counted in both directions (a single
// source: ../shared/zalo-bot-api.md). The bot counts what it receives and what it sends per
// calendar month in Vietnam's time, warns the coordinators once a month at 80 % of
// ZALO_MONTHLY_QUOTA, and when Zalo refuses with 429 "Quota exceeded" tells them once on the
// other channel — Zalo itself can no longer carry the news.
import type { Db } from '../../db/open.js';
import { addZaloMessages, markZaloQuotaExceeded, zaloQuotaUsed } from '../../db/queries/quota.js';

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
  return { month, ...addZaloMessages(db, month, direction, n, now, warnAt) };
}

/** Records that Zalo refused for quota this month; true the first time (the coordinators are told once). */
export function markQuotaExceeded(db: Db, now: number): boolean {
  return markZaloQuotaExceeded(db, quotaMonth(now), now);
}

export function quotaUsed(db: Db, now: number): { incoming: number; outgoing: number } {
  return zaloQuotaUsed(db, quotaMonth(now)) ?? { incoming: 0, outgoing: 0 };
}
