import cron from 'node-cron';
import { catchUpDigest, lastScheduled, sendDigest } from './digest.js';
import { runReminders } from './reminders.js';
import { backupDatabase } from '../ops/backup.js';
import type { JobDeps } from './deps.js';

export interface Jobs {
  stop(): void;
}

/**
 * The schedules, in the configured time zone: the weekly digest, the weekly reminder, and a
 * daily reminder that acts only in the last week before 10/12. A digest missed while the bot was
 * down is sent at start-up. Each run is guarded so one failure never stops the schedule.
 */
export function startJobs(d: JobDeps): Jobs {
  const guarded = (name: string, fn: () => unknown) => () => {
    const ran = (result: unknown) => d.log.info({ job: name, result }, 'job ran');
    const failed = (err: unknown) => d.log.error({ err, job: name }, 'job failed');
    try {
      // The digest is async (it waits for its chart): its failure is caught too.
      const result = fn();
      if (result instanceof Promise) result.then(ran, failed);
      else ran(result);
    } catch (err) {
      failed(err);
    }
  };
  const opts = { timezone: d.config.timeZone };
  const tasks = [
    cron.schedule(d.config.digestCron, guarded('digest', () =>
      sendDigest(d, { trigger: 'schedule', periodEnd: lastScheduled(d.config.digestCron, d.now(), d.config.timeZone) })), opts),
    cron.schedule(d.config.reminderCron, guarded('reminders', () => runReminders(d, 'weekly')), opts),
    cron.schedule(dailyAtSameTime(d.config.reminderCron), guarded('final-week reminders', () => runReminders(d, 'daily')), opts),
    cron.schedule(d.config.backupCron, () => {
      backupDatabase(d.db, d.config.backupDir, d.config.backupKeep, d.config.timeZone, d.now()).then(
        (path) => d.log.info({ path }, 'backup written'),
        (err) => d.log.error({ err }, 'backup failed'),
      );
    }, opts),
  ];
  guarded('digest catch-up', () => catchUpDigest(d))();
  return {
    stop: () => {
      for (const t of tasks) void t.stop();
    },
  };
}

/** "0 9 * * 3" → "0 9 * * *": the weekly reminder's time of day, every day. */
export function dailyAtSameTime(weeklyCron: string): string {
  const [minute = '0', hour = '9'] = weeklyCron.trim().split(/\s+/);
  return `${minute} ${hour} * * *`;
}
