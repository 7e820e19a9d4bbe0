// The coordinator's tools: digest now, the digest chat, proposals, reassigning leads.
import { Composer, Markup } from 'telegraf';
import { clip } from '../../../text/clip.js';
import { askConfirmation } from '../../../core/confirm.js';
import { planAssignment } from '../../../core/assign.js';
import { findTask, reportableAgencies } from '../../../core/reporting.js';
import { upsertChat } from '../../../db/queries/chats.js';
import { loadCatalog } from '../../../db/queries/plan.js';
import { approvedAgencies } from '../../../db/queries/officers.js';
import { describeCron } from '../../../text/cron.js';
import { applyOnce } from '../../../db/queries/updates.js';
import { chats, proposals } from '../../../db/schema.js';
import { matchAgency } from '../../../domain/agency-match.js';
import { indexAgencies, isActive } from '../../../domain/agencies.js';
import { normalizeNote } from '../../../domain/status.js';
import { notifyCoordinators } from '../../../jobs/deps.js';
import { sendDigest } from '../../../jobs/digest.js';
import { yearAt } from '../../../text/dates.js';
import { esc } from '../../../conversation/rich.js';
import { cleanName, isRealName } from '../../../text/clean.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyRich } from '../reply.js';
import { chatAgencyOf, displayName, isFaceless } from '../reporting-helpers.js';
import { confirmKeyboard } from './confirm.js';

export const coordination = new Composer<BotContext>();

coordination.command([...COMMANDS.digest], async (ctx) => {
  if (!ctx.isCoordinator) return replyRich(ctx, ctx.t('register.coordinators_only'));
  const thread = (ctx.message as { message_thread_id?: number }).message_thread_id ?? null;
  // Once per Telegram update: a crash after queuing it must not send the digest again on replay.
  const r = applyOnce(ctx.db, ctx.update.update_id, () => sendDigest(ctx.deps, { trigger: 'manual', chat: { id: ctx.chat.id, threadId: thread } }), ctx.deps.now());
  return replyRich(ctx, ctx.t(!r.applied || r.value.kind === 'sent' ? 'digest.queued' : 'digest.no_chat'));
});

coordination.command([...COMMANDS.setdigest], async (ctx) => {
  if (!ctx.isCoordinator) return replyRich(ctx, ctx.t('register.coordinators_only'));
  const now = ctx.deps.now();
  const thread = (ctx.message as { message_thread_id?: number }).message_thread_id ?? null;
  ctx.db.transaction(() => {
    ctx.db.update(chats).set({ isDigest: false }).run();
    upsertChat(ctx.db, ctx.chat as { id: number; type: string; title?: string }, now, { isDigest: true, threadId: thread, active: true });
  });
  return replyRich(ctx, ctx.t('digest.chat_set', { when: esc(describeCron(ctx.deps.config.digestCron, ctx.t)) }));
});

coordination.command([...COMMANDS.propose], async (ctx) => {
  if (isFaceless(ctx)) return replyRich(ctx, ctx.t('report.faceless'));
  const args = commandArgs(ctx);
  const [code = ''] = args.split(/\s+/);
  const text = normalizeNote(args.slice(code.length));
  if (!code || !text) return replyRich(ctx, ctx.t('propose.usage'));
  const catalog = loadCatalog(ctx.db);
  const found = findTask(catalog, code);
  if (!('task' in found)) return replyRich(ctx, ctx.t('report.unknown_task', { code: esc(clip(code, 40)), near: found.near.join(', ') }));
  const index = indexAgencies(catalog.agencies);
  const allowed = reportableAgencies(ctx.db, catalog, index, { userId: ctx.from.id, isCoordinator: ctx.isCoordinator }, found.task, chatAgencyOf(ctx));
  if (!allowed.length) {
    const mine = approvedAgencies(ctx.db, ctx.from.id);
    if (!mine.length) return replyRich(ctx, ctx.t('propose.not_registered'));
    return replyRich(ctx, ctx.t('propose.not_your_task', { code: found.task.code, agencies: mine.map((c) => esc(index.get(c)?.short ?? c)).join(', ') }));
  }
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
      code: found.task.code, agency: esc(agency), who: esc(displayName(ctx.from)), text: esc(text),
    }), 'proposal');
  }
  return replyRich(ctx, ctx.t('propose.saved', { code: found.task.code }));
});

// /giaoviec <mã> [-]<cơ quan>: who leads a task after the reorganisation. The plan's rows stay as
// signed; the change is asked first, cannot leave a task without a lead, and refuses a body that
// no longer exists (naming the one that took it over instead).
coordination.command([...COMMANDS.assign], async (ctx) => {
  if (!ctx.isCoordinator) return replyRich(ctx, ctx.t('register.coordinators_only'));
  const m = /^(\S+)\s+(-)?\s*(.+)$/.exec(commandArgs(ctx));
  if (!m) return replyRich(ctx, ctx.t('assign.usage'));
  const catalog = loadCatalog(ctx.db);
  const found = findTask(catalog, m[1]!);
  if (!('task' in found)) return replyRich(ctx, ctx.t('report.unknown_task', { code: esc(clip(m[1]!, 40)), near: found.near.join(', ') }));
  const match = matchAgency(m[3]!, catalog.agencies);
  if (match.kind !== 'one') return replyRich(ctx, ctx.t('agency.not_found', { query: esc(clip(m[3]!, 100)) }));
  return askAssign(ctx, found.task.code, match.agency.code, !!m[2]);
});

// ga:<+|->:<task>:<agency> — the successor offered in place of a body that no longer exists.
coordination.action(/^ga:([+-]):([IVX]{1,3}(?:\.\d{1,2}){1,2}):([A-Z_]{1,20})$/, async (ctx) => {
  if (!ctx.isCoordinator) return ctx.answerCbQuery(ctx.t('register.coordinators_only'), { show_alert: true });
  await ctx.answerCbQuery();
  return askAssign(ctx, ctx.match[2]!, ctx.match[3]!, ctx.match[1] === '-');
});

async function askAssign(ctx: BotContext, taskCode: string, agencyCode: string, remove: boolean) {
  const o = planAssignment(ctx.db, { taskCode, agencyCode, remove, actorId: ctx.from!.id, chatId: ctx.chat!.id, updateId: ctx.update.update_id, now: ctx.deps.now() });
  const t = ctx.t;
  const catalog = loadCatalog(ctx.db);
  const index = indexAgencies(catalog.agencies);
  const name = (c: string) => esc(index.get(c)?.name ?? c);
  const leads = (codes: readonly string[]) => codes.map((c) => esc(index.get(c)?.short ?? c)).join(', ') || '—';
  switch (o.kind) {
    case 'unknown':
      return replyRich(ctx, t('assign.usage'));
    case 'unchanged':
      return replyRich(ctx, t('assign.unchanged', { code: taskCode, leads: leads(o.leads) }));
    case 'last_lead':
      return replyRich(ctx, t('assign.last_lead', { code: taskCode, agency: name(agencyCode) }));
    case 'gone':
      return replyRich(ctx, t('assign.gone', { agency: name(agencyCode), successors: o.successors.map(name).join(', ') || '—' }), {
        keyboard: o.successors.length
          ? Markup.inlineKeyboard(o.successors.map((c) => [Markup.button.callback(t('assign.use_successor', { agency: index.get(c)?.short ?? c }), `ga:+:${taskCode}:${c}`)])).reply_markup
          : undefined,
      });
    case 'confirm':
      return replyRich(ctx, t(remove ? 'assign.confirm_remove' : 'assign.confirm_add', {
        code: taskCode, agency: name(agencyCode), before: leads(o.before), after: leads(o.after),
        replaced: o.replaces.length ? t('assign.replaces', { agencies: o.replaces.map(name).join(', ') }) : '',
      }), { keyboard: confirmKeyboard(ctx, o.confirmationId) });
  }
}

// /suacoquan <cơ quan> = <tên đầy đủ> [; <tên ngắn>] — today's names are data the coordinator
// corrects; the names the plan was signed with are not, and the answer says which to edit instead.
coordination.command([...COMMANDS.editagency], async (ctx) => {
  if (!ctx.isCoordinator) return replyRich(ctx, ctx.t('register.coordinators_only'));
  const m = /^(.+?)\s*=\s*([^;]{1,200})(?:;\s*(.{1,60}))?$/s.exec(commandArgs(ctx));
  if (!m) return replyRich(ctx, ctx.t('editagency.usage'));
  const catalog = loadCatalog(ctx.db);
  const match = matchAgency(m[1]!, catalog.agencies);
  if (match.kind !== 'one') return replyRich(ctx, ctx.t('agency.not_found', { query: esc(clip(m[1]!, 100)) }));
  const agency = match.agency;
  const index = indexAgencies(catalog.agencies);
  if (!isActive(agency)) {
    const heirs = agency.successors.map((c) => index.get(c)).filter((a) => a && isActive(a)).map((a) => esc(a!.short));
    return replyRich(ctx, ctx.t('editagency.plan_wording', { agency: esc(agency.name), successors: heirs.join(', ') || '—' }));
  }
  const name = cleanName(m[2]!);
  const short = m[3] ? cleanName(m[3]) : null;
  if (!isRealName(name) || (short !== null && !isRealName(short))) return replyRich(ctx, ctx.t('editagency.empty_name'));
  const id = askConfirmation(ctx.db, { kind: 'rename', agencyCode: agency.code, name, short, fromName: agency.name },
    { actorId: ctx.from.id, chatId: ctx.chat.id, updateId: ctx.update.update_id }, ctx.deps.now());
  return replyRich(ctx, ctx.t('editagency.confirm', { old: esc(agency.name), name: esc(name), short: esc(short ?? agency.short) }), {
    keyboard: confirmKeyboard(ctx, id),
  });
});
