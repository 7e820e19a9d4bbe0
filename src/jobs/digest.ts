import { CronExpressionParser } from 'cron-parser';
import { buildDigest } from '../core/digest.js';
import { digestChat, lastWeeklyDigest, recordDigest, scheduledDigestSince } from '../db/queries/digests.js';
import { say } from '../delivery/say.js';
import { indexAgencies } from '../domain/agencies.js';
import { getMeta, listAgencies, setMeta } from '../db/queries/plan.js';
import { applyOnce } from '../db/queries/progress-reports.js';
import { inTransaction } from '../db/tx.js';
import { drawProgressChart } from '../render/draw-chart.js';
import { renderDigest, renderDigestShort } from '../render/digest.js';
import { defaultT, type JobDeps } from './deps.js';

const WEEK = 7 * 86_400_000;

export type DigestOutcome = { kind: 'sent'; digestId: number; chatId: number } | { kind: 'no_chat' } | { kind: 'already_sent' };

/**
 * Builds the digest and puts it in the outbox together with its record, in one transaction:
 * the record is what stops a restart from sending the same period twice. The chart is drawn
 * first (its library loads on first use, so this waits), then the transaction, which checks
 * again that the period was not sent meanwhile. `eventId` (/tonghop) makes the same transaction
 * apply that event once: a replayed /tonghop queues nothing.
 */
export async function sendDigest(
  d: JobDeps,
  opts: { trigger: 'schedule' | 'catch_up' | 'manual'; periodEnd?: number; chat?: { id: number; threadId: number | null }; eventId?: number },
): Promise<DigestOutcome> {
  const now = d.now();
  const periodEnd = opts.periodEnd ?? now;
  const sentAlready = () => opts.trigger !== 'manual' && !!scheduledDigestSince(d.db, periodEnd);
  if (sentAlready()) return { kind: 'already_sent' };
  const chat = opts.chat ?? digestChat(d.db, d.config.digestChatId);
  if (!chat) {
    d.log.warn('no digest chat: use /setdigest in a group, or set DIGEST_CHAT_ID');
    return { kind: 'no_chat' };
  }
  const previous = lastWeeklyDigest(d.db);
  const periodStart = previous && previous.periodEnd < periodEnd ? previous.periodEnd : periodEnd - WEEK;
  const data = buildDigest(d.db, { periodStart, periodEnd, now, timeZone: d.config.timeZone, staleDays: d.config.staleDays });
  const t = defaultT(d);
  const text = renderDigest(data, indexAgencies(listAgencies(d.db)), d.config.timeZone, t);
  const chart = await drawProgressChart(data.summary, t);
  // Another run may have sent this period while the chart was drawn (the schedule firing during
  // the catch-up at start): the check that counts is the one inside the transaction.
  const write = () => inTransaction(d.db, (tx) => {
    if (sentAlready()) return undefined;
    const rec = recordDigest(tx, { periodStart, periodEnd, chatId: chat.id, trigger: opts.trigger, createdAt: now });
    const key = `digest:${rec.id}`;
    const to = { chatId: chat.id, threadId: chat.threadId };
    // The picture first: officials look at it before they read.
    const caption = t('chart.caption', { year: data.summary.year });
    say(d, to, { text: '', file: { kind: 'photo', name: `tien-do-${data.summary.year}.png`, bytes: chart, caption } }, { key: `${key}:chart`, kind: 'digest' });
    // Channels that count every message (Zalo) get the short form: the overall line and a pointer to /tinhhinh.
    say(d, to, { text, short: renderDigestShort(data, d.config.timeZone, t) }, { key: `${key}:text`, kind: 'digest' });
    return rec;
  });
  const once = opts.eventId === undefined ? { applied: true as const, value: write() } : applyOnce(d.db, opts.eventId, write, now);
  const row = once.applied ? once.value : undefined;
  if (!row) return { kind: 'already_sent' };
  d.kick();
  d.log.info({ digest: row.id, chat: chat.id, trigger: opts.trigger }, 'digest queued');
  return { kind: 'sent', digestId: row.id, chatId: chat.id };
}

/** The latest time the digest schedule fired at or before `now`. */
export function lastScheduled(cron: string, now: number, timeZone: string): number {
  const it = CronExpressionParser.parse(cron, { currentDate: new Date(now + 1000), tz: timeZone });
  return it.prev().getTime();
}

/** A digest whose time passed while the bot was down is sent once, at start-up. */
export async function catchUpDigest(d: JobDeps): Promise<DigestOutcome> {
  const due = lastScheduled(d.config.digestCron, d.now(), d.config.timeZone);
  // Only what fell due since the bot first ran was missed; a new install starts on schedule.
  const since = Number(getMeta(d.db, 'jobs_since') ?? NaN);
  if (!Number.isFinite(since)) {
    setMeta(d.db, 'jobs_since', String(d.now()));
    return { kind: 'already_sent' };
  }
  if (due <= since || scheduledDigestSince(d.db, due)) return { kind: 'already_sent' };
  return sendDigest(d, { trigger: 'catch_up', periodEnd: due });
}
