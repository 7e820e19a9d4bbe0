// The answer to "are you sure?": cf:<id>:<y|n>. What the question was about is in the database
// (core/confirm.ts); here it is decided for its author, carried out, and the people it concerns told.
import { Composer, Markup } from 'telegraf';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import { carryOut, type ActionResult } from '../../../core/actions.js';
import { decideConfirmation, type PendingAction } from '../../../core/confirm.js';
import { listAgencies, loadCatalog } from '../../../db/queries/plan.js';
import { agencyRecipients, notifyCoordinators } from '../../../jobs/deps.js';
import { say } from '../../../delivery/say.js';
import type { Rich } from '../../../conversation/rich.js';
import { richToHtml } from '../serialize.js';
import { shortTitle } from '../../../render/plan.js';
import { esc } from '../../../conversation/rich.js';
import type { BotContext } from '../context.js';
import { replyRich } from '../reply.js';
import { displayName } from '../reporting-helpers.js';
import { bindingLabel } from './link-group.js';
import { tellOfficer } from './register.js';

export const confirm = new Composer<BotContext>();

/** The two buttons under a question; only the row id travels in the callback data. */
export function confirmKeyboard(ctx: BotContext, id: number, yesKey = 'confirm.yes'): InlineKeyboardMarkup {
  return Markup.inlineKeyboard([[Markup.button.callback(ctx.t(yesKey), `cf:${id}:y`), Markup.button.callback(ctx.t('confirm.no'), `cf:${id}:n`)]]).reply_markup;
}

confirm.action(/^cf:(\d{1,12}):([yn])$/, async (ctx) => {
  const now = ctx.deps.now();
  const decided = decideConfirmation(ctx.db, { id: Number(ctx.match[1]), actorId: ctx.from.id, yes: ctx.match[2] === 'y', now }, (a) =>
    carryOut(ctx.db, a, { userId: ctx.from.id, isCoordinator: ctx.isCoordinator }, now),
  );
  switch (decided.kind) {
    case 'unknown':
    case 'not_yours':
    case 'expired':
      return ctx.answerCbQuery(ctx.t(`confirm.${decided.kind}`), { show_alert: true });
    case 'already':
      return ctx.answerCbQuery(ctx.t(`confirm.already_${decided.decision}`), { show_alert: true });
    case 'cancelled':
      await ctx.answerCbQuery();
      return show(ctx, ctx.t('confirm.cancelled'));
    case 'done':
      await ctx.answerCbQuery();
      return after(ctx, decided.action, decided.value);
  }
});

/** Replaces the question with what happened, so the buttons cannot be pressed again. */
async function show(ctx: BotContext, text: Rich) {
  try {
    await ctx.editMessageText(richToHtml(text), { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
  } catch {
    await replyRich(ctx, text, { quote: false });
  }
}

async function after(ctx: BotContext, action: PendingAction, result: ActionResult) {
  if (result.kind === 'refused') {
    if (result.why === 'last_lead' && action.kind === 'assign') {
      return show(ctx, ctx.t('assign.last_lead', { code: action.taskCode, agency: esc(listAgencies(ctx.db).find((a) => a.code === action.agencyCode)?.name ?? action.agencyCode) }));
    }
    return show(ctx, ctx.t(`confirm.refused_${result.why}`));
  }
  const who = esc(displayName(ctx.from!));
  const agencies = listAgencies(ctx.db);
  const byCode = (code: string) => agencies.find((a) => a.code === code);
  if (action.kind === 'relink') {
    const to = bindingLabel(ctx.t, { agency: action.agencyCode ? byCode(action.agencyCode) : undefined, coordination: action.coordination });
    await show(ctx, ctx.t('link.changed', { to, who }));
    const t = ctx.deps.i18n.t(ctx.deps.config.defaultLocale);
    const toDefault = bindingLabel(t, { agency: action.agencyCode ? byCode(action.agencyCode) : undefined, coordination: action.coordination });
    notifyCoordinators(ctx.deps, `relink:${ctx.update.update_id}`, t('link.changed_for_coordinator', {
      title: esc(action.chat.title ?? String(action.chat.id)), to: toDefault, who,
    }), 'relink');
    return;
  }
  if (action.kind === 'revoke' && result.kind === 'revoke') {
    if (!result.changed || !result.officer) return show(ctx, ctx.t('register.stale'));
    const agency = byCode(result.officer.agencyCode)!;
    const name = await tellOfficer(ctx, result.officer, 'revoked', agency.name);
    return show(ctx, ctx.t('register.decided.revoked', { name, agency: esc(agency.name) }));
  }
  if (action.kind === 'rename') {
    return show(ctx, ctx.t('editagency.done', { name: esc(action.name), short: esc(byCode(action.agencyCode)!.short) }));
  }
  if (action.kind === 'assign' && result.kind === 'assign') {
    const task = loadCatalog(ctx.db).tasks.find((t) => t.code === action.taskCode)!;
    const leads = task.lead.map((c) => esc(byCode(c)?.short ?? c)).join(', ') || '—';
    const key = !result.changed ? 'assign.unchanged' : action.remove ? 'assign.removed' : 'assign.added';
    if (result.changed) tellAssigned(ctx, action, task.content, leads);
    return show(ctx, ctx.t(key, { code: task.code, agency: esc(byCode(action.agencyCode)!.name), leads }));
  }
}

/**
 * The agency given a task, or relieved of it, learns it where it reads: its linked groups, or its
 * officers privately. Once per decision (the outbox key carries the confirmation's update).
 */
function tellAssigned(ctx: BotContext, action: Extract<PendingAction, { kind: 'assign' }>, content: string, leads: string) {
  const t = ctx.deps.i18n.t(ctx.deps.config.defaultLocale);
  const text = t(action.remove ? 'assign.notice_removed' : 'assign.notice_added', {
    code: action.taskCode, title: esc(shortTitle(content, 90)), leads, who: esc(displayName(ctx.from!)),
  });
  for (const code of [action.agencyCode, ...(action.replaces ?? [])]) {
    for (const r of agencyRecipients(ctx.db, code)) {
      say(ctx.deps, { chatId: r.id, threadId: r.threadId }, { text }, { key: `assign:${ctx.update.update_id}:${code}:${r.id}`, kind: 'notice' });
    }
  }
  ctx.deps.kick();
}
