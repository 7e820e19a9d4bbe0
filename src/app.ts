import type { Server } from 'node:http';
import { esc } from './conversation/rich.js';
import type { Config } from './config.js';
import { openDatabase, type Db } from './db/open.js';
import { createI18n, type I18n } from './i18n.js';
import type { Logger } from './logger.js';
import { createBot, type Bot, type CreateBotOptions } from './channels/telegram/create-bot.js';
import { registerCommandMenu } from './channels/telegram/commands.js';
import { ALLOWED_UPDATES, Dispatcher, Poller } from './channels/telegram/poller.js';
import { TelegramTransport } from './channels/telegram/telegram-transport.js';
import { webhookRoute } from './channels/telegram/webhook.js';
import { toTelegramMessages } from './channels/telegram/serialize.js';
import { ConsoleChannel, type ConsoleOptions } from './channels/console/channel.js';
import { toConsoleMessages, type ConsoleFormat } from './channels/console/serialize.js';
import { chatAddress, getChat, migrateChat, setChatActive } from './db/queries/chats.js';
import { NO_LIMITS, SendLimiter, TELEGRAM_LIMITS } from './delivery/limiter.js';
import { OutboxWorker } from './delivery/outbox.js';
import type { Serialize } from './delivery/say.js';
import type { AppDeps } from './deps.js';
import { notifyCoordinators, type JobDeps } from './jobs/deps.js';
import { startJobs } from './jobs/schedule.js';
import { checkHealth } from './ops/health.js';
import { send, startHttpServer, type Route } from './ops/http-server.js';
import { ROUTES } from './usecases/index.js';
import { webRoutes } from './web/routes.js';

// A group's title is whatever its members typed: escaped before it goes into the coordinator's notice.
const chatTitle = (db: Db, id: number) => esc(getChat(db, id)?.title ?? String(id));

/** What the bot says in a conversation is made into messages by the serializer of its channel. */
const serializeByChannel = (db: Db, consoleFormat: ConsoleFormat = {}): Serialize => (chatId, reply) =>
  chatAddress(db, chatId).channel === 'console' ? toConsoleMessages(reply, consoleFormat) : toTelegramMessages(reply);

export interface App {
  db: Db;
  i18n: I18n;
  bot: Bot;
  dispatcher: Dispatcher;
  poller?: Poller;
  outbox: OutboxWorker;
  jobs: JobDeps;
  http?: Server;
  /** Resolves when polling ends (stop, or a fatal error such as 409 Conflict); never in webhook mode. */
  running: Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions extends CreateBotOptions {
  now?: () => number;
  pollTimeoutSeconds?: number;
  /** Tests drive jobs directly; production schedules them with node-cron. */
  schedule?: boolean;
  outboxBackoffMs?: number;
  httpHost?: string;
}

/**
 * Wires the running bot: database, bot, outbox, jobs, and polling or the webhook server.
 * `main.ts` calls this with the real environment; tests call it with a stand-in Bot API and a
 * temp database — the same code path.
 */
export async function startApp(config: Config, log: Logger, opts: StartOptions = {}): Promise<App> {
  const startedAt = Date.now();
  const db = openDatabase(config.databasePath);
  const i18n = createI18n();
  const now = opts.now ?? Date.now;
  const limiter = opts.limiter ?? new SendLimiter(config.sendLimits === 'none' ? NO_LIMITS : TELEGRAM_LIMITS);
  let outbox: OutboxWorker | undefined;
  const kick = () => outbox?.kick();
  const deps: AppDeps = { config, db, i18n, log, now, kick, serialize: serializeByChannel(db) };
  const jobs: JobDeps = deps;
  outbox = new OutboxWorker({
    db,
    transport: new TelegramTransport(config.botToken, config.apiRoot, db, limiter),
    log,
    // Not the injected clock: retry waits are real time.
    now: Date.now,
    baseBackoffMs: opts.outboxBackoffMs,
    onMigrated: (from, to) => migrateChat(db, from, to, now()),
    onForbidden: (row) => {
      setChatActive(db, row.chatId, false, now());
      // Tell the coordinator which chat went silent — unless the lost chat is theirs.
      if (!['notice', 'escalation'].includes(row.kind)) {
        notifyCoordinators(jobs, `forbidden:${row.chatId}`, i18n.t(config.defaultLocale)('outbox.forbidden', { chat: row.chatId, title: chatTitle(db, row.chatId) }));
      }
    },
  });
  const bot = createBot(deps, { ...opts, limiter });
  const me = await bot.init();
  log.info(
    { bot: me.username, mode: config.mode, canReadAllGroupMessages: me.can_read_all_group_messages, digestCron: config.digestCron, reminderCron: config.reminderCron },
    'connected to the Bot API',
  );
  if (!me.can_read_all_group_messages) {
    log.warn('privacy mode is on: in groups the bot sees only commands addressed to it and replies to its own messages');
  }
  // The command menu is a convenience: registered in the background, retried there, never between
  // start and the first poll (a Bot API that fails or hangs on setMyCommands must not delay people).
  const background = new AbortController();
  void retryInBackground(() => registerCommandMenu(bot.telegram, i18n, config.defaultLocale), background.signal, log, 'command menu');

  const dispatcher = new Dispatcher(db, (u) => bot.handleUpdate(u), log);
  const routes: Record<string, Route> = {
    '/healthz': (_req, _body, res) => {
      const health = checkHealth(db, config.mode, startedAt);
      send(res, health.ok ? 200 : 503, health);
    },
  };
  Object.assign(routes, webRoutes(deps)); // the status page, /w/<token> (src/web/)
  let poller: Poller | undefined;
  let running: Promise<void>;
  if (config.mode === 'webhook' && config.webhook) {
    routes[config.webhook.path] = webhookRoute(db, dispatcher, config.webhook.secret);
    await bot.telegram.setWebhook(`https://${config.webhook.domain}${config.webhook.path}`, {
      secret_token: config.webhook.secret,
      allowed_updates: [...ALLOWED_UPDATES],
    });
    dispatcher.drain();
    running = new Promise<void>(() => undefined);
  } else {
    // A webhook left over from another deployment makes getUpdates fail with 409; it is removed in
    // the background, and the poller removes it again if getUpdates meets it (poller.ts).
    void retryInBackground(() => bot.telegram.deleteWebhook({ drop_pending_updates: false }), background.signal, log, 'deleteWebhook');
    poller = new Poller({ telegram: bot.telegram, db, dispatcher, log, timeoutSeconds: opts.pollTimeoutSeconds });
    running = poller.start();
  }
  const http = config.port !== undefined ? await startHttpServer(config.port, routes, log, opts.httpHost) : undefined;
  if (http) log.info({ port: config.port, paths: Object.keys(routes).map((p) => (p === config.webhook?.path ? '(webhook)' : p)) }, 'http server listening');
  outbox.start();
  const schedule = opts.schedule === false ? undefined : startJobs(jobs);
  let stopped = false;
  return {
    db,
    i18n,
    bot,
    dispatcher,
    poller,
    outbox,
    jobs,
    http,
    running,
    async stop() {
      if (stopped) return;
      stopped = true;
      schedule?.stop();
      background.abort();
      dispatcher.stop(); // what has not started stays in the inbox for the next start
      await poller?.stop();
      await new Promise<void>((r) => (http ? http.close(() => r()) : r()));
      await dispatcher.idle();
      await outbox!.stop();
      db.$client.close();
    },
  };
}

export interface ConsoleApp {
  db: Db;
  i18n: I18n;
  console: ConsoleChannel;
  outbox: OutboxWorker;
  jobs: JobDeps;
  stop(): Promise<void>;
}

export interface ConsoleStartOptions {
  console: ConsoleOptions;
  now?: () => number;
  /** Tests and the demo drive jobs directly; otherwise they run on their schedules. */
  schedule?: boolean;
  outboxBackoffMs?: number;
}

/**
 * The console channel alone (`npm run demo`): the same database, use cases, outbox and jobs as
 * startApp, with no Bot API — so no token, no network and no HTTP server. Lines are read with
 * `app.console.read(...)`.
 */
export async function startConsoleApp(config: Config, log: Logger, opts: ConsoleStartOptions): Promise<ConsoleApp> {
  const db = openDatabase(config.databasePath);
  const i18n = createI18n();
  let outbox: OutboxWorker | undefined;
  const deps: AppDeps = { config, db, i18n, log, now: opts.now ?? Date.now, kick: () => outbox?.kick(), serialize: serializeByChannel(db, opts.console) };
  const channel = new ConsoleChannel(deps, ROUTES, opts.console, () => outbox!.drained());
  // The coordinators the console names are told what coordinators are told (jobs, notices).
  deps.config = { ...config, coordinatorIds: [...config.coordinatorIds, ...channel.coordinatorIds()] };
  // A terminal has no sending limits (its transport does not pace); retry waits are real time, like startApp's.
  outbox = new OutboxWorker({ db, transport: channel, log, now: Date.now, baseBackoffMs: opts.outboxBackoffMs });
  outbox.start();
  const schedule = opts.schedule === false ? undefined : startJobs(deps);
  let stopped = false;
  return {
    db,
    i18n,
    console: channel,
    outbox,
    jobs: deps,
    async stop() {
      if (stopped) return;
      stopped = true;
      schedule?.stop();
      await outbox.stop();
      db.$client.close();
    },
  };
}

/**
 * Runs an optional Bot API call until it succeeds, with growing pauses (1 s … 5 min), until
 * `signal` aborts. Each attempt is bounded so a call that hangs is abandoned and tried again.
 */
async function retryInBackground(call: () => Promise<unknown>, signal: AbortSignal, log: Logger, what: string): Promise<void> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      await Promise.race([call(), new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in 30 s`)), 30_000).unref())]);
      return;
    } catch (err) {
      if (signal.aborted) return;
      log.warn({ err, attempt }, `${what} failed; retrying in the background`);
      const wait = Math.min(300_000, 1000 * 2 ** Math.min(attempt, 9));
      await new Promise<void>((r) => {
        const timer = setTimeout(r, wait);
        timer.unref();
        signal.addEventListener('abort', () => (clearTimeout(timer), r()), { once: true });
      });
    }
  }
}
