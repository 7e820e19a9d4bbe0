import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const idList = z
  .string()
  .default('')
  .transform((s, ctx) => {
    const parts = s.split(/[,\s]+/).filter(Boolean);
    const ids = parts.map(Number);
    const bad = parts.filter((_, i) => !Number.isSafeInteger(ids[i]));
    if (bad.length) ctx.addIssue({ code: 'custom', message: `not Telegram user ids: ${bad.join(', ')}` });
    return ids;
  });

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'unknown IANA time zone (example: Asia/Ho_Chi_Minh)');

const cronExpr = z.string().refine((expr) => {
  try {
    CronExpressionParser.parse(expr);
    return expr.trim().split(/\s+/).length === 5;
  } catch {
    return false;
  }
}, 'not a 5-field cron expression (minute hour day month weekday), e.g. "0 8 * * 1"');

/** "01/01, 28/01, 29/01": public holidays as day/month, every year (Tết dates are set per year by the operator). */
const holidays = z
  .string()
  .transform((s, ctx) => {
    const out: string[] = [];
    for (const part of s.split(/[,\s]+/).filter(Boolean)) {
      const m = /^(\d{1,2})\/(\d{1,2})$/.exec(part);
      const d = Number(m?.[1]);
      const mo = Number(m?.[2]);
      if (!m || d < 1 || d > 31 || mo < 1 || mo > 12) ctx.addIssue({ code: 'custom', message: `not a dd/mm date: ${part}` });
      else out.push(`${String(d).padStart(2, '0')}/${String(mo).padStart(2, '0')}`);
    }
    return out;
  });

export const configSchema = z.object({
  BOT_TOKEN: z
    .string({ error: 'missing' })
    .trim()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'does not look like a token from @BotFather (123456:ABC-...)'),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  DATABASE_PATH: z.string().min(1).default('./data/kh457.db'),
  COORDINATOR_IDS: idList,
  TIMEZONE: timeZone.default('Asia/Ho_Chi_Minh'),
  DEFAULT_LOCALE: z.enum(LOCALES).default('vi'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DIGEST_CHAT_ID: z.coerce.number().int().optional(),
  DIGEST_CRON: cronExpr.default('0 8 * * 1'),
  REMINDER_CRON: cronExpr.default('0 9 * * 3'),
  STALE_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  ESCALATE_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  HOLIDAYS: holidays.default([]),
  BOT_MODE: z.enum(['polling', 'webhook']).default('polling'),
  WEBHOOK_DOMAIN: z.string().regex(/^[a-z0-9.-]+(:\d+)?$/i, 'a host name such as bot.example.gov.vn').optional(),
  WEBHOOK_PATH: z.string().regex(/^\/[A-Za-z0-9/_-]*$/, 'a path such as /telegram/kh457').default('/telegram/webhook'),
  WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, '16–256 characters of A–Z, a–z, 0–9, _ and -').optional(),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  BACKUP_DIR: z.string().min(1).default('./backups'),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(14),
  BACKUP_CRON: cronExpr.default('30 2 * * *'),
  // "none" only for load tests against a local stand-in: Telegram itself enforces its limits.
  SEND_LIMITS: z.enum(['telegram', 'none']).default('telegram'),
}).superRefine((e, ctx) => {
  if (e.BOT_MODE !== 'webhook') return;
  for (const key of ['WEBHOOK_DOMAIN', 'WEBHOOK_SECRET', 'PORT'] as const) {
    if (e[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'required when BOT_MODE=webhook' });
  }
});

export interface Config {
  botToken: string;
  apiRoot: string;
  databasePath: string;
  coordinatorIds: number[];
  timeZone: string;
  defaultLocale: Locale;
  logLevel: string;
  digestChatId?: number;
  digestCron: string;
  reminderCron: string;
  staleDays: number;
  escalateDays: number;
  /** dd/mm */
  holidays: string[];
  mode: 'polling' | 'webhook';
  webhook?: { domain: string; path: string; secret: string };
  port?: number;
  backupDir: string;
  backupKeep: number;
  backupCron: string;
  sendLimits: 'telegram' | 'none';
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; missingToken: boolean; problems: string[] };

/** Reads configuration from an environment map; never throws, so the caller can explain problems. */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    const missingToken = parsed.error.issues.some((i) => i.path[0] === 'BOT_TOKEN' && cleaned.BOT_TOKEN === undefined);
    return { ok: false, missingToken, problems };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      botToken: e.BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
      databasePath: e.DATABASE_PATH,
      coordinatorIds: e.COORDINATOR_IDS,
      timeZone: e.TIMEZONE,
      defaultLocale: e.DEFAULT_LOCALE,
      logLevel: e.LOG_LEVEL,
      digestChatId: e.DIGEST_CHAT_ID,
      digestCron: e.DIGEST_CRON,
      reminderCron: e.REMINDER_CRON,
      staleDays: e.STALE_DAYS,
      escalateDays: e.ESCALATE_DAYS,
      holidays: e.HOLIDAYS,
      mode: e.BOT_MODE,
      webhook:
        e.BOT_MODE === 'webhook' ? { domain: e.WEBHOOK_DOMAIN!, path: e.WEBHOOK_PATH, secret: e.WEBHOOK_SECRET! } : undefined,
      port: e.PORT,
      backupDir: e.BACKUP_DIR,
      backupKeep: e.BACKUP_KEEP,
      backupCron: e.BACKUP_CRON,
      sendLimits: e.SEND_LIMITS,
    },
  };
}
