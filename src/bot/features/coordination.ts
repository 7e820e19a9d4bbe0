// The coordinator's tools: digest now, the digest chat, proposals, reassigning leads.
import { Composer } from 'telegraf';
import { findTask, reportableAgencies } from '../../core/reporting.js';
import { upsertChat } from '../../db/queries/chats.js';
import { addLead, endLead, loadCatalog, renameAgency } from '../../db/queries/plan.js';
import { applyOnce } from '../../db/queries/updates.js';
import { chats, proposals } from '../../db/schema.js';
import { matchAgency } from '../../domain/agency-match.js';
import { indexAgencies } from '../../domain/agencies.js';
import { normalizeNote } from '../../domain/status.js';
import { notifyCoordinators } from '../../jobs/deps.js';
import { sendDigest } from '../../jobs/digest.js';
import { yearAt } from '../../text/dates.js';
import { escapeHtml } from '../../text/html.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyHtml } from '../reply.js';
import { chatAgencyOf, displayName, isFaceless } from '../reporting-helpers.js';

export const coordination = new Composer<BotContext>();

coordination.command([...COMMANDS.digest], async (ctx) => {
  if (!ctx.isCoordinator) return replyHtml(ctx, ctx.t('register.coordinators_only'));
  const thread = (ctx.message as { message_thread_id?: number }).message_thread_id ?? null;
  const o = sendDigest(ctx.deps, { trigger: 'manual', chat: { id: ctx.chat.id, threadId: thread } });
  return replyHtml(ctx, ctx.t(o.kind === 'sent' ? 'digest.queued' : 'digest.no_chat'));
});

coordination.command([...COMMANDS.setdigest], async (ctx) => {
  if (!ctx.isCoordinator) return replyHtml(ctx, ctx.t('register.coordinators_only'));
  const now = ctx.deps.now();
  const thread = (ctx.message as { message_thread_id?: number }).message_thread_id ?? null;
  ctx.db.transaction(() => {
    ctx.db.update(chats).set({ isDigest: false }).run();
    upsertChat(ctx.db, ctx.chat as { id: number; type: string; title?: string }, now, { isDigest: true, threadId: thread, active: true });
  });
  return replyHtml(ctx, ctx.t('digest.chat_set', { cron: escapeHtml(ctx.deps.config.digestCron) }));
});

coordination.command([...COMMANDS.propose], async (ctx) => {
  if (isFaceless(ctx)) return replyHtml(ctx, ctx.t('report.faceless'));
  const args = commandArgs(ctx);
  const [code = ''] = args.split(/\s+/);
  const text = normalizeNote(args.slice(code.length));
  if (!code || !text) return replyHtml(ctx, ctx.t('propose.usage'));
  const catalog = loadCatalog(ctx.db);
  const found = findTask(catalog, code);
  if (!('task' in found)) return replyHtml(ctx, ctx.t('report.unknown_task', { code: escapeHtml(code.slice(0, 40)), near: found.near.join(', ') }));
  const index = indexAgencies(catalog.agencies);
  const allowed = reportableAgencies(ctx.db, catalog, index, { userId: ctx.from.id, isCoordinator: ctx.isCoordinator }, found.task, chatAgencyOf(ctx));
  if (!allowed.length) return replyHtml(ctx, ctx.t('report.not_registered'));
  const chatAgency = chatAgencyOf(ctx);
  const agencyCode = chatAgency && allowed.includes(chatAgency) ? chatAgency : allowed.length === 1 ? allowed[0]! : null;
  const now = ctx.deps.now();
  const r = applyOnce(ctx.db, ctx.update.update_id, () =>
    ctx.db.insert(proposals).values({
      taskCode: found.task.code, agencyCode, year: yearAt(now, ctx.deps.config.timeZone), userId: ctx.from.id, chatId: ctx.chat.id,
      text, telegramUpdateId: ctx.update.update_id, createdAt: now,
    }).returning().get(), now);
  if (r.applied) {
    const agency = agencyCode ? index.get(agencyCode)!.short : '—';
    const t = ctx.deps.i18n.t(ctx.deps.config.defaultLocale);
    notifyCoordinators(ctx.deps, `proposal:${r.value.id}`, t('propose.for_coordinator', {
      code: found.task.code, agency: escapeHtml(agency), who: escapeHtml(displayName(ctx.from)), text: escapeHtml(text),
    }), 'proposal');
  }
  return replyHtml(ctx, ctx.t('propose.saved', { code: found.task.code }));
});

coordination.command([...COMMANDS.assign], async (ctx) => {
  if (!ctx.isCoordinator) return replyHtml(ctx, ctx.t('register.coordinators_only'));
  const args = commandArgs(ctx);
  const m = /^(\S+)\s+(-)?\s*(.+)$/.exec(args);
  if (!m) return replyHtml(ctx, ctx.t('assign.usage'));
  const catalog = loadCatalog(ctx.db);
  const found = findTask(catalog, m[1]!);
  if (!('task' in found)) return replyHtml(ctx, ctx.t('report.unknown_task', { code: escapeHtml(m[1]!.slice(0, 40)), near: found.near.join(', ') }));
  const match = matchAgency(m[3]!, catalog.agencies);
  if (match.kind !== 'one') return replyHtml(ctx, ctx.t('agency.not_found', { query: escapeHtml(m[3]!.slice(0, 100)) }));
  const now = ctx.deps.now();
  const removing = !!m[2];
  const changed = removing ? endLead(ctx.db, found.task.code, match.agency.code, ctx.from.id, now) : addLead(ctx.db, found.task.code, match.agency.code, ctx.from.id, now);
  const after = loadCatalog(ctx.db).tasks.find((t) => t.code === found.task.code)!;
  const index = indexAgencies(catalog.agencies);
  const leads = after.lead.map((c) => escapeHtml(index.get(c)?.short ?? c)).join(', ') || '—';
  const key = !changed ? 'assign.unchanged' : removing ? 'assign.removed' : 'assign.added';
  return replyHtml(ctx, ctx.t(key, { code: found.task.code, agency: escapeHtml(match.agency.name), leads }));
});

// /suacoquan <cơ quan> = <tên đầy đủ> [; <tên ngắn>] — names in the registry are data the coordinator corrects.
coordination.command([...COMMANDS.editagency], async (ctx) => {
  if (!ctx.isCoordinator) return replyHtml(ctx, ctx.t('register.coordinators_only'));
  const m = /^(.+?)\s*=\s*([^;]{2,200})(?:;\s*(.{1,60}))?$/.exec(commandArgs(ctx));
  if (!m) return replyHtml(ctx, ctx.t('editagency.usage'));
  const catalog = loadCatalog(ctx.db);
  const match = matchAgency(m[1]!, catalog.agencies);
  if (match.kind !== 'one') return replyHtml(ctx, ctx.t('agency.not_found', { query: escapeHtml(m[1]!.slice(0, 100)) }));
  const name = normalizeNote(m[2]!).replace(/\s+/g, ' ');
  const short = m[3] ? normalizeNote(m[3]).replace(/\s+/g, ' ') : undefined;
  renameAgency(ctx.db, match.agency.code, name, short, ctx.from.id, ctx.deps.now());
  return replyHtml(ctx, ctx.t('editagency.done', { old: escapeHtml(match.agency.name), name: escapeHtml(name), short: escapeHtml(short ?? match.agency.short) }));
});
