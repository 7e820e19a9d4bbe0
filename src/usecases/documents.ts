// Documents: /signature (/chuky) — how an agency's yearly report is headed and signed; /backup
// (/saoluu) — a copy of the database for the coordinator; /report (/baocao) — the yearly report
// files. The files go through the outbox (delivery/say.ts): stored first, keyed by the event, so a
// replayed command never sends them twice.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { actingAgencies } from '../core/acting.js';
import { COORDINATOR_AGENCY, defaultAbbreviation } from '../core/yearly-report.js';
import { mayView } from '../core/viewers.js';
import { getChat, privateChatOf } from '../db/queries/chats.js';
import { clearIssuerSettings, getIssuerSettings, setIssuerSettings, type IssuerFields } from '../db/queries/issuer-settings.js';
import { loadCatalog } from '../db/queries/plan.js';
import { inTransaction } from '../db/tx.js';
import { say as sayLater, type Addressee } from '../delivery/say.js';
import { matchAgency } from '../domain/agency-match.js';
import { normalizeNote } from '../domain/status.js';
import type { Agency } from '../domain/types.js';
import { backupDatabase } from '../ops/backup.js';
import type { ReportOutline } from '../reports/build.js';
import { buildReportOutside, type OutsideFiles } from '../reports/outside.js';
import { cleanName } from '../text/clean.js';
import { yearAt } from '../text/dates.js';
import { fold } from '../text/fold.js';
import { esc, type Rich } from '../conversation/rich.js';
import { coordinatorsOnly } from '../conversation/guards.js';
import type { Routes } from '../conversation/router.js';
import { say, type Outcome, type Request } from '../conversation/types.js';

const argsOf = (req: Request): string => (req.input.kind === 'command' ? req.input.args.trim() : '');
const actingHere = (req: Request) => actingAgencies(req.deps.db, { userId: req.actor.id, isCoordinator: req.actor.isCoordinator }, req.conversation);
/**
 * A person's private conversation with the bot, on the channel they use. Not their person id: on
 * the console and Zalo, chats and people are numbered apart (a group may carry a person's number).
 */
const privately = (req: Request): Addressee => ({ chatId: privateChatOf(req.deps.db, req.actor.id, req.deps.now()), threadId: null });

// ── /signature ────────────────────────────────────────────────────────────────────────────────
//
//   /chuky                                       show the settings and the syntax
//   /chuky KT. GIÁM ĐỐC | PHÓ GIÁM ĐỐC | Nguyễn Văn A   authority | title | name (authority may be empty)
//   /chuky kyhieu SYT                            the symbol in "Số: …/BC-SYT"
//   /chuky coquanchuquan UBND TỈNH AN GIANG      the parent body
//   /chuky xoa                                   back to defaults, signature lines blank
//   /chuky Sở Y tế = …                           a coordinator (or an officer of several agencies) names the agency
//
// An officer sets it for the agency they act for here; a coordinator for Sở KH&CN (the
// consolidated report) by default, or for any agency by name. Nothing is guessed: what is not set
// is left blank in the document (NĐ 30/2020) for the clerk to fill in by hand.

const MAX = 100;
// Keywords as a clerk would type them, with or without diacritics, and their English forms.
const CLEAR = new Set(['xoa', 'clear', 'reset']);
const ABBR = new Set(['kyhieu', 'symbol', 'abbr', 'abbreviation']);
const PARENT = new Set(['coquanchuquan', 'chuquan', 'parent']);

function setSignature(req: Request): Outcome {
  const { deps, t, actor } = req;
  const { db } = deps;
  const text = (s: Rich) => say({ text: s });
  const catalog = loadCatalog(db);
  let args = normalizeNote(argsOf(req)).replace(/[ \t]+/g, ' ');
  const acting = actingHere(req);

  // Which agency: named before "=", or (for a coordinator) a bare agency name to view it.
  let named: Agency | undefined;
  const eq = args.indexOf('=');
  const bareName = eq < 0 && actor.isCoordinator && !!args && !args.includes('|') && !keywordOf(args);
  if (eq > 0 || bareName) {
    const query = bareName ? args : args.slice(0, eq).trim();
    const m = matchAgency(query, catalog.agencies);
    // A coordinator's bare text that names no agency is more likely a signature typed without "|".
    if (m.kind !== 'one') return text(bareName ? t('signature.bad_format') : t('agency.not_found', { query: esc(query.slice(0, 100)) }));
    if (m.agency.kind !== 'agency') return text(t('signature.group', { agency: esc(m.agency.name) }));
    named = m.agency;
    args = bareName ? '' : args.slice(eq + 1).trim();
  }
  const code = named?.code ?? (actor.isCoordinator ? COORDINATOR_AGENCY : acting.agencies[0]);
  if (!code) return text(t('signature.not_registered'));
  if (!actor.isCoordinator && !acting.own.includes(code)) return text(t('signature.not_allowed'));
  const agency = catalog.agencies.find((a) => a.code === code)!;
  const name = esc(agency.name);

  if (!args) return text(showSettings(req, code, agency));
  const keyword = keywordOf(args);
  if (keyword === 'clear') {
    clearIssuerSettings(db, code);
    return text([t('signature.cleared', { agency: name }), '', current(req, code)].join('\n'));
  }
  let fields: IssuerFields;
  if (keyword === 'abbr' || keyword === 'parent') {
    // Printed on the letterhead: no direction overrides or invisible characters (an override
    // before "TỈNH AN GIANG" prints it backwards); a value with nothing else is refused, not stored.
    const value = cleanName(args.replace(/^\S+\s*/, '').replace(/^[:=]\s*/, ''));
    if (!value) return text(t('signature.empty_value'));
    if (value.length > MAX) return text(t('signature.too_long', { max: MAX }));
    if (keyword === 'abbr') {
      // "BC-SYT" or "SYT": the symbol is what follows "BC-"; letters (Đ included), digits, & and -.
      const abbr = value.replace(/^BC-/i, '').toLocaleUpperCase('vi');
      if (!/^[\p{L}\p{N}&-]{1,20}$/u.test(abbr)) return text(t('signature.bad_abbr'));
      fields = { abbreviation: abbr };
    } else {
      fields = { parentBody: value.toLocaleUpperCase('vi') };
    }
  } else {
    const parts = args.split('|').map(cleanName);
    if (parts.length !== 3 || !parts[1] || !parts[2]) return text(t('signature.bad_format'));
    if (parts.some((p) => p.length > MAX)) return text(t('signature.too_long', { max: MAX }));
    // Authority and title are printed in capitals (NĐ 30); the name as written.
    fields = { authority: parts[0] ? parts[0].toLocaleUpperCase('vi') : null, signerTitle: parts[1]!.toLocaleUpperCase('vi'), signerName: parts[2]! };
  }
  setIssuerSettings(db, code, fields, actor.id, deps.now());
  return text([t('signature.saved', { agency: name }), '', current(req, code)].join('\n'));
}

function keywordOf(args: string): 'clear' | 'abbr' | 'parent' | null {
  const first = fold(args.split(/\s/)[0] ?? '').replace(/[^a-z]/g, '');
  // "cơ quan chủ quản …" typed as words.
  const compact = fold(args).replace(/[^a-z ]/g, '');
  if (CLEAR.has(first) && args.split(/\s+/).length === 1) return 'clear';
  if (ABBR.has(first) || compact.startsWith('ky hieu')) return 'abbr';
  if (PARENT.has(first) || compact.startsWith('co quan chu quan')) return 'parent';
  return null;
}

function current(req: Request, code: string): Rich {
  const { t, deps } = req;
  const s = getIssuerSettings(deps.db, code);
  const unset = t('signature.unset');
  const v = (x: string | null | undefined) => (x ? esc(cleanName(x)) : unset);
  return t('signature.current', {
    authority: s?.signerTitle ? (s.authority ? esc(s.authority) : t('signature.authority_none')) : v(s?.authority),
    title: v(s?.signerTitle),
    name: v(s?.signerName),
    abbr: esc(s?.abbreviation || defaultAbbreviation(code)),
    abbr_default: s?.abbreviation ? '' : t('signature.default_mark'),
    // The default parent body is the document's own text, which is always Vietnamese.
    parent: esc(s?.parentBody || deps.i18n.t('vi')('report_doc.parent_default')),
    parent_default: s?.parentBody ? '' : t('signature.default_mark'),
  });
}

function showSettings(req: Request, code: string, agency: Agency): Rich {
  const { t } = req;
  return [
    t('signature.title', { agency: esc(agency.name) }),
    current(req, code),
    '',
    t('signature.syntax'),
    ...(req.actor.isCoordinator ? ['', t('signature.coordinator_hint')] : []),
  ].join('\n');
}

// ── /backup ───────────────────────────────────────────────────────────────────────────────────

// The largest file the bot's channels take: Telegram's 50 MB for bots, less room for the
// multipart envelope. Larger copies stay on the server (the answer says where).
const MAX_UPLOAD = 48 * 1024 * 1024;

async function sendBackup(req: Request): Promise<Outcome> {
  const { t, deps } = req;
  const { config, now } = deps;
  // The whole database — names, reports, the secret that signs links — never goes out as a link
  // that anyone holding it could download.
  if (req.conversation.filesAsLinks) return say({ text: t('backup.not_as_link', { dir: esc(config.backupDir) }) });
  const path = await backupDatabase(deps.db, config.backupDir, config.backupKeep, config.timeZone, now());
  const name = basename(path);
  const size = statSync(path).size;
  if (size > MAX_UPLOAD) return say({ text: t('backup.too_large', { name: esc(name), mb: Math.round(size / 1048576) }) });
  // The database holds names and reports: it goes to the coordinator privately, never to a group.
  const file = { kind: 'document' as const, name, bytes: readFileSync(path), caption: t('backup.caption', { name: esc(name) }) };
  sayLater(deps, privately(req), { text: '', file }, { key: `backup:${req.eventId}`, kind: 'backup' });
  deps.kick();
  return say({ text: t(req.conversation.kind === 'private' ? 'backup.sent' : 'backup.sent_privately', { name: esc(name) }) });
}

// ── /report ───────────────────────────────────────────────────────────────────────────────────
//
//   /baocao                    an officer: their agency's own report (issued by the agency, to Sở KH&CN)
//   /baocao 2026               a coordinator: the consolidated report of Sở KH&CN to UBND tỉnh
//   /baocao 2026 Sở Y tế       a coordinator: that agency's report
//
// Documents are always Vietnamese (official documents are), whatever language the requester
// chose; only the answer and the file captions follow the requester's language.

async function exportReport(req: Request): Promise<Outcome> {
  const { deps, t, actor } = req;
  const { db, now, config } = deps;
  let args = argsOf(req);
  let year = yearAt(now(), config.timeZone);
  const y = /^(20\d\d)\b\s*/.exec(args);
  if (y) {
    year = Number(y[1]);
    args = args.slice(y[0].length);
  }
  let agencyCode: string | undefined;
  if (args) {
    const m = matchAgency(args, loadCatalog(db).agencies);
    if (m.kind !== 'one') return say({ text: t('agency.not_found', { query: esc(args.slice(0, 100)) }) });
    agencyCode = m.agency.code;
  }
  if (!mayView(db, actor)) {
    // An officer gets their own agency's report, and only that (coordinators and viewers: any).
    const acting = actingHere(req);
    const own = agencyCode ?? acting.agencies[0];
    // Not a focal officer (or not approved yet): who the reports are for, and how to become one.
    if (!own) return say({ text: t('report_doc.not_registered') });
    if (!acting.own.includes(own)) return say({ text: t('report_doc.own_agency_only') });
    agencyCode = own;
  }
  // Built in a separate process (reports/outside.ts): its memory peak never lands in the bot,
  // and the bot keeps answering everyone else meanwhile. A build that fails, crashes or hangs
  // becomes an apology, never a request left without an answer.
  let built: OutsideFiles;
  try {
    built = await buildReportOutside(db, { year, agencyCode, now: now(), timeZone: config.timeZone });
  } catch (err) {
    deps.log.error({ err, year, agencyCode }, 'yearly report could not be built');
    return say({ text: t('report_doc.build_failed', { year }) });
  }
  const data = built.outline;
  const base = `bao-cao-kh457-${year}${agencyCode ? `-${agencyCode.toLowerCase()}` : ''}`;
  const files: Array<[string, Buffer]> = [
    [`${base}.docx`, built.docx],
    [`${base}.xlsx`, built.xlsx],
    [`${base}.csv`, built.csv],
  ];

  const agencyName = data.agency ? esc(data.agency.name) : '';
  const dest = destination(req, data);
  const caption = data.agency ? t('report_doc.caption_agency', { year, agency: agencyName }) : t('report_doc.caption', { year });
  const lines = [data.agency ? t('report_doc.queued_agency', { year, agency: agencyName, rows: data.rows }) : t('report_doc.queued', { year, rows: data.rows })];
  if (dest.privately) lines.push(data.agency ? t('report_doc.sent_privately_agency', { year, agency: agencyName }) : t('report_doc.sent_privately', { year }));
  if (!data.signed) lines.push(t('report_doc.signature_unset'));
  const intro = { text: lines.join('\n') };
  // Where files arrive as links (Zalo), the answer itself goes through the outbox after the use case
  // returns, so it would come after the files: there it is queued first, keyed by the event like them.
  const introFirst = !!req.conversation.filesAsLinks;
  // The outbox rows in one transaction. sayLater enqueues on deps.db, which on better-sqlite3
  // is the connection this transaction runs on (db/tx.ts).
  inTransaction(db, () => {
    if (introFirst) sayLater(deps, { chatId: req.conversation.id, threadId: req.conversation.threadId }, intro, { key: `report:${req.eventId}:intro`, kind: 'answer' });
    for (const [name, bytes] of files) {
      sayLater(deps, dest, { text: '', file: { kind: 'document', name, bytes, caption } }, { key: `report:${req.eventId}:${name}`, kind: 'report' });
    }
  });
  deps.kick();
  return introFirst ? say() : say(intro);
}

/**
 * Where the files go. The province-wide report goes only to a private chat or the coordination
 * group: asked for in an agency's group, it is sent to the coordinator privately instead. An
 * agency's report may go to that agency's own group; in any other group it too is sent privately.
 */
function destination(req: Request, data: Pick<ReportOutline, 'agency'>): Addressee & { privately: boolean } {
  const c = req.conversation;
  if (c.kind === 'private') return { chatId: c.id, threadId: null, privately: false };
  const row = getChat(req.deps.db, c.id);
  const allowed = row?.isCoordination || (data.agency && row?.agencyCode === data.agency.code);
  return allowed ? { chatId: c.id, threadId: c.threadId, privately: false } : { ...privately(req), privately: true };
}

export const documentsRoutes: Routes = {
  commands: { signature: setSignature, backup: coordinatorsOnly(sendBackup), report: exportReport },
};
