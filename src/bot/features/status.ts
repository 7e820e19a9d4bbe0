// The coordinator's view of where the plan stands; officers see their own agency.
import { Composer } from 'telegraf';
import { buildSummary } from '../../core/status.js';
import { setDeadline } from '../../db/queries/deadlines.js';
import { approvedAgencies } from '../../db/queries/officers.js';
import { loadCatalog } from '../../db/queries/plan.js';
import { userNames } from '../../db/queries/users.js';
import type { NotesFor } from '../../db/queries/updates.js';
import { matchAgency } from '../../domain/agency-match.js';
import { indexAgencies } from '../../domain/agencies.js';
import { parseSection, parseTaskCode } from '../../domain/task-code.js';
import { renderAgencyStatus, renderOverall, renderSection, renderTaskProgress, type StatusContext } from '../../render/status.js';
import { isoToVn, vnToIso, yearAt } from '../../text/dates.js';
import { escapeHtml } from '../../text/html.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyHtml } from '../reply.js';
import { chatAgencyOf } from '../reporting-helpers.js';

export const status = new Composer<BotContext>();

status.command([...COMMANDS.status], async (ctx) => {
  const { now, config } = ctx.deps;
  let args = commandArgs(ctx);
  let year = yearAt(now(), config.timeZone);
  const y = /(?:^|\s)(20\d\d)$/.exec(args);
  if (y) {
    year = Number(y[1]);
    args = args.slice(0, y.index).trim();
  }
  if (args.length > 200) return replyHtml(ctx, ctx.t('tasks.filter_too_long'));
  const catalog = loadCatalog(ctx.db);
  const index = indexAgencies(catalog.agencies);
  // Each view reads only the notes it shows.
  const summaryFor = (notes: NotesFor) => buildSummary(ctx.db, year, now(), config.timeZone, catalog, notes);
  const nameOf = userNames(ctx.db);
  const c: StatusContext = { index, sections: catalog.sections, timeZone: config.timeZone, t: ctx.t, nameOf };
  const agencyView = (code: string) => renderAgencyStatus(summaryFor({ agencyCode: code }), index.get(code)!, catalog.tasks, c);

  if (!ctx.isCoordinator) {
    const mine = approvedAgencies(ctx.db, ctx.from.id);
    const chatAgency = chatAgencyOf(ctx);
    const agencies = chatAgency && mine.includes(chatAgency) ? [chatAgency] : mine;
    if (!agencies.length) return replyHtml(ctx, ctx.t('report.not_registered'));
    return replyHtml(ctx, agencies.map(agencyView).join('\n\n'));
  }
  if (!args) {
    const chatAgency = chatAgencyOf(ctx);
    if (chatAgency) return replyHtml(ctx, agencyView(chatAgency));
    return replyHtml(ctx, renderOverall(summaryFor({}), c));
  }
  const section = parseSection(args);
  if (section) return replyHtml(ctx, renderSection(summaryFor({}), catalog.sections.find((s) => s.code === section)!, c));
  const code = parseTaskCode(args);
  if (code && catalog.tasks.some((t) => t.code === code)) return replyHtml(ctx, renderTaskProgress(summaryFor({ taskCode: code }), code, c));
  const m = matchAgency(args, catalog.agencies);
  if (m.kind === 'one') return replyHtml(ctx, agencyView(m.agency.code));
  if (m.kind === 'many') {
    return replyHtml(ctx, ctx.t('status_view.ambiguous', { query: escapeHtml(args), names: m.candidates.map((a) => escapeHtml(a.short)).join(', ') }));
  }
  return replyHtml(ctx, ctx.t('tasks.nothing_found', { query: escapeHtml(args) }));
});

status.command([...COMMANDS.deadline], async (ctx) => {
  if (!ctx.isCoordinator) return replyHtml(ctx, ctx.t('register.coordinators_only'));
  const [codeArg = '', dateArg = ''] = commandArgs(ctx).split(/\s+/);
  const catalog = loadCatalog(ctx.db);
  const code = parseTaskCode(codeArg);
  const task = catalog.tasks.find((t) => t.code === code);
  const iso = vnToIso(dateArg);
  if (!task || !iso) return replyHtml(ctx, ctx.t('deadline.usage'));
  const year = Number(iso.slice(0, 4));
  setDeadline(ctx.db, task.code, year, iso, ctx.from.id, ctx.deps.now());
  return replyHtml(ctx, ctx.t('deadline.set', { code: task.code, date: isoToVn(iso), year }));
});
