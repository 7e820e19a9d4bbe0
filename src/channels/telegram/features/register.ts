// Becoming a focal officer: request with /register, decided by a coordinator's button.
import { Composer, Markup } from 'telegraf';
import { clip } from '../../../text/clip.js';
import { decideRegistration, requestRegistration, type RegisterOutcome } from '../../../core/officers.js';
import { getOfficer, listOfficers } from '../../../db/queries/officers.js';
import { askConfirmation } from '../../../core/confirm.js';
import { listAgencies } from '../../../db/queries/plan.js';
import { getUser } from '../../../db/queries/users.js';
import { CHOICES } from '../../../conversation/choices.js';
import { say } from '../../../delivery/say.js';
import { matchAgency } from '../../../domain/agency-match.js';
import { isLocale } from '../../../i18n.js';
import { esc } from '../../../conversation/rich.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyRich } from '../reply.js';
import { displayName, isFaceless } from '../reporting-helpers.js';
import { confirmKeyboard } from './confirm.js';

export const register = new Composer<BotContext>();

register.command([...COMMANDS.register], async (ctx) => {
  if (isFaceless(ctx)) return replyRich(ctx, ctx.t('report.faceless'));
  const query = commandArgs(ctx);
  if (!query) return replyRich(ctx, ctx.t('register.usage'));
  if (query.length > 200) return replyRich(ctx, ctx.t('tasks.filter_too_long'));
  return onRequest(ctx, requestRegistration(ctx.db, baseInput(ctx, query)));
});

register.action(/^rg:([A-Z_]{1,20})$/, async (ctx) => {
  await ctx.answerCbQuery();
  return onRequest(ctx, requestRegistration(ctx.db, { ...baseInput(ctx, ''), agencyCode: ctx.match[1]! }));
});

// of:<a|r|v>:<officer id> — approve, reject, revoke. Coordinators only, checked on every press.
// Approving and rejecting a request are decided at once; revoking someone's right is asked first.
register.action(/^of:([arv]):(\d{1,12})$/, async (ctx) => {
  if (!ctx.isCoordinator) return ctx.answerCbQuery(ctx.t('register.coordinators_only'), { show_alert: true });
  const officerId = Number(ctx.match[2]);
  if (ctx.match[1] === 'v') {
    const officer = getOfficer(ctx.db, officerId);
    if (!officer || officer.status !== 'approved') return ctx.answerCbQuery(ctx.t('register.stale'), { show_alert: true });
    await ctx.answerCbQuery();
    const id = askConfirmation(ctx.db, { kind: 'revoke', officerId }, { actorId: ctx.from.id, chatId: ctx.chat!.id, updateId: ctx.update.update_id }, ctx.deps.now());
    const agency = listAgencies(ctx.db).find((a) => a.code === officer.agencyCode)!;
    return replyRich(ctx, ctx.t('officers.confirm_revoke', { name: esc(userName(ctx, officer.userId)), agency: esc(agency.name) }), {
      keyboard: confirmKeyboard(ctx, id, 'officers.confirm_revoke_yes'),
      quote: false,
    });
  }
  const decision = ({ a: 'approved', r: 'rejected' } as const)[ctx.match[1] as 'a' | 'r'];
  const outcome = decideRegistration(ctx.db, { officerId, decision, by: ctx.from.id, telegramUpdateId: ctx.update.update_id, now: ctx.deps.now() });
  if (outcome.kind === 'stale') return ctx.answerCbQuery(ctx.t('register.stale'), { show_alert: true });
  await ctx.answerCbQuery(ctx.t(`register.done.${decision}`));
  const name = await tellOfficer(ctx, outcome.officer, decision, outcome.agency.name);
  await replyRich(ctx, ctx.t(`register.decided.${decision}`, { name, agency: esc(outcome.agency.name) }), { quote: false });
});

const userName = (ctx: BotContext, userId: number) => {
  const user = getUser(ctx.db, userId);
  return user ? [user.firstName, user.lastName].filter(Boolean).join(' ') : String(userId);
};

/**
 * Tells an officer what was decided about them: privately if they opened a chat with the bot,
 * otherwise where they asked. Returns their name, escaped, for the coordinator's answer.
 */
export async function tellOfficer(
  ctx: BotContext,
  officer: { id: number; userId: number; requestChatId: number | null; decidedAt: number | null },
  decision: 'approved' | 'rejected' | 'revoked',
  agencyName: string,
): Promise<string> {
  const user = getUser(ctx.db, officer.userId);
  const name = esc(userName(ctx, officer.userId));
  const target = user?.privateChatOpen ? user.id : officer.requestChatId;
  if (!target) return name;
  const t = ctx.deps.i18n.t(isLocale(user?.locale) ? user.locale : ctx.deps.config.defaultLocale);
  say(ctx.deps, { chatId: target }, { text: t(`register.notify.${decision}`, { agency: esc(agencyName), name }) }, { key: `decision:${officer.id}:${decision}:${officer.decidedAt}`, kind: 'decision' });
  ctx.deps.kick();
  return name;
}

register.command([...COMMANDS.officers], async (ctx) => {
  if (!ctx.isCoordinator) return replyRich(ctx, ctx.t('register.coordinators_only'));
  const query = commandArgs(ctx);
  const agencies = listAgencies(ctx.db);
  let codes: string[] | undefined;
  if (query) {
    const m = matchAgency(query, agencies);
    if (m.kind !== 'one') return replyRich(ctx, ctx.t('agency.not_found', { query: esc(clip(query, 100)) }));
    codes = [m.agency.code];
  }
  const rows = listOfficers(ctx.db, codes);
  if (!rows.length) return replyRich(ctx, ctx.t('officers.none'));
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  const lines = [`**${ctx.t('officers.title', { count: rows.length })}**`];
  let current = '';
  for (const r of rows) {
    if (r.agencyCode !== current) {
      current = r.agencyCode;
      lines.push('', `**${esc(byCode.get(current)?.name ?? current)}**`);
    }
    const handle = r.username ? ` @${esc(r.username)}` : '';
    lines.push(`• ${esc([r.firstName, r.lastName].filter(Boolean).join(' '))}${handle} — ${ctx.t(`officers.status.${r.status}`)}`);
  }
  const buttons = rows.slice(0, 30).map((r) =>
    r.status === 'approved'
      // One person may be officer of several agencies: every button names both.
      ? [Markup.button.callback(ctx.t('officers.revoke', { name: `${r.firstName} (${byCode.get(r.agencyCode)?.short ?? r.agencyCode})` }), `of:v:${r.id}`)]
      : [
          Markup.button.callback(`✅ ${r.firstName} (${byCode.get(r.agencyCode)?.short ?? r.agencyCode})`, `of:a:${r.id}`),
          Markup.button.callback(`✖️ ${r.firstName} (${byCode.get(r.agencyCode)?.short ?? r.agencyCode})`, `of:r:${r.id}`),
        ],
  );
  return replyRich(ctx, lines.join('\n'), { keyboard: Markup.inlineKeyboard(buttons).reply_markup });
});

function baseInput(ctx: BotContext, query: string) {
  return { userId: ctx.from!.id, query, chatId: ctx.chat!.id, telegramUpdateId: ctx.update.update_id, now: ctx.deps.now() };
}

async function onRequest(ctx: BotContext, o: RegisterOutcome) {
  const t = ctx.t;
  switch (o.kind) {
    case 'not_found':
      return replyRich(ctx, t('register.not_found'));
    case 'group':
      return replyRich(ctx, t('register.group', { agency: esc(o.agency.name) }));
    case 'choose':
      return replyRich(ctx, t('register.choose'), {
        keyboard: Markup.inlineKeyboard(o.candidates.slice(0, 10).map((a) => [Markup.button.callback(a.short, `rg:${a.code}`)])).reply_markup,
      });
    case 'already':
      return replyRich(ctx, t(`register.already.${o.status}`, { agency: esc(o.agency.name) }));
    case 'requested': {
      const mapped = o.mappedFrom ? t('register.mapped', { from: esc(o.mappedFrom.name), to: esc(o.agency.name) }) + '\n' : '';
      await replyRich(ctx, mapped + t('register.requested', { agency: esc(o.agency.name) }));
      return notifyCoordinators(ctx, o.officerId, o.agency.name);
    }
  }
}

async function notifyCoordinators(ctx: BotContext, officerId: number, agencyName: string) {
  const from = ctx.from!;
  const who = `${esc(displayName(from))}${from.username ? ` (@${esc(from.username)})` : ''} [id ${from.id}]`;
  for (const coordinatorId of ctx.deps.config.coordinatorIds) {
    const stored = getUser(ctx.db, coordinatorId)?.locale;
    const t = ctx.deps.i18n.t(isLocale(stored) ? stored : ctx.deps.config.defaultLocale);
    const choices = [[
      { label: t('register.approve'), data: CHOICES.officer.encode({ decision: 'a', officer: officerId }) },
      { label: t('register.reject'), data: CHOICES.officer.encode({ decision: 'r', officer: officerId }) },
    ]];
    say(ctx.deps, { chatId: coordinatorId }, { text: t('register.request_for_coordinator', { who, agency: esc(agencyName) }), choices }, { key: `approval:${officerId}:${coordinatorId}`, kind: 'approval' });
  }
  ctx.deps.kick();
}
