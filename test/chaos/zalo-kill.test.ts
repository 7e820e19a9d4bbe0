// kill -9 while 300 Zalo webhook events arrive (some of them twice, as a webhook retry would);
// restart; every event is applied exactly once. The stand-in plays a Zalo that retries a delivery
// until the bot answers 200 — what the bot acknowledged is stored, what it did not is sent again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { query, runBot } from '../support/process.js';
import { ZaloApiStub, zaloText } from '../support/zalo-api-stub.js';
import { freePort } from '../support/zalo-harness.js';

const N = 300;
const PEOPLE = Array.from({ length: 30 }, (_, i) => ({ id: `7e57${String(i).padStart(12, '0')}`, name: `Người ${i}` }));
const GROUPS = Array.from({ length: 10 }, (_, i) => `9a00${String(i).padStart(12, '0')}`);
const SECRET = 'kill-test-secret-123';

describe('kill -9 during Zalo webhook events', () => {
  it('loses none and applies none twice', async () => {
    const stub = await new ZaloApiStub().start();
    const dir = mkdtempSync(join(tmpdir(), 'kh457-zalo-chaos-'));
    const dbPath = join(dir, 'kh457.db');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/zalo/webhook`;
    const env = {
      ZALO_BOT_TOKEN: stub.token,
      ZALO_API_ROOT: stub.apiRoot,
      ZALO_MODE: 'webhook',
      ZALO_WEBHOOK_SECRET: SECRET,
      // Everyone may report on any task, so every event is a change to the database.
      ZALO_COORDINATOR_IDS: PEOPLE.map((p) => p.id).join(','),
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      DATABASE_PATH: dbPath,
      LOG_LEVEL: 'error',
    };
    const applied = () => query<{ n: number }>(dbPath, 'select count(*) n from updates')[0]?.n ?? 0;
    const events = Array.from({ length: N }, (_, i) =>
      zaloText(`@KH457 An Giang /capnhat II.3 đang ${i % 101}% Báo cáo số ${i}`, { from: PEOPLE[i % PEOPLE.length]!, group: GROUPS[i % GROUPS.length] }),
    );
    /** Delivers until the bot answers 200, as a retrying webhook sender. */
    const deliver = async (e: (typeof events)[number]) => {
      for (;;) {
        const status = await stub.deliver(e, { url, secret: SECRET, shape: Math.random() < 0.5 ? 'bare' : 'envelope' }).catch(() => 0);
        if (status === 200) return;
        if (status !== 0 && status < 500) throw new Error(`webhook refused an event: ${status}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    let bot = runBot(env);
    try {
      await stub.waitFor(() => !!stub.webhook, 'setWebhook', 30_000);
      // Four senders at once; every fifth event delivered a second time.
      let next = 0;
      const sender = async () => {
        while (next < N) {
          const i = next++;
          await deliver(events[i]!);
          if (i % 5 === 0) await deliver(events[i]!);
        }
      };
      const sending = Promise.all([sender(), sender(), sender(), sender()]);
      await stub.waitFor(() => applied() >= N / 4, 'a quarter applied', 60_000);
      bot.child.kill('SIGKILL');
      await bot.exited;
      const atKill = applied();
      expect(atKill).toBeLessThan(N); // the kill really landed mid-stream
      bot = runBot(env);
      await sending;
      await stub.waitFor(() => applied() >= N, 'all applied', 90_000);
      await stub.waitFor(() => query<{ n: number }>(dbPath, "select count(*) n from inbox where channel = 'zalo' and handled_at is null")[0]?.n === 0, 'inbox drained', 30_000);
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);

      expect(query<{ n: number }>(dbPath, "select count(*) n from inbox where channel = 'zalo'")[0]!.n).toBe(N);
      const notes = query<{ note: string; n: number }>(dbPath, 'select note, count(*) n from updates group by note');
      expect(notes).toHaveLength(N);
      expect(notes.every((r) => r.n === 1)).toBe(true);
      expect(new Set(notes.map((r) => r.note))).toEqual(new Set(events.map((_, i) => `Báo cáo số ${i}`)));
    } finally {
      bot.child.kill('SIGKILL');
      await stub.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
