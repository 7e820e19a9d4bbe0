import { CronExpressionParser } from 'cron-parser';
import { join } from 'node:path';
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

/** "90s", "12h", "7d", or a number of seconds: how long a link stays valid. */
export function parseDuration(s: string): number | null {
  const m = /^\s*(\d{1,9})\s*([smhd]?)\s*$/i.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[m[2]!.toLowerCase() as '' | 's' | 'm' | 'h' | 'd'];
  return n > 0 ? n * unit * 1000 : null;
}

const duration = z.string().transform((s, ctx) => {
  const ms = parseDuration(s);
  if (ms === null) ctx.addIssue({ code: 'custom', message: 'a duration such as 90s, 12h, 7d, or a number of seconds' });
  return ms ?? 0;
});

/** Zalo's ids are strings: a list of them, separated by commas or spaces. */
const stringIdList = z
  .string()
  .default('')
  .transform((s) => s.split(/[,\s]+/).filter(Boolean));

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
  // Either messenger alone, or both: at least one token (checked below).
  BOT_TOKEN: z
    .string()
    .trim()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'does not look like a token from @BotFather (123456:ABC-...)')
    .optional(),
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
  // Zalo Bot Platform (see README): a token from Zalo Bot Creator, "<bot id>:<secret>".
  ZALO_BOT_TOKEN: z.string().trim().regex(/^[A-Za-z0-9_-]+:[A-Za-z0-9_-]{8,}$/, 'does not look like a token from Zalo Bot Creator (<bot id>:<secret>)').optional(),
  ZALO_API_ROOT: z.url().default('https://bot-api.zaloplatforms.com'),
  ZALO_MODE: z.enum(['polling', 'webhook']).default('polling'),
  ZALO_WEBHOOK_PATH: z.string().regex(/^\/[A-Za-z0-9/_-]*$/, 'a path such as /zalo/kh457').default('/zalo/webhook'),
  ZALO_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{8,256}$/, '8–256 characters of A–Z, a–z, 0–9, _ and -').optional(),
  ZALO_COORDINATOR_IDS: stringIdList,
  ZALO_MONTHLY_QUOTA: z.coerce.number().int().min(1).default(3000),
  // Where people reach the bot's own HTTP server: links to files (Zalo) and to the status page.
  // The server's root: the links and the page's own hrefs start at "/" (a path prefix would be lost).
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'an http(s) address such as https://bot.example.gov.vn' })
    .refine((u) => /^https?:\/\/[^/]+\/?$/.test(u), 'the server\'s root address, without a path (https://bot.example.gov.vn)')
    .optional(),
  FILE_LINK_TTL: duration.optional(),
  WEB_LINK_TTL: duration.optional(),
}).superRefine((e, ctx) => {
  if (!e.BOT_TOKEN && !e.ZALO_BOT_TOKEN) ctx.addIssue({ code: 'custom', path: ['BOT_TOKEN'], message: 'missing (or ZALO_BOT_TOKEN)' });
  if (e.BOT_MODE === 'webhook' && e.BOT_TOKEN) {
    for (const key of ['WEBHOOK_DOMAIN', 'WEBHOOK_SECRET', 'PORT'] as const) {
      if (e[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'required when BOT_MODE=webhook' });
    }
  }
  if (e.ZALO_BOT_TOKEN && e.ZALO_MODE === 'webhook') {
    for (const key of ['ZALO_WEBHOOK_SECRET', 'PORT', 'PUBLIC_BASE_URL'] as const) {
      if (e[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'required when ZALO_MODE=webhook' });
    }
  }
  // Zalo cannot receive a document: reports and charts go as links to the bot's own server.
  if (e.ZALO_BOT_TOKEN && (e.PUBLIC_BASE_URL === undefined || e.PORT === undefined)) {
    for (const key of ['PUBLIC_BASE_URL', 'PORT'] as const) {
      if (e[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'required with ZALO_BOT_TOKEN (files are sent as links to this server)' });
    }
  }
});

export interface ZaloConfig {
  token: string;
  apiRoot: string;
  mode: 'polling' | 'webhook';
  webhookPath: string;
  webhookSecret?: string;
  coordinatorIds: string[];
  monthlyQuota: number;
}

export interface Config {
  /** Telegram's bot token; '' when the bot runs on Zalo only. */
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
  zalo?: ZaloConfig;
  /** Console ids of the coordinators, when the console channel runs (set by startConsoleApp; core/roles.ts). */
  consoleCoordinatorIds?: string[];
  /** The bot's HTTP server as people reach it (https://bot.example.gov.vn), without a trailing slash. */
  publicBaseUrl?: string;
  /** How long a link to a file stays valid (FILE_LINK_TTL; DEFAULT_FILE_LINK_TTL_MS when not set). */
  fileLinkTtlMs?: number;
  /** How long a link to the status page stays valid (WEB_LINK_TTL; DEFAULT_WEB_LINK_TTL_MS when not set). */
  webLinkTtlMs?: number;
}

export const DEFAULT_FILE_LINK_TTL_MS = 3 * 86_400_000;
export const DEFAULT_WEB_LINK_TTL_MS = 7 * 86_400_000;

export type ConfigResult = { ok: true; config: Config } | { ok: false; missingToken: boolean; problems: string[] };

/** Reads configuration from an environment map; never throws, so the caller can explain problems. */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    const missingToken = cleaned.BOT_TOKEN === undefined && cleaned.ZALO_BOT_TOKEN === undefined;
    return { ok: false, missingToken, problems };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      botToken: e.BOT_TOKEN ?? '',
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
      zalo: e.ZALO_BOT_TOKEN
        ? {
            token: e.ZALO_BOT_TOKEN,
            apiRoot: e.ZALO_API_ROOT.replace(/\/+$/, ''),
            mode: e.ZALO_MODE,
            webhookPath: e.ZALO_WEBHOOK_PATH,
            webhookSecret: e.ZALO_WEBHOOK_SECRET,
            coordinatorIds: e.ZALO_COORDINATOR_IDS,
            monthlyQuota: e.ZALO_MONTHLY_QUOTA,
          }
        : undefined,
      publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
      fileLinkTtlMs: e.FILE_LINK_TTL ?? DEFAULT_FILE_LINK_TTL_MS,
      webLinkTtlMs: e.WEB_LINK_TTL ?? DEFAULT_WEB_LINK_TTL_MS,
    },
  };
}

/**
 * Every default of the environment above, with the database and backups under `dir` and no
 * messenger: what the demo, the tests and the benchmarks start from, so the defaults are said once.
 */
export function defaultConfig(dir: string, overrides: Partial<Config> = {}): Config {
  // Parsed from the schema itself; the token only satisfies its "at least one messenger" rule.
  const r = loadConfig({ BOT_TOKEN: `1:${'x'.repeat(20)}` });
  if (!r.ok) throw new Error(`the configuration's defaults do not parse: ${r.problems.join('; ')}`);
  return { ...r.config, botToken: '', databasePath: join(dir, 'kh457.db'), backupDir: join(dir, 'backups'), ...overrides };
}
