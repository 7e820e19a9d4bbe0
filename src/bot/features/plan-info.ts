import { Composer } from 'telegraf';
import { PLAN } from '../../domain/plan-data.js';
import { listSections, taskCodes } from '../../db/queries/plan.js';
import { renderPlan } from '../../render/plan.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { replyHtml } from '../reply.js';

export const planInfo = new Composer<BotContext>();

planInfo.command([...COMMANDS.plan], (ctx) => {
  const [y, m, d] = PLAN.identity.issuedOn.split('-');
  const html = renderPlan(PLAN, listSections(ctx.db), taskCodes(ctx.db).length, `${d}/${m}/${y}`, ctx.t);
  return replyHtml(ctx, html);
});
