// Editing the message that carried an update records a revision; both versions are kept. Only
// Telegram has edits, so this stays in its channel; the rules (reading the text, revising, the
// echo with its withdraw choice) are the core's and the reporting use cases'.
import { Composer } from 'telegraf';
import { reviseFromEdit, splitTaskCode } from '../../../core/progress-reports.js';
import { loadCatalog } from '../../../db/queries/plan.js';
import { attachmentsCount, reportByMessage } from '../../../db/queries/progress-reports.js';
import { parseReportText } from '../../../domain/status.js';
import type { BotContext } from '../context.js';
import { replyRich } from '../reply.js';
import { actorOf, conversationOf } from '../core.js';
import { parseCommand, textOf } from '../reporting-helpers.js';
import { keyboardOf } from '../serialize.js';
import { savedEcho } from '../../../usecases/progress-reports.js';
import { COMMANDS } from '../commands.js';
import { approvedAgencies } from '../../../db/queries/officers.js';
import { esc } from '../../../conversation/rich.js';
import { clip } from '../../../text/clip.js';

export const edits = new Composer<BotContext>();

edits.on('edited_message', async (ctx) => {
  const msg = ctx.editedMessage;
  const text = textOf(msg);
  if (!text || !ctx.from) return;
  // The same person and chat ids a report was saved under (core.ts), whatever Telegram calls them.
  const actor = actorOf(ctx);
  const chatId = conversationOf(ctx).id;
  // The edited text is read the way it was first read: a command, or a reply's note.
  const cmd = parseCommand(text, ctx.botInfo.username);
  let body = text;
  const original = reportByMessage(ctx.db, chatId, msg.message_id);
  const mine = original?.userId === actor.id;
  if (cmd) {
    if (!(COMMANDS.update as readonly string[]).includes(cmd.command)) return;
    const code = splitTaskCode(loadCatalog(ctx.db), cmd.args);
    // Nothing was saved from this message (refused, or saved through a question's button): an
    // edit here records nothing, and the officer is told rather than left believing it did.
    if (!original) {
      // Only someone who could report hears it; a stranger's edits change nothing and get no answer.
      if (actor.isCoordinator || approvedAgencies(ctx.db, actor.id).length) return replyRich(ctx, ctx.t('edit.not_linked'));
      return;
    }
    // A revision stays on its task: moving a report to another task by editing — or to a code that
    // names no task, or to none — would rewrite what was reported on the first one. Say so; the
    // officer withdraws and reports again.
    if (mine && code.task?.code !== original.taskCode) {
      return replyRich(ctx, ctx.t('edit.other_task', { from: original.taskCode, to: esc(clip(code.typed || '—', 40)) }));
    }
    body = code.rest;
  }
  const parsed = parseReportText(body, undefined, cmd ? 'command' : 'free');
  if (!parsed.ok) return replyRich(ctx, ctx.t(`report.${parsed.error}`));
  // An edit cannot wait for a button: when the new text is unclear, nothing changes and we say why.
  if (parsed.question) {
    if (mine && !original!.withdrawnAt) return replyRich(ctx, ctx.t('report.edit_unclear'));
    return;
  }
  const outcome = reviseFromEdit(ctx.db, {
    chatId,
    messageId: msg.message_id,
    userId: actor.id,
    isCoordinator: actor.isCoordinator,
    eventId: ctx.update.update_id,
    report: parsed.report,
    now: ctx.deps.now(),
  });
  switch (outcome.kind) {
    case 'not_an_update':
    case 'unchanged':
      return;
    case 'withdrawn':
      return replyRich(ctx, ctx.t('edit.withdrawn'));
    case 'not_allowed':
      return replyRich(ctx, ctx.t('edit.not_allowed'));
    case 'empty_note':
      return replyRich(ctx, ctx.t('edit.empty_note'));
    case 'revised': {
      const echo = savedEcho(ctx.t, outcome, actor.name, attachmentsCount(ctx.db, outcome.update.id), ctx.deps.config.timeZone, true);
      return replyRich(ctx, echo.text, { keyboard: keyboardOf(echo.choices) });
    }
  }
});
