import { Composer } from 'telegraf';
import { undoLast } from '../../core/reporting.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../reply.js';
import { isFaceless } from '../reporting-helpers.js';

export const undo = new Composer<BotContext>();

undo.command([...COMMANDS.undo], async (ctx) => {
  if (isFaceless(ctx)) return replyHtml(ctx, ctx.t('report.faceless'));
  const o = undoLast(ctx.db, ctx.from.id, ctx.update.update_id, ctx.deps.now());
  if (o.kind === 'nothing') return replyHtml(ctx, ctx.t('undo.nothing'));
  if (o.kind === 'too_old') return replyHtml(ctx, ctx.t('undo.too_old', { code: o.update.taskCode }));
  return replyHtml(ctx, ctx.t('undo.done', { code: o.update.taskCode }));
});
