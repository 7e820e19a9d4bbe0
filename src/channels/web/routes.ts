// The status page's HTTP routes, on the bot's own server (ops/http-server.ts, the same PORT as
// /healthz and the webhooks):
//   /w/<token>                         the page (?y=2025 another year)
//   /w/<token>/t/<task>                a task's full history
//   /w/<token>/bao-cao-kh457-<y>[-<agency>].docx|.xlsx|.csv   the yearly report, as /baocao builds it
//   /w/<token>/bieu-do-kh457-<y>.png   the digest's chart
// A token is signed and expiring (core/links.ts) and names a web_links row; what it opens is
// decided when it is opened (core/viewers.ts rightOfLink). Without a valid one — missing, forged,
// expired, revoked — the answer is 403 with no data, never 404, so a link that stopped working says
// so. The token is a bearer credential: it is in no log line and never sent on (Referrer-Policy).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkLink, linkSecret } from '../../core/links.js';
import { buildSummary } from '../../core/status.js';
import { rightOfLink, type WebRight } from '../../core/viewers.js';
import type { AppDeps } from '../../deps.js';
import { loadCatalog } from '../../db/queries/plan.js';
import { getUser } from '../../db/queries/users.js';
import { getWebLink, type WebLink } from '../../db/queries/web.js';
import { isLocale } from '../../i18n.js';
import type { Route } from '../../ops/http-server.js';
import { drawProgressChart } from '../../render/draw-chart.js';
import { buildReportOutside } from '../../reports/outside.js';
import { currentYear, deniedPage, FIRST_YEAR, historyPage, reportFilesFor, statusPage, type PageContext } from './page.js';
import { STYLE_HASH } from './style.js';

/** Sent with every answer under /w, the refusals included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': `default-src 'none'; style-src ${STYLE_HASH}; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  // The page holds names and notes: no shared cache keeps it, no browser keeps it after the link expires.
  'cache-control': 'no-store',
};

const TYPES = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  png: 'image/png',
} as const;

function reply(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': String(bytes.length), ...extra });
  res.end(bytes);
}

const download = (res: ServerResponse, name: string, type: string, bytes: Buffer) =>
  reply(res, 200, type, bytes, { 'content-disposition': `attachment; filename="${name}"` });

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

interface Opened {
  link: WebLink;
  right: WebRight;
}

/** The link a token names, if the token is genuine and the link still opens something. */
function open(deps: AppDeps, token: string): Opened | null {
  if (!token) return null;
  const now = deps.now();
  const check = checkLink(linkSecret(deps.db), token, now);
  if (!check.ok || check.claims.kind !== 'w' || !/^\d{1,15}$/.test(check.claims.ref)) return null;
  const link = getWebLink(deps.db, Number(check.claims.ref));
  // The row's own expiry is the one that counts (the token's is a copy of it).
  if (!link || link.expiresAt !== check.claims.exp) return null;
  const right = rightOfLink(deps.db, link, now);
  return right ? { link, right } : null;
}

export function webRoutes(deps: AppDeps): Record<string, Route> {
  const { db, config, i18n, log } = deps;
  const denied = (res: ServerResponse) => reply(res, 403, TYPES.html, deniedPage(i18n.t('vi'), i18n.t('en')));

  const route: Route = async (req: IncomingMessage, _body, res) => {
    const [path = '', query = ''] = (req.url ?? '').split('?', 2);
    const [token = '', ...sub] = path.replace(/^\/w\/?/, '').split('/');
    try {
      const opened = open(deps, token);
      if (!opened) return denied(res);
      if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'text/plain; charset=utf-8', 'method not allowed', { allow: 'GET, HEAD' });
      const stored = getUser(db, opened.link.userId)?.locale;
      const locale = isLocale(stored) ? stored : config.defaultLocale;
      const now = deps.now();
      const c: PageContext = {
        db,
        t: i18n.t(locale),
        locale,
        timeZone: config.timeZone,
        now,
        right: opened.right,
        base: `/w/${token}`,
        year: currentYear({ now, timeZone: config.timeZone }),
        expiresAt: opened.link.expiresAt,
      };
      // ?y= within the plan's years is shown; another (1999, 2099, "abc") shows the nearest year the
      // page has, and the page says so (page.ts yearNav) rather than showing this year as if asked.
      const asked = new URLSearchParams(query).get('y');
      if (asked !== null) {
        const last = c.year + 1;
        const y = /^\d{1,9}$/.test(asked) ? Math.min(Math.max(Number(asked), FIRST_YEAR), last) : c.year;
        if (String(y) !== asked) c.yearAsked = asked;
        c.year = y;
      }

      const [first = '', second] = sub;
      if (!first && second === undefined) return reply(res, 200, TYPES.html, statusPage(c));
      if (first === 't' && second && sub.length === 2) {
        // A malformed escape (%E0%A4%A) names no task: not found, not a failure.
        const code = safeDecode(second);
        const task = code === undefined ? undefined : loadCatalog(db).tasks.find((x) => x.code === code);
        if (task) return reply(res, 200, TYPES.html, historyPage(c, task));
      }
      const report = sub.length === 1 ? /^bao-cao-kh457-(20\d\d)(?:-([a-z0-9]{1,20}))?\.(docx|xlsx|csv)$/.exec(first) : null;
      if (report) {
        const year = Number(report[1]);
        const base = first.slice(0, -(report[3]!.length + 1));
        // Only the files the page offers this person: an officer's link opens their agencies' reports only.
        const file = year >= FIRST_YEAR && year <= c.year + 1 ? reportFilesFor(opened.right, year).find((f) => f.base === base) : undefined;
        if (!file) return reply(res, 404, 'text/plain; charset=utf-8', 'not found');
        const built = await buildReportOutside(db, { year, agencyCode: file.agencyCode, now, timeZone: config.timeZone });
        const ext = report[3] as 'docx' | 'xlsx' | 'csv';
        return download(res, first, TYPES[ext], built[ext]);
      }
      const chart = sub.length === 1 ? /^bieu-do-kh457-(20\d\d)\.png$/.exec(first) : null;
      if (chart && opened.right.whole) {
        const year = Number(chart[1]);
        return download(res, first, TYPES.png, await drawProgressChart(buildSummary(db, year, now, config.timeZone), c.t));
      }
      return reply(res, 404, 'text/plain; charset=utf-8', 'not found');
    } catch (err) {
      // Logged without the token: whoever reads the logs must not be able to open the page.
      const e = err instanceof Error ? err : new Error(String(err));
      const scrub = (s: string | undefined) => (token && s ? s.split(token).join('<token>') : s);
      log.error({ err: { type: e.name, message: scrub(e.message), stack: scrub(e.stack) }, route: '/w/' }, 'status page failed');
      if (!res.headersSent) reply(res, 500, 'text/plain; charset=utf-8', 'error');
      else res.end();
    }
  };
  // The server's own refusals under /w (a body too large) carry the page's headers too.
  route.headers = SECURITY_HEADERS;
  return { '/w': route, '/w/': route };
}
