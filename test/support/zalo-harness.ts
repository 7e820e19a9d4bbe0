// The real bot on Zalo against the Zalo stand-in: startApp with ZALO_* configuration, a temp
// database, the bot's own HTTP server on a free port (file links, the webhook).
import { testConfig } from './config.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type App } from '../../src/app.js';
import type { Config, ZaloConfig } from '../../src/config.js';
import { statement } from '../../src/db/statements.js';
import { createLogger } from '../../src/logger.js';
import { ZaloApiStub, zaloText, type ZaloCall, type ZaloPerson } from './zalo-api-stub.js';
import { BotApiStub } from './bot-api-stub.js';
import { COORDINATOR } from './updates.js';

export const Z_COORDINATOR: ZaloPerson = { id: '5a1f00c0ffee0001', name: 'Nguyễn Thị Thảo' };
export const Z_OFFICER: ZaloPerson = { id: '5a1f00c0ffee0002', name: 'Trần Văn Minh' };
export const Z_STRANGER: ZaloPerson = { id: '5a1f00c0ffee0003', name: 'Khách' };
export const Z_GROUP = '9f00aa11bb22cc33';

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export interface ZaloHarness {
  stub: ZaloApiStub;
  app: App;
  config: Config;
  dir: string;
  /** `from` writes `text` (privately, or in `group`); waits until handled and answered; the calls it caused. */
  say(from: ZaloPerson, text: string, o?: { group?: string; event?: string }): Promise<ZaloCall[]>;
  /** Delivers a raw event (poll or webhook as configured) and waits until it is handled. */
  send(event: { event_name: string; message: Record<string, any> }): Promise<ZaloCall[]>;
  settle(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export const textsOf = (calls: ZaloCall[]) => calls.filter((c) => c.method === 'sendMessage' && c.outcome === 'ok').map((c) => String(c.payload.text));

export async function startZaloHarness(
  o: {
    mode?: 'polling' | 'webhook';
    zalo?: Partial<ZaloConfig>;
    config?: Partial<Config>;
    now?: () => number;
    telegram?: Pick<Config, 'botToken' | 'apiRoot'>;
    quotaHoldMs?: number;
    /** Sets the stand-in up before the bot starts (a webhook left over, failures at start). */
    before?: (stub: ZaloApiStub) => void;
  } = {},
): Promise<ZaloHarness> {
  const stub = await new ZaloApiStub().start();
  o.before?.(stub);
  const dir = mkdtempSync(join(tmpdir(), 'kh457-zalo-'));
  const port = await freePort();
  const mode = o.mode ?? 'polling';
  const config: Config = testConfig(dir, {
    botToken: o.telegram?.botToken ?? '',
    apiRoot: o.telegram?.apiRoot ?? '',
    port,
    publicBaseUrl: `http://127.0.0.1:${port}`,
    fileLinkTtlMs: 3 * 86_400_000,
    zalo: {
      token: stub.token,
      apiRoot: stub.apiRoot,
      mode,
      webhookPath: '/zalo/webhook',
      webhookSecret: mode === 'webhook' ? 'zalo-test-secret-123' : undefined,
      coordinatorIds: [Z_COORDINATOR.id],
      monthlyQuota: 3000,
      ...o.zalo,
    },
    ...o.config,
  });
  const boot = () => startApp(config, createLogger('silent'), { pollTimeoutSeconds: 1, schedule: false, now: o.now, outboxBackoffMs: 20, httpHost: '127.0.0.1', zaloQuotaHoldMs: o.quotaHoldMs });
  const handled = (app: App, key: string) =>
    (statement(app.db, "select handled_at h from inbox where channel = 'zalo' and event_key = ?").get(key) as { h: number | null } | undefined)?.h != null;
  const h: ZaloHarness = {
    stub,
    app: await boot(),
    config,
    dir,
    async send(event) {
      const before = stub.calls.length;
      if (mode === 'webhook') {
        await stub.waitFor(() => !!stub.webhook, 'setWebhook');
        const status = await stub.deliver(event);
        if (status !== 200) throw new Error(`webhook answered ${status}`);
      } else stub.push(event);
      const deadline = Date.now() + 10_000;
      while (!handled(h.app, event.message.message_id)) {
        if (Date.now() > deadline) throw new Error(`event ${event.message.message_id} was not handled`);
        await new Promise((r) => setTimeout(r, 10));
      }
      await h.settle();
      return stub.calls.slice(before).filter((c) => c.method !== 'getUpdates');
    },
    say(from, text, so = {}) {
      return h.send(zaloText(text, { from, group: so.group, event: so.event }));
    },
    async settle() {
      await h.app.zalo!.idle();
      await h.app.outbox.drained();
    },
    async restart() {
      await h.app.stop();
      h.app = await boot();
    },
    async close() {
      await h.app.stop();
      await stub.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/**
 * Telegram and Zalo as channels of one bot: a Bot API stand-in beside the Zalo one, COORDINATOR a
 * coordinator on Telegram. `close` stops both.
 */
export async function startBothChannels(o: { quotaHoldMs?: number } = {}): Promise<{ tg: BotApiStub; h: ZaloHarness; close(): Promise<void> }> {
  const tg = await new BotApiStub().start();
  const h = await startZaloHarness({ telegram: { botToken: tg.token, apiRoot: tg.apiRoot }, config: { coordinatorIds: [COORDINATOR.id] }, quotaHoldMs: o.quotaHoldMs });
  return {
    tg,
    h,
    async close() {
      await h.close();
      await tg.stop();
    },
  };
}
