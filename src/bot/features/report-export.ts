// /report: the yearly consolidated report as .docx, .xlsx and .csv, delivered through the outbox.
import { Composer } from 'telegraf';
import { buildReport } from '../../core/report.js';
import { approvedAgencies } from '../../db/queries/officers.js';
import { loadCatalog } from '../../db/queries/plan.js';
import { enqueue } from '../../delivery/outbox.js';
import { matchAgency } from '../../domain/agency-match.js';
import { reportCsv } from '../../reports/csv.js';
import { reportDocx } from '../../reports/docx.js';
import { reportXlsx } from '../../reports/xlsx.js';
import { yearAt } from '../../text/dates.js';
import { escapeHtml } from '../../text/html.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyHtml } from '../reply.js';
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
    if (m.kind !== 'one') return replyHtml(ctx, ctx.t('agency.not_found', { query: escapeHtml(args.slice(0, 100)) }));
    agencyCode = m.agency.code;
  }
  if (!ctx.isCoordinator) {
    // An officer gets their own agency's part, and only that.
    const mine = approvedAgencies(ctx.db, ctx.from.id);
    const chatAgency = chatAgencyOf(ctx);
    const own = agencyCode ?? (chatAgency && mine.includes(chatAgency) ? chatAgency : mine[0]);
    if (!own) return replyHtml(ctx, ctx.t('report.not_registered'));
    if (!mine.includes(own)) return replyHtml(ctx, ctx.t('report_doc.own_agency_only'));
    agencyCode = own;
  }
  const t = ctx.t;
  const data = buildReport(ctx.db, {
    year,
    agencyCode,
    now: now(),
    timeZone: config.timeZone,
    labels: {
      status: (s) => (s ? t(`status.${s}`) : t('status.none')),
      category: (c) => t(`category.${c}`),
      agencyLine: (agency, text) => (agency ? `${agency}: ${text}` : text),
      today: (list) => t('report_doc.today', { agencies: list }),
    },
  });
  const base = `bao-cao-kh457-${year}${agencyCode ? `-${agencyCode.toLowerCase()}` : ''}`;
  const files: Array<[string, Buffer]> = [
    [`${base}.docx`, await reportDocx(data, t, config.timeZone)],
    [`${base}.xlsx`, await reportXlsx(data, t, config.timeZone)],
    [`${base}.csv`, reportCsv(data, t)],
  ];
  const thread = (ctx.message as { message_thread_id?: number }).message_thread_id ?? null;
  ctx.db.transaction(() => {
    for (const [name, file] of files) {
      enqueue(ctx.db, {
        dedupeKey: `report:${ctx.update.update_id}:${name}`, chatId: ctx.chat.id, threadId: thread, kind: 'report', method: 'sendDocument',
        payload: { caption: t('report_doc.caption', { year }) }, file, fileName: name,
      }, now());
    }
  });
  ctx.deps.kick();
  return replyHtml(ctx, t('report_doc.queued', { year, rows: data.rows.length }));
});
