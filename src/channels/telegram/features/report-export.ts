// /report: the yearly report as .docx, .xlsx and .csv, delivered through the outbox.
//   /baocao                    an officer: their agency's own report (issued by the agency, to Sở KH&CN)
//   /baocao 2026               a coordinator: the consolidated report of Sở KH&CN to UBND tỉnh
//   /baocao 2026 Sở Y tế       a coordinator: that agency's report
// Documents are always Vietnamese (official documents are), whatever language the requester
// chose; only the chat reply and the file captions follow the requester's language.
import { Composer } from 'telegraf';
import { getChat } from '../../../db/queries/chats.js';
import { approvedAgencies } from '../../../db/queries/officers.js';
import { loadCatalog } from '../../../db/queries/plan.js';
import { enqueue } from '../../../delivery/outbox.js';
import { matchAgency } from '../../../domain/agency-match.js';
import type { ReportOutline } from '../../../reports/build.js';
import { buildReportOutside, type OutsideFiles } from '../../../reports/outside.js';
import { yearAt } from '../../../text/dates.js';
import { esc } from '../../../conversation/rich.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyRich } from '../reply.js';
import { chatAgencyOf } from '../reporting-helpers.js';

export const reportExport = new Composer<BotContext>();

reportExport.command([...COMMANDS.report], async (ctx) => {
  const { now, config } = ctx.deps;
  let args = commandArgs(ctx);
  let year = yearAt(now(), config.timeZone);
  const y = /^(20\d\d)\b\s*/.exec(args);
  if (y) {
    year = Number(y[1]);
    args = args.slice(y[0].length);
  }
  const catalog = loadCatalog(ctx.db);
  let agencyCode: string | undefined;
  if (args) {
    const m = matchAgency(args, catalog.agencies);
    if (m.kind !== 'one') return replyRich(ctx, ctx.t('agency.not_found', { query: esc(args.slice(0, 100)) }));
    agencyCode = m.agency.code;
  }
  if (!ctx.isCoordinator) {
    // An officer gets their own agency's report, and only that.
    const mine = approvedAgencies(ctx.db, ctx.from.id);
    const chatAgency = chatAgencyOf(ctx);
    const own = agencyCode ?? (chatAgency && mine.includes(chatAgency) ? chatAgency : mine[0]);
    // Not a focal officer (or not approved yet): who the reports are for, and how to become one.
    if (!own) return replyRich(ctx, ctx.t('report_doc.not_registered'));
    if (!mine.includes(own)) return replyRich(ctx, ctx.t('report_doc.own_agency_only'));
    agencyCode = own;
  }
  // Built in a separate process (reports/outside.ts): its memory peak never lands in the bot,
  // and the bot keeps answering everyone else meanwhile. A build that fails, crashes or hangs
  // becomes an apology, never a request left without an answer.
  let built: OutsideFiles;
  try {
    built = await buildReportOutside(ctx.db, { year, agencyCode, now: now(), timeZone: config.timeZone });
  } catch (err) {
    ctx.deps.log.error({ err, year, agencyCode }, 'yearly report could not be built');
    return replyRich(ctx, ctx.t('report_doc.build_failed', { year }));
  }
  const data = built.outline;
  const base = `bao-cao-kh457-${year}${agencyCode ? `-${agencyCode.toLowerCase()}` : ''}`;
  const files: Array<[string, Buffer]> = [
    [`${base}.docx`, built.docx],
    [`${base}.xlsx`, built.xlsx],
    [`${base}.csv`, built.csv],
  ];

  const t = ctx.t;
  const agencyName = data.agency ? esc(data.agency.name) : '';
  const dest = destination(ctx, data);
  const caption = data.agency ? t('report_doc.caption_agency', { year, agency: data.agency.name }) : t('report_doc.caption', { year });
  ctx.db.transaction(() => {
    for (const [name, file] of files) {
      enqueue(ctx.db, {
        dedupeKey: `report:${ctx.update.update_id}:${name}`, chatId: dest.chatId, threadId: dest.threadId, kind: 'report', method: 'sendDocument',
        payload: { caption }, file, fileName: name,
      }, now());
    }
  });
  ctx.deps.kick();
  const lines = [data.agency ? t('report_doc.queued_agency', { year, agency: agencyName, rows: data.rows }) : t('report_doc.queued', { year, rows: data.rows })];
  if (dest.privately) lines.push(data.agency ? t('report_doc.sent_privately_agency', { year, agency: agencyName }) : t('report_doc.sent_privately', { year }));
  if (!data.signed) lines.push(t('report_doc.signature_unset'));
  return replyRich(ctx, lines.join('\n'));
});

/**
 * Where the files go. The province-wide report goes only to a private chat or the coordination
 * group: typed in an agency's group, it is sent to the coordinator privately instead. An agency's
 * report may go to that agency's own group; in any other group it too is sent privately.
 */
function destination(ctx: BotContext, data: Pick<ReportOutline, 'agency'>): { chatId: number; threadId: number | null; privately: boolean } {
  const thread = (ctx.message as { message_thread_id?: number } | undefined)?.message_thread_id ?? null;
  const chat = ctx.chat!;
  if (chat.type === 'private') return { chatId: chat.id, threadId: null, privately: false };
  const row = getChat(ctx.db, chat.id);
  const allowed = row?.isCoordination || (data.agency && row?.agencyCode === data.agency.code);
  return allowed ? { chatId: chat.id, threadId: thread, privately: false } : { chatId: ctx.from!.id, threadId: null, privately: true };
}
