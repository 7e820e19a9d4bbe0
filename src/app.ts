import type { Server } from 'node:http';
import { esc, richToPlain } from './conversation/rich.js';
import { DEFAULT_FILE_LINK_TTL_MS, type Config } from './config.js';
import { closeDatabase, openDatabase, type Db } from './db/open.js';
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
import { ZaloClient } from './channels/zalo/client.js';
import { ZaloChannel } from './channels/zalo/channel.js';
import { ZaloPoller, ZaloStoppedError, zaloWebhookRoute } from './channels/zalo/receive.js';
import { toZaloMessages, type ZaloFiles } from './channels/zalo/serialize.js';
import { filesRoute, FILES_PREFIX, keepFile, linkToFile } from './ops/files.js';
import { chatAddress, getChat, migrateChat, setChatActive } from './db/queries/chats.js';
import { NO_LIMITS, SendLimiter, TELEGRAM_LIMITS } from './delivery/limiter.js';
import { OutboxWorker, type OutboxRow, type SendResult, type Transport } from './delivery/outbox.js';
import type { Serialize } from './delivery/say.js';
import type { AppDeps } from './deps.js';
import { notifyCoordinators, type JobDeps } from './jobs/deps.js';
import { startJobs } from './jobs/schedule.js';
import { checkHealth } from './ops/health.js';
import { send, startHttpServer, type Route } from './ops/http-server.js';
import { ROUTES } from './usecases/index.js';
import { webRoutes } from './channels/web/routes.js';

// A group's title is whatever its members typed: escaped before it goes into the coordinator's notice.
const chatTitle = (db: Db, id: number) => esc(getChat(db, id)?.title ?? String(id));

/** What the bot says in a conversation is made into messages by the serializer of its channel. */
const serializeByChannel = (db: Db, consoleFormat: ConsoleFormat = {}, zalo?: ZaloFiles): Serialize => (chatId, reply) => {
  const channel = chatAddress(db, chatId).channel;
  if (channel === 'console') return toConsoleMessages(reply, consoleFormat);
  if (channel === 'zalo' && zalo) return toZaloMessages(reply, zalo);
  return toTelegramMessages(reply);
};

/** Zalo cannot receive a document: files become signed, expiring links to this server (ops/files.ts), made when sent. */
function zaloFiles(db: Db, config: Config, i18n: I18n, now: () => number): ZaloFiles {
  const t = i18n.t(config.defaultLocale);
  return {
    keep: (name, bytes) => keepFile(db, name, bytes, now()),
    link: (id) => linkToFile(db, config.publicBaseUrl ?? '', id, now(), config.fileLinkTtlMs ?? DEFAULT_FILE_LINK_TTL_MS),
    timeZone: config.timeZone,
    linkNote: (name, url, until) => richToPlain(t('zalo.file_link', { name: esc(name), url: esc(url), until })),
  };
}

/**
 * The outbox's transport when several channels run in one process: each row goes to its
 * conversation's channel, which paces and sends it. A row of a channel not running now waits.
 */
class ChannelTransports implements Transport {
  constructor(
    private readonly db: Db,
    private readonly byChannel: Record<string, Transport>,
  ) {}

  private of(row: OutboxRow): Transport | undefined {
    return this.byChannel[chatAddress(this.db, row.chatId).channel];
  }

  async pace(row: OutboxRow, sleep: (ms: number) => Promise<void>) {
    await this.of(row)?.pace?.(row, sleep);
  }

  async send(row: OutboxRow): Promise<SendResult> {
    const transport = this.of(row);
    // A conversation on a channel this installation does not run (its token was removed): the
    // message cannot be delivered by anyone; it is marked dead with the reason, visible in the
    // outbox, rather than held for ever in front of everything else.
    if (!transport) return { kind: 'fatal', error: `the ${chatAddress(this.db, row.chatId).channel} channel is not running` };
    return transport.send(row);
  }
}

export interface App {
  db: Db;
  i18n: I18n;
  /** Telegram, when BOT_TOKEN is set. */
  bot?: Bot;
  dispatcher?: Dispatcher;
  poller?: Poller;
  /** Zalo, when ZALO_BOT_TOKEN is set. */
  zalo?: ZaloChannel;
  zaloPoller?: ZaloPoller;
  outbox: OutboxWorker;
  jobs: JobDeps;
  http?: Server;
  /** Resolves when polling ends (stop, or a fatal error such as 409 Conflict or a refused token); never in webhook mode. */
  running: Promise<void>;
  stop(): Promise<void>;
}

/** An App that runs Telegram (BOT_TOKEN set): what code driving Telegram works with. */
export type TelegramApp = App & { bot: Bot; dispatcher: Dispatcher };

/** The app as a TelegramApp; throws when Telegram is not running in it. */
export function withTelegram(app: App): TelegramApp {
  if (!app.bot || !app.dispatcher) throw new Error('Telegram is not running in this app (BOT_TOKEN is empty)');
  return app as TelegramApp;
}

export interface StartOptions extends CreateBotOptions {
  now?: () => number;
  pollTimeoutSeconds?: number;
  /** Tests drive jobs directly; production schedules them with node-cron. */
  schedule?: boolean;
  outboxBackoffMs?: number;
  httpHost?: string;
  /** How long sends to Zalo are held after its first "Quota exceeded" (default 30 s, doubling). */
  zaloQuotaHoldMs?: number;
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
  let outbox: OutboxWorker | undefined;
  const kick = () => outbox?.kick();
  const files = config.zalo ? zaloFiles(db, config, i18n, now) : undefined;
  const deps: AppDeps = { config, db, i18n, log, now, kick, serialize: serializeByChannel(db, {}, files) };
  const jobs: JobDeps = deps;
  const background = new AbortController();
  const transports: Record<string, Transport> = {};
  const routes: Record<string, Route> = {
    '/healthz': (_req, _body, res) => {
      const health = checkHealth(db, config.mode, startedAt);
      send(res, health.ok ? 200 : 503, health);
    },
  };
  // HTTP routes of other parts register here (a key ending in "/" serves everything under it).
  Object.assign(routes, webRoutes(deps)); // the status page, /w/<token> (src/channels/web/)
  if (config.publicBaseUrl) routes[FILES_PREFIX] = filesRoute(db, now, i18n); // files sent as links (Zalo)
  const polling: Array<Promise<void>> = [];

  // Telegram, when BOT_TOKEN is set.
  let bot: Bot | undefined;
  let dispatcher: Dispatcher | undefined;
  let poller: Poller | undefined;
  if (config.botToken) {
    const limiter = opts.limiter ?? new SendLimiter(config.sendLimits === 'none' ? NO_LIMITS : TELEGRAM_LIMITS);
    transports.telegram = new TelegramTransport(config.botToken, config.apiRoot, db, limiter);
    const tg = createBot(deps, { ...opts, limiter });
    bot = tg;
    const me = await tg.init();
    log.info(
      { bot: me.username, mode: config.mode, canReadAllGroupMessages: me.can_read_all_group_messages, digestCron: config.digestCron, reminderCron: config.reminderCron },
      'connected to the Bot API',
    );
    if (!me.can_read_all_group_messages) {
      log.warn('privacy mode is on: in groups the bot sees only commands addressed to it and replies to its own messages');
    }
    // The command menu is a convenience: registered in the background, retried there, never between
    // start and the first poll (a Bot API that fails or hangs on setMyCommands must not delay people).
    void retryInBackground(() => registerCommandMenu(tg.telegram, i18n, config.defaultLocale), background.signal, log, 'command menu');
    const d = new Dispatcher(db, (u) => tg.handleUpdate(u), log);
    dispatcher = d;
    if (config.mode === 'webhook' && config.webhook) {
      routes[config.webhook.path] = webhookRoute(db, d, config.webhook.secret);
      await tg.telegram.setWebhook(`https://${config.webhook.domain}${config.webhook.path}`, {
        secret_token: config.webhook.secret,
        allowed_updates: [...ALLOWED_UPDATES],
      });
      d.drain();
    } else {
      // A webhook left over from another deployment makes getUpdates fail with 409; it is removed in
      // the background, and the poller removes it again if getUpdates meets it (poller.ts).
      void retryInBackground(() => tg.telegram.deleteWebhook({ drop_pending_updates: false }), background.signal, log, 'deleteWebhook');
      poller = new Poller({ telegram: tg.telegram, db, dispatcher: d, log, timeoutSeconds: opts.pollTimeoutSeconds });
      polling.push(poller.start());
    }
  }

  // Zalo, when ZALO_BOT_TOKEN is set: in the same process and database as Telegram, or alone.
  let zalo: ZaloChannel | undefined;
  let zaloPoller: ZaloPoller | undefined;
  if (config.zalo) {
    const z = config.zalo;
    const client = new ZaloClient(z.token, z.apiRoot);
    const channel = new ZaloChannel(deps, ROUTES, client, { quotaHoldMs: opts.zaloQuotaHoldMs, files });
    zalo = channel;
    transports.zalo = channel;
    // getMe names the bot (stripped from group messages). Zalo being slow must not hold Telegram
    // back: a short wait here, then retried in the background.
    const whoAmI = async () => {
      if (channel.isHalted) return; // the token was refused: no use asking again
      const me = await client.getMe();
      channel.setMe(me);
      log.info({ zaloBot: me.display_name ?? me.account_name, mode: z.mode, quota: z.monthlyQuota }, 'connected to the Zalo Bot API');
    };
    await Promise.race([whoAmI(), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer in 10 s')), 10_000).unref())]).catch((err) => {
      log.warn({ err }, 'zalo: getMe failed; retrying in the background');
      void retryInBackground(whoAmI, background.signal, log, 'zalo getMe');
    });
    if (z.mode === 'webhook' && z.webhookSecret) {
      routes[z.webhookPath] = zaloWebhookRoute(channel, z.webhookSecret, log);
      const url = `${config.publicBaseUrl}${z.webhookPath}`;
      void retryInBackground(() => client.setWebhook(url, z.webhookSecret!), background.signal, log, 'zalo setWebhook');
      channel.drain();
    } else {
      // getUpdates fails while a webhook is set: one left from another deployment is removed first.
      await client.deleteWebhook().catch((err) => log.warn({ err }, 'zalo: deleteWebhook failed; polling anyway'));
      channel.drain();
      zaloPoller = new ZaloPoller({ client, channel, log, timeoutSeconds: opts.pollTimeoutSeconds });
      polling.push(
        zaloPoller.start().catch((err: unknown) => {
          // Zalo alone: the process ends with the reason (main.ts). With Telegram, only Zalo stops:
          // one messenger's token must not silence the other. What is for Zalo waits in the outbox.
          if (!(err instanceof ZaloStoppedError) || !bot) throw err;
          log.fatal({ reason: err.reason, error: err.message }, 'zalo: stopped; Telegram keeps running');
          channel.halt(err.reason);
          return new Promise<void>(() => undefined);
        }),
      );
    }
  }

  outbox = new OutboxWorker({
    db,
    transport: new ChannelTransports(db, transports),
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
  // Polling ends on stop, or on a fatal error (409 Conflict, a refused token); a webhook never ends.
  const running = polling.length ? Promise.race(polling) : new Promise<void>(() => undefined);
  const webhookPaths = new Set([config.webhook?.path, config.zalo?.webhookPath]);
  const http = config.port !== undefined ? await startHttpServer(config.port, routes, log, opts.httpHost) : undefined;
  if (http) log.info({ port: config.port, paths: Object.keys(routes).map((p) => (webhookPaths.has(p) ? '(webhook)' : p)) }, 'http server listening');
  outbox.start();
  const schedule = opts.schedule === false ? undefined : startJobs(jobs);
  let stopped = false;
  return {
    db,
    i18n,
    bot,
    dispatcher,
    poller,
    zalo,
    zaloPoller,
    outbox,
    jobs,
    http,
    running,
    async stop() {
      if (stopped) return;
      stopped = true;
      schedule?.stop();
      background.abort();
      // What has not started stays in the inbox for the next start.
      dispatcher?.stop();
      zalo?.stop();
      await poller?.stop();
      await zaloPoller?.stop();
      await new Promise<void>((r) => (http ? http.close(() => r()) : r()));
      await dispatcher?.idle();
      await zalo?.idle();
      await outbox!.stop();
      closeDatabase(db);
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
  // The coordinators the console names are coordinators like the configured ones (core/roles.ts).
  const consoleConfig: Config = { ...config, consoleCoordinatorIds: [...(config.consoleCoordinatorIds ?? []), ...opts.console.coordinators] };
  const deps: AppDeps = { config: consoleConfig, db, i18n, log, now: opts.now ?? Date.now, kick: () => outbox?.kick(), serialize: serializeByChannel(db, opts.console) };
  const channel = new ConsoleChannel(deps, ROUTES, opts.console, () => outbox!.drained());
  // Stored before anyone types, so what coordinators are told (jobs, notices) reaches them.
  channel.coordinatorIds();
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
      closeDatabase(db);
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
