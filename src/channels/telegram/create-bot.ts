import { Composer, Telegraf, type Telegram } from 'telegraf';
import type { Update, UserFromGetMe } from 'telegraf/types';
import { migrateChat } from '../../db/queries/chats.js';
import { touchUser } from '../../db/queries/users.js';
import { SendLimiter } from '../../delivery/limiter.js';
import { isLocale } from '../../i18n.js';
import { BotContext, type BotDeps } from './context.js';
import { edits } from './features/edits.js';
import { fallback } from './features/fallback.js';
import { linkGroup } from './features/link-group.js';
import { coreRouter } from './core.js';
import { ROUTES } from '../../usecases/index.js';
import { gateTelegram, isDeferred, type GateOptions } from './telegram-gate.js';
import { enqueue } from '../../delivery/outbox.js';
import { createHash } from 'node:crypto';

/** The routing table: one feature per file, in the order they get a chance to handle an update. */
const FEATURES = [
  coreRouter(ROUTES), // the conversation core: every use case it has (src/usecases/)
  linkGroup, // service messages (group migration) and membership changes
  edits,
  fallback,
];

export interface Bot {
  telegraf: Telegraf<BotContext>;
  /** The gated client for calls the bot makes on its own. */
  telegram: Telegram;
  handleUpdate(update: Update): Promise<void>;
  init(): Promise<UserFromGetMe>;
}

export interface CreateBotOptions {
  gate?: Partial<Omit<GateOptions, 'log' | 'limiter'>>;
  limiter?: SendLimiter;
}

export function createBot(deps: BotDeps, opts: CreateBotOptions = {}): Bot {
  const gate: GateOptions = {
    limiter: opts.limiter ?? new SendLimiter(),
    log: deps.log,
    onMigrate: (from, to) => migrateChat(deps.db, from, to, deps.now()),
    onGiveUp: (_method, payload) => {
      const { chat_id: chatId, message_thread_id: threadId, ...rest } = payload;
      if (typeof chatId !== 'number') return false;
      // Keyed by content and minute: a retried handler does not queue the same answer twice.
      const key = `reply:${chatId}:${createHash('sha1').update(JSON.stringify(rest)).digest('hex').slice(0, 16)}:${Math.floor(deps.now() / 60_000)}`;
      enqueue(deps.db, { dedupeKey: key, chatId, threadId: (threadId as number | undefined) ?? null, kind: 'reply', payload: rest }, deps.now());
      deps.kick();
      return true;
    },
    ...opts.gate,
  };

  // telegraf builds a fresh Telegram client for every update; this context class routes that
  // client through the gate too, so replies are throttled and retried like everything else.
  class GatedContext extends BotContext {
    constructor(update: Update, telegram: Telegram, botInfo: UserFromGetMe) {
      super(update, gateTelegram(telegram, gate), botInfo);
    }
  }

  const telegraf = new Telegraf<BotContext>(deps.config.botToken, {
    contextType: GatedContext,
    telegram: { apiRoot: deps.config.apiRoot, webhookReply: false },
    handlerTimeout: 60_000,
  });
  gateTelegram(telegraf.telegram, gate);
  telegraf.context.deps = deps;

  telegraf.use(identify);
  telegraf.use(Composer.compose(FEATURES));

  // telegraf's default handler rethrows, which kills polling and the process. Log, tell the
  // user something went wrong, and keep serving everyone else.
  telegraf.catch(async (err, ctx) => {
    deps.log.error({ err, updateId: ctx.update.update_id }, 'handler failed');
    // A database that is busy or failing is not the user's fault and the update is not done:
    // let it fail upward so the dispatcher keeps it for a retry instead of marking it handled.
    if (isDatabaseFault(err)) throw err;
    // The answer was kept for the outbox; an apology now would arrive before it.
    if (isDeferred(err)) return;
    try {
      if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.t('error.generic'));
      else if (ctx.chat) await ctx.reply(ctx.t('error.generic'));
    } catch (replyErr) {
      deps.log.warn({ err: replyErr }, 'could not report the error to the user');
    }
  });

  return {
    telegraf,
    telegram: telegraf.telegram,
    handleUpdate: (update) => telegraf.handleUpdate(update),
    async init() {
      const me = await telegraf.telegram.getMe();
      telegraf.botInfo = me;
      return me;
    },
  };
}

function isDatabaseFault(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|PROTOCOL|READONLY)/.test(code);
}

/**
 * Records who is talking and picks their language before any feature runs. The Telegram user
 * becomes an internal person id here (`ctx.state.personId`, read by actorOf in core.ts): their
 * person's id and language once they linked another channel (/lienketkenh).
 */
async function identify(ctx: BotContext, next: () => Promise<void>) {
  const { config, db, i18n } = ctx.deps;
  let locale = config.defaultLocale;
  if (ctx.from && !ctx.from.is_bot) {
    const person = touchUser(db, ctx.from, ctx.deps.now());
    ctx.state.personId = person.id;
    if (isLocale(person.locale)) locale = person.locale;
  }
  ctx.locale = locale;
  ctx.t = i18n.t(locale);
  return next();
}
