import { Composer } from 'telegraf';
import { deadlinesOfYear } from '../../../core/deadlines.js';
import { approvedAgencies } from '../../../db/queries/officers.js';
import { loadCatalog } from '../../../db/queries/plan.js';
import { latestLines } from '../../../db/queries/updates.js';
import { userNames } from '../../../db/queries/users.js';
import { indexAgencies, tasksOfAgency } from '../../../domain/agencies.js';
import { renderMyTasks } from '../../../render/reporting.js';
import type { Status } from '../../../domain/status.js';
import { dayAt, isoToVn, yearAt } from '../../../text/dates.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { replyRich } from '../reply.js';
import { chatAgencyOf } from '../reporting-helpers.js';

export const myTasks = new Composer<BotContext>();

myTasks.command([...COMMANDS.mytasks], async (ctx) => {
  const chatAgency = chatAgencyOf(ctx);
  const mine = approvedAgencies(ctx.db, ctx.from.id);
  const agencies = chatAgency && (mine.includes(chatAgency) || ctx.isCoordinator) ? [chatAgency] : mine;
  if (!agencies.length) return replyRich(ctx, ctx.t(ctx.isCoordinator ? 'mytasks.coordinator' : 'report.not_registered'));
  const catalog = loadCatalog(ctx.db);
  const index = indexAgencies(catalog.agencies);
  const year = yearAt(ctx.deps.now(), ctx.deps.config.timeZone);
  const lines = latestLines(ctx.db, year, { agencyCodes: agencies }, {});
  const nameOf = userNames(ctx.db);
  const deadlines = deadlinesOfYear(ctx.db, year);
  const today = dayAt(ctx.deps.now(), ctx.deps.config.timeZone);
  const due = (code: string, status: Status | null) => ({ date: isoToVn(deadlines.dueOf(code).date), overdue: deadlines.overdue(code, status, today) });
  const parts = agencies.map((code) =>
    renderMyTasks(index.get(code)!, tasksOfAgency(code, catalog.tasks, index, new Set(lines.filter((l) => l.agencyCode === code).map((l) => l.taskCode))), lines, year, ctx.deps.config.timeZone, ctx.t, nameOf, due),
  );
  return replyRich(ctx, parts.join('\n\n'));
});
