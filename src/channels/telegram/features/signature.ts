// /chuky (/signature): how an agency's yearly report is headed and signed (NĐ 30/2020) — the
// authority line, the signer's title and name, the symbol in "Số: …/BC-SYT" and the parent body.
//
//   /chuky                                       show the settings and the syntax
//   /chuky KT. GIÁM ĐỐC | PHÓ GIÁM ĐỐC | Nguyễn Văn A   authority | title | name (authority may be empty)
//   /chuky kyhieu SYT                            the symbol
//   /chuky coquanchuquan UBND TỈNH AN GIANG      the parent body
//   /chuky xoa                                   back to defaults, signature lines blank
//   /chuky Sở Y tế = …                           a coordinator (or an officer of several agencies) names the agency
//
// An officer sets it for their own agency; a coordinator for Sở KH&CN (the consolidated report) by
// default, or for any agency by name. Nothing is guessed: what is not set is left blank in the
// document for the clerk to fill in by hand.
import { Composer } from 'telegraf';
import { COORDINATOR_AGENCY, defaultAbbreviation } from '../../../core/report.js';
import { clearIssuerSettings, getIssuerSettings, setIssuerSettings, type IssuerFields } from '../../../db/queries/issuer-settings.js';
import { approvedAgencies } from '../../../db/queries/officers.js';
import { loadCatalog } from '../../../db/queries/plan.js';
import { matchAgency } from '../../../domain/agency-match.js';
import { normalizeNote } from '../../../domain/status.js';
import type { Agency } from '../../../domain/types.js';
import { fold } from '../../../text/fold.js';
import { cleanName } from '../../../text/clean.js';
import { esc } from '../../../conversation/rich.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyRich } from '../reply.js';
import { chatAgencyOf } from '../reporting-helpers.js';

export const signature = new Composer<BotContext>();

const MAX = 100;
// Keywords as a clerk would type them, with or without diacritics, and their English forms.
const CLEAR = new Set(['xoa', 'clear', 'reset']);
const ABBR = new Set(['kyhieu', 'symbol', 'abbr', 'abbreviation']);
const PARENT = new Set(['coquanchuquan', 'chuquan', 'parent']);

signature.command([...COMMANDS.signature], async (ctx) => {
  const t = ctx.t;
  const catalog = loadCatalog(ctx.db);
  let args = normalizeNote(commandArgs(ctx)).replace(/[ \t]+/g, ' ');
  const mine = approvedAgencies(ctx.db, ctx.from.id);

  // Which agency: named before "=", or (for a coordinator) a bare agency name to view it.
  let named: Agency | undefined;
  const eq = args.indexOf('=');
  const bareName = eq < 0 && ctx.isCoordinator && !!args && !args.includes('|') && !keywordOf(args);
  if (eq > 0 || bareName) {
    const query = bareName ? args : args.slice(0, eq).trim();
    const m = matchAgency(query, catalog.agencies);
    if (m.kind !== 'one') {
      // A coordinator's bare text that names no agency is more likely a signature typed without "|".
      return replyRich(ctx, bareName ? t('signature.bad_format') : t('agency.not_found', { query: esc(query.slice(0, 100)) }));
    }
    if (m.agency.kind !== 'agency') return replyRich(ctx, t('signature.group', { agency: esc(m.agency.name) }));
    named = m.agency;
    args = bareName ? '' : args.slice(eq + 1).trim();
  }
  const chatAgency = chatAgencyOf(ctx);
  const code = named?.code ?? (ctx.isCoordinator ? COORDINATOR_AGENCY : chatAgency && mine.includes(chatAgency) ? chatAgency : mine[0]);
  if (!code) return replyRich(ctx, t('signature.not_registered'));
  if (!ctx.isCoordinator && !mine.includes(code)) return replyRich(ctx, t('signature.not_allowed'));
  const agency = catalog.agencies.find((a) => a.code === code)!;
  const name = esc(agency.name);

  if (!args) return replyRich(ctx, showSettings(ctx, code, agency));
  const now = ctx.deps.now();
  const keyword = keywordOf(args);
  if (keyword === 'clear') {
    clearIssuerSettings(ctx.db, code);
    return replyRich(ctx, [t('signature.cleared', { agency: name }), '', current(ctx, code)].join('\n'));
  }
  let fields: IssuerFields;
  if (keyword === 'abbr' || keyword === 'parent') {
    // Printed on the letterhead: no direction overrides or invisible characters (an override
    // before "TỈNH AN GIANG" prints it backwards); a value with nothing else is refused, not stored.
    const value = cleanName(args.replace(/^\S+\s*/, '').replace(/^[:=]\s*/, ''));
    if (!value) return replyRich(ctx, t('signature.empty_value'));
    if (value.length > MAX) return replyRich(ctx, t('signature.too_long', { max: MAX }));
    if (keyword === 'abbr') {
      // "BC-SYT" or "SYT": the symbol is what follows "BC-"; letters (Đ included), digits, & and -.
      const abbr = value.replace(/^BC-/i, '').toLocaleUpperCase('vi');
      if (!/^[\p{L}\p{N}&-]{1,20}$/u.test(abbr)) return replyRich(ctx, t('signature.bad_abbr'));
      fields = { abbreviation: abbr };
    } else {
      fields = { parentBody: value.toLocaleUpperCase('vi') };
    }
  } else {
    const parts = args.split('|').map(cleanName);
    if (parts.length !== 3 || !parts[1] || !parts[2]) return replyRich(ctx, t('signature.bad_format'));
    if (parts.some((p) => p.length > MAX)) return replyRich(ctx, t('signature.too_long', { max: MAX }));
    // Authority and title are printed in capitals (NĐ 30); the name as written.
    fields = { authority: parts[0] ? parts[0].toLocaleUpperCase('vi') : null, signerTitle: parts[1]!.toLocaleUpperCase('vi'), signerName: parts[2]! };
  }
  setIssuerSettings(ctx.db, code, fields, ctx.from.id, now);
  return replyRich(ctx, [t('signature.saved', { agency: name }), '', current(ctx, code)].join('\n'));
});

function keywordOf(args: string): 'clear' | 'abbr' | 'parent' | null {
  const first = fold(args.split(/\s/)[0] ?? '').replace(/[^a-z]/g, '');
  // "cơ quan chủ quản …" typed as words.
  const compact = fold(args).replace(/[^a-z ]/g, '');
  if (CLEAR.has(first) && args.split(/\s+/).length === 1) return 'clear';
  if (ABBR.has(first) || compact.startsWith('ky hieu')) return 'abbr';
  if (PARENT.has(first) || compact.startsWith('co quan chu quan')) return 'parent';
  return null;
}

function current(ctx: BotContext, code: string): string {
  const t = ctx.t;
  const s = getIssuerSettings(ctx.db, code);
  const unset = t('signature.unset');
  const v = (x: string | null | undefined) => (x ? esc(cleanName(x)) : unset);
  return t('signature.current', {
    authority: s?.signerTitle ? (s.authority ? esc(s.authority) : t('signature.authority_none')) : v(s?.authority),
    title: v(s?.signerTitle),
    name: v(s?.signerName),
    abbr: esc(s?.abbreviation || defaultAbbreviation(code)),
    abbr_default: s?.abbreviation ? '' : t('signature.default_mark'),
    // The default parent body is the document's own text, which is always Vietnamese.
    parent: esc(s?.parentBody || ctx.deps.i18n.t('vi')('report_doc.parent_default')),
    parent_default: s?.parentBody ? '' : t('signature.default_mark'),
  });
}

function showSettings(ctx: BotContext, code: string, agency: Agency): string {
  const t = ctx.t;
  return [
    t('signature.title', { agency: esc(agency.name) }),
    current(ctx, code),
    '',
    t('signature.syntax'),
    ...(ctx.isCoordinator ? ['', t('signature.coordinator_hint')] : []),
  ].join('\n');
}
