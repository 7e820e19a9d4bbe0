// Withdrawing a report: the echo's "↩️ Rút lại" button withdraws exactly that report; /undo
// first shows which report it would withdraw and waits for a press. Never two withdrawals from
// one tap or one command.
import { Composer, Markup } from 'telegraf';
import { consumePrompt, rememberUndoOffer, undoCandidate, withdrawReport } from '../../../core/reporting.js';
import { botMessage } from '../../../db/queries/updates.js';
import { loadCatalog } from '../../../db/queries/plan.js';
import type { UpdateRow } from '../../../db/queries/updates.js';
import { statusLabel } from '../../../render/reporting.js';
import { formatDateTime } from '../../../text/dates.js';
import { esc } from '../../../conversation/rich.js';
import { clip } from '../../../text/clip.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { replyRich } from '../reply.js';
import { isFaceless } from '../reporting-helpers.js';

export const undo = new Composer<BotContext>();

undo.command([...COMMANDS.undo], async (ctx) => {
  if (isFaceless(ctx)) return replyRich(ctx, ctx.t('report.faceless'));
  const o = undoCandidate(ctx.db, ctx.from.id, ctx.deps.now());
  if (o.kind === 'nothing') return replyRich(ctx, ctx.t(o.pending ? 'undo.nothing_more' : 'undo.nothing'));
  if (o.kind === 'too_old') return replyRich(ctx, ctx.t('undo.too_old', { code: o.update.taskCode }));
  const keyboard = Markup.inlineKeyboard([
    [Markup.button.callback(ctx.t('undo.confirm_button'), `un:${o.update.id}`), Markup.button.callback(ctx.t('undo.keep_button'), 'un:x')],
  ]).reply_markup;
  const sent = await replyRich(ctx, `${ctx.t('undo.confirm')}\n${describe(ctx, o.update)}`, { keyboard });
  if (sent) rememberUndoOffer(ctx.db, { chatId: sent.chat.id, messageId: sent.message_id, update: o.update, userId: ctx.from.id, now: ctx.deps.now() });
});

// un:<id> — withdraw exactly this report (from the echo, or from an /undo offer).
undo.action(/^un:(\d{1,12})$/, async (ctx) => {
  const msg = ctx.callbackQuery.message;
  const id = Number(ctx.match[1]);
  const offer = msg ? botMessage(ctx.db, msg.chat.id, msg.message_id) : undefined;
  // 'undo' rows are written by rememberUndoOffer (core/reporting.ts); schema.ts does not list the kind.
  const fromOffer = (offer?.kind as string | undefined) === 'undo' && offer?.note === String(id);
  const o = withdrawReport(ctx.db, {
    userId: ctx.from.id,
    isCoordinator: ctx.isCoordinator,
    updateId: id,
    telegramUpdateId: ctx.update.update_id,
    now: ctx.deps.now(),
    offer: fromOffer && msg ? { chatId: msg.chat.id, messageId: msg.message_id } : undefined,
  });
  switch (o.kind) {
    case 'missing':
      return ctx.answerCbQuery(ctx.t('report.invalid_button'), { show_alert: true });
    case 'not_yours':
      return ctx.answerCbQuery(ctx.t('undo.not_yours'), { show_alert: true });
    case 'not_allowed':
      return ctx.answerCbQuery(ctx.t('undo.not_allowed'), { show_alert: true });
    case 'already':
      return ctx.answerCbQuery(ctx.t('undo.already', { code: o.update.taskCode }), { show_alert: true });
    case 'too_old':
      return ctx.answerCbQuery(ctx.t('undo.too_old_one', { code: o.update.taskCode }), { show_alert: true });
    case 'withdrawn':
      await ctx.answerCbQuery();
      return replyRich(ctx, `${ctx.t('undo.done', { code: o.update.taskCode })}\n${describe(ctx, o.update)}`);
  }
});

// un:x — keep the report /undo offered; the offer is used up.
undo.action(/^un:x$/, async (ctx) => {
  const msg = ctx.callbackQuery.message;
  const offer = msg ? botMessage(ctx.db, msg.chat.id, msg.message_id) : undefined;
  if (!offer || offer.forUserId !== ctx.from.id) return ctx.answerCbQuery(ctx.t('undo.not_yours'), { show_alert: true });
  if (!consumePrompt(ctx.db, offer.chatId, offer.messageId, 'undo')) return ctx.answerCbQuery(ctx.t('report.already_answered'), { show_alert: true });
  await ctx.answerCbQuery();
  return replyRich(ctx, ctx.t('undo.kept', { code: offer.taskCode }));
});

/** "**II.3** · Sở Y tế · 🔄 Đang thực hiện (40%) · 14:05 12/03/2026" and the note's start. */
function describe(ctx: BotContext, u: UpdateRow): string {
  const agency = loadCatalog(ctx.db).agencies.find((a) => a.code === u.agencyCode)?.short ?? u.agencyCode;
  const note = (u.note ?? '').replace(/\s+/g, ' ');
  const head = [`**${u.taskCode}**`, esc(agency), u.status ? statusLabel(u.status, u.percent, ctx.t) : ctx.t('history.note'), formatDateTime(u.createdAt, ctx.deps.config.timeZone)];
  return `${head.join(' · ')}\n«${esc(clip(note, 120))}»`;
}
