import { inTransaction, type Tx } from '../tx.js';
import { statement } from '../statements.js';

// Zalo's monthly message count (channels/zalo/quota.ts decides the month and the levels).

export interface QuotaRow {
  incoming: number;
  outgoing: number;
  /** True the one time the total crossed `warnAt` this month. */
  warnNow: boolean;
}

/** Adds `n` messages in one direction to the month's count; marks the warning the first time the total reaches `warnAt`. */
export function addZaloMessages(tx: Tx, month: string, direction: 'incoming' | 'outgoing', n: number, now: number, warnAt: number): QuotaRow {
  return inTransaction(tx, (tx): QuotaRow => {
    const row = statement(
      tx,
      `insert into channel_quota (channel, month, ${direction}) values ('zalo', ?, ?)
       on conflict(channel, month) do update set ${direction} = ${direction} + excluded.${direction}
       returning incoming, outgoing, warned_at warnedAt`,
    ).get(month, n) as { incoming: number; outgoing: number; warnedAt: number | null };
    const warnNow = row.warnedAt === null && row.incoming + row.outgoing >= warnAt;
    if (warnNow) statement(tx, "update channel_quota set warned_at = ? where channel = 'zalo' and month = ?").run(now, month);
    return { incoming: row.incoming, outgoing: row.outgoing, warnNow };
  });
}

/** Records that Zalo refused for quota in the month; true the first time. */
export function markZaloQuotaExceeded(tx: Tx, month: string, now: number): boolean {
  return inTransaction(tx, (tx) => {
    statement(tx, "insert into channel_quota (channel, month) values ('zalo', ?) on conflict do nothing").run(month);
    return statement(tx, "update channel_quota set exceeded_at = ? where channel = 'zalo' and month = ? and exceeded_at is null").run(now, month).changes > 0;
  });
}

export function zaloQuotaUsed(tx: Tx, month: string): { incoming: number; outgoing: number } | undefined {
  return statement(tx, "select incoming, outgoing from channel_quota where channel = 'zalo' and month = ?").get(month) as
    | { incoming: number; outgoing: number }
    | undefined;
}
