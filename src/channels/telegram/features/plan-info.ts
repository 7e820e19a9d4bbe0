import { Composer } from 'telegraf';
import { PLAN } from '../../../domain/plan-data.js';
import { listSections, taskCodes } from '../../../db/queries/plan.js';
import { targetStandings } from '../../../db/queries/targets.js';
import { renderPlan } from '../../../render/plan.js';
import { renderTargetLines } from '../../../render/targets.js';
import { yearAt } from '../../../text/dates.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { replyRich } from '../reply.js';

export const planInfo = new Composer<BotContext>();

planInfo.command([...COMMANDS.plan], (ctx) => {
  const [y, m, d] = PLAN.identity.issuedOn.split('-');
  const year = yearAt(ctx.deps.now(), ctx.deps.config.timeZone);
  const figures = renderTargetLines(targetStandings(ctx.db, year), ctx.t);
  const html = renderPlan(PLAN, listSections(ctx.db), taskCodes(ctx.db).length, `${d}/${m}/${y}`, ctx.t, figures);
  return replyRich(ctx, html);
});
