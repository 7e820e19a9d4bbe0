// Becoming a focal officer: request with /register, decided by a coordinator's button.
import { Composer, Markup } from 'telegraf';
import { decideRegistration, requestRegistration, type RegisterOutcome } from '../../core/officers.js';
import { listOfficers } from '../../db/queries/officers.js';
import { listAgencies } from '../../db/queries/plan.js';
import { getUser } from '../../db/queries/users.js';
import { enqueue } from '../../delivery/outbox.js';
import { matchAgency } from '../../domain/agency-match.js';
import { isLocale } from '../../i18n.js';
import { escapeHtml } from '../../text/html.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyHtml } from '../reply.js';
import { displayName, isFaceless } from '../reporting-helpers.js';

export const register = new Composer<BotContext>();

register.command([...COMMANDS.register], async (ctx) => {
  if (isFaceless(ctx)) return replyHtml(ctx, ctx.t('report.faceless'));
  const query = commandArgs(ctx);
  if (!query) return replyHtml(ctx, ctx.t('register.usage'));
  if (query.length > 200) return replyHtml(ctx, ctx.t('tasks.filter_too_long'));
  return onRequest(ctx, requestRegistration(ctx.db, baseInput(ctx, query)));
});

register.action(/^rg:([A-Z_]{1,20})$/, async (ctx) => {
  await ctx.answerCbQuery();
  return onRequest(ctx, requestRegistration(ctx.db, { ...baseInput(ctx, ''), agencyCode: ctx.match[1]! }));
});

// of:<a|r|v>:<officer id> — approve, reject, revoke. Coordinators only, checked on every press.
register.action(/^of:([arv]):(\d{1,12})$/, async (ctx) => {
  if (!ctx.isCoordinator) return ctx.answerCbQuery(ctx.t('register.coordinators_only'), { show_alert: true });
  const decision = ({ a: 'approved', r: 'rejected', v: 'revoked' } as const)[ctx.match[1] as 'a' | 'r' | 'v'];
  const outcome = decideRegistration(ctx.db, {
    officerId: Number(ctx.match[2]),
    decision,
    by: ctx.from.id,
    telegramUpdateId: ctx.update.update_id,
    now: ctx.deps.now(),
  });
  if (outcome.kind === 'stale') return ctx.answerCbQuery(ctx.t('register.stale'), { show_alert: true });
  await ctx.answerCbQuery(ctx.t(`register.done.${decision}`));
  const user = getUser(ctx.db, outcome.officer.userId);
  const name = escapeHtml(user ? [user.firstName, user.lastName].filter(Boolean).join(' ') : String(outcome.officer.userId));
  await replyHtml(ctx, ctx.t(`register.decided.${decision}`, { name, agency: escapeHtml(outcome.agency.name) }), { quote: false });
  // Tell the officer: privately if they opened a chat with the bot, otherwise where they asked.
  const target = user?.privateChatOpen ? user.id : outcome.officer.requestChatId;
  if (!target) return;
  const t = ctx.deps.i18n.t(isLocale(user?.locale) ? user.locale : ctx.deps.config.defaultLocale);
  enqueue(ctx.db, {
    dedupeKey: `decision:${outcome.officer.id}:${decision}:${outcome.officer.decidedAt}`, chatId: target, kind: 'decision',
    payload: { text: t(`register.notify.${decision}`, { agency: escapeHtml(outcome.agency.name), name }), parse_mode: 'HTML' },
  }, ctx.deps.now());
  ctx.deps.kick();
});

register.command([...COMMANDS.officers], async (ctx) => {
  if (!ctx.isCoordinator) return replyHtml(ctx, ctx.t('register.coordinators_only'));
  const query = commandArgs(ctx);
  const agencies = listAgencies(ctx.db);
  let codes: string[] | undefined;
  if (query) {
    const m = matchAgency(query, agencies);
    if (m.kind !== 'one') return replyHtml(ctx, ctx.t('agency.not_found', { query: escapeHtml(query.slice(0, 100)) }));
    codes = [m.agency.code];
  }
  const rows = listOfficers(ctx.db, codes);
  if (!rows.length) return replyHtml(ctx, ctx.t('officers.none'));
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  const lines = [`<b>${ctx.t('officers.title', { count: rows.length })}</b>`];
  let current = '';
  for (const r of rows) {
    if (r.agencyCode !== current) {
      current = r.agencyCode;
      lines.push('', `<b>${escapeHtml(byCode.get(current)?.name ?? current)}</b>`);
    }
    const handle = r.username ? ` @${escapeHtml(r.username)}` : '';
    lines.push(`• ${escapeHtml([r.firstName, r.lastName].filter(Boolean).join(' '))}${handle} — ${ctx.t(`officers.status.${r.status}`)}`);
  }
  const buttons = rows.slice(0, 30).map((r) =>
    r.status === 'approved'
      ? [Markup.button.callback(ctx.t('officers.revoke', { name: r.firstName }), `of:v:${r.id}`)]
      : [Markup.button.callback(`✅ ${r.firstName}`, `of:a:${r.id}`), Markup.button.callback(`✖️ ${r.firstName}`, `of:r:${r.id}`)],
  );
  return replyHtml(ctx, lines.join('\n'), { keyboard: Markup.inlineKeyboard(buttons).reply_markup });
});

function baseInput(ctx: BotContext, query: string) {
  return { userId: ctx.from!.id, query, chatId: ctx.chat!.id, telegramUpdateId: ctx.update.update_id, now: ctx.deps.now() };
}

async function onRequest(ctx: BotContext, o: RegisterOutcome) {
  const t = ctx.t;
  switch (o.kind) {
    case 'not_found':
      return replyHtml(ctx, t('register.not_found'));
    case 'group':
      return replyHtml(ctx, t('register.group', { agency: escapeHtml(o.agency.name) }));
    case 'choose':
      return replyHtml(ctx, t('register.choose'), {
        keyboard: Markup.inlineKeyboard(o.candidates.slice(0, 10).map((a) => [Markup.button.callback(a.short, `rg:${a.code}`)])).reply_markup,
      });
    case 'already':
      return replyHtml(ctx, t(`register.already.${o.status}`, { agency: escapeHtml(o.agency.name) }));
    case 'requested': {
      const mapped = o.mappedFrom ? t('register.mapped', { from: escapeHtml(o.mappedFrom.name), to: escapeHtml(o.agency.name) }) + '\n' : '';
      await replyHtml(ctx, mapped + t('register.requested', { agency: escapeHtml(o.agency.name) }));
      return notifyCoordinators(ctx, o.officerId, o.agency.name);
    }
  }
}

async function notifyCoordinators(ctx: BotContext, officerId: number, agencyName: string) {
  const from = ctx.from!;
  const who = `${escapeHtml(displayName(from))}${from.username ? ` (@${escapeHtml(from.username)})` : ''} [id ${from.id}]`;
  for (const coordinatorId of ctx.deps.config.coordinatorIds) {
    const stored = getUser(ctx.db, coordinatorId)?.locale;
    const t = ctx.deps.i18n.t(isLocale(stored) ? stored : ctx.deps.config.defaultLocale);
    const keyboard = Markup.inlineKeyboard([
      [Markup.button.callback(t('register.approve'), `of:a:${officerId}`), Markup.button.callback(t('register.reject'), `of:r:${officerId}`)],
    ]).reply_markup;
    enqueue(ctx.db, {
      dedupeKey: `approval:${officerId}:${coordinatorId}`, chatId: coordinatorId, kind: 'approval',
      payload: { text: t('register.request_for_coordinator', { who, agency: escapeHtml(agencyName) }), parse_mode: 'HTML', reply_markup: keyboard },
    }, ctx.deps.now());
  }
  ctx.deps.kick();
}
