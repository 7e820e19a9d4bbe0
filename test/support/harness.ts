import { mkdtempSync, rmSync } from 'node:fs';
import { testConfig } from './config.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, withTelegram, type TelegramApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { isHandled } from '../../src/db/queries/inbox.js';
import { NO_LIMITS as NONE, SendLimiter, type LimitRules } from '../../src/delivery/limiter.js';
import { createLogger } from '../../src/logger.js';
import { BotApiStub, type RecordedCall } from './bot-api-stub.js';
import { callback, COORDINATOR, message, type TgUser } from './updates.js';

/** Limits that do not slow functional tests; the real ones are unit-tested and benchmarked. */
export const NO_LIMITS: LimitRules = NONE;

export interface Harness {
  stub: BotApiStub;
  app: TelegramApp;
  dir: string;
  config: Config;
  /** Pushes an update, waits until the bot has handled it, returns the API calls it caused. */
  send(update: Record<string, unknown>): Promise<RecordedCall[]>;
  /** The texts of the messages the bot sent in answer to one update. */
  ask(update: Record<string, unknown>): Promise<string[]>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(
  opts: { config?: Partial<Config>; limits?: LimitRules; keepDir?: string; now?: () => number; schedule?: boolean; stub?: (stub: BotApiStub) => void } = {},
): Promise<Harness> {
  const stub = await new BotApiStub().start();
  opts.stub?.(stub); // failures to inject before the bot starts
  const dir = opts.keepDir ?? mkdtempSync(join(tmpdir(), 'kh457-test-'));
  const config: Config = testConfig(dir, { botToken: stub.token, apiRoot: stub.apiRoot, coordinatorIds: [COORDINATOR.id], ...opts.config });
  const boot = async () =>
    withTelegram(await startApp(config, createLogger('silent'), {
      pollTimeoutSeconds: 1,
      schedule: opts.schedule ?? false,
      now: opts.now,
      outboxBackoffMs: 20,
      limiter: new SendLimiter(opts.limits ?? NO_LIMITS),
      gate: { baseBackoffMs: 5 },
    }));
  const h: Harness = {
    stub,
    app: await boot(),
    dir,
    config,
    async send(update) {
      const before = stub.calls.length;
      const pushed = stub.push(update);
      const deadline = Date.now() + 10_000;
      while (!isHandled(h.app.db, pushed.update_id)) {
        if (Date.now() > deadline) throw new Error(`update ${pushed.update_id} was not handled`);
        await new Promise((r) => setTimeout(r, 10));
      }
      await h.app.dispatcher.idle();
      await h.app.outbox.drained();
      const calls = stub.calls.slice(before).filter((c) => c.method !== 'getUpdates');
      assertNoRawKeys(calls);
      // Nothing the bot sent may be something Telegram refuses (bad HTML, too long, bad buttons).
      if (stub.refusals.length) throw new Error(`Telegram would refuse: ${stub.refusals.map((r) => `${r.method}: ${r.description}`).join('; ')}`);
      return calls;
    },
    async ask(update) {
      const calls = await h.send(update);
      return calls.filter((c) => c.method === 'sendMessage' && c.outcome === 'ok').map((c) => String(c.payload.text));
    },
    async restart() {
      await h.app.stop();
      h.app = await boot();
    },
    async close() {
      await h.app.stop();
      await stub.stop();
      if (!opts.keepDir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Registers `user` as focal officer of `agency` the way people do: /dangky, then the coordinator's button. */
export async function registerOfficer(h: Harness, user: TgUser, agency: string) {
  const calls = await h.send(message(`/dangky ${agency}`, { from: user }));
  const request = calls.find((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === COORDINATOR.id);
  if (!request) throw new Error(`no approval request reached the coordinator for ${agency}`);
  return h.send(callback(request.payload.reply_markup.inline_keyboard[0][0].callback_data, { from: COORDINATOR }));
}

/** Every test also checks that no reply shows a translation key instead of text ("history.title"). */
function assertNoRawKeys(calls: RecordedCall[]) {
  for (const c of calls) {
    const text = String(c.payload.text ?? c.payload.caption ?? '');
    const key = /(?:^|[\s>(«])([a-z_]+(?:\.[a-z_]+)+)(?=$|[\s<)»:,])/m.exec(text)?.[1];
    if (key) throw new Error(`reply shows the raw translation key "${key}": ${text.slice(0, 200)}`);
  }
}
