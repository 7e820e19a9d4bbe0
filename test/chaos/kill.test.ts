// kill -9 during a burst of 1,000 reports from 50 people in 20 groups; restart; every report
// is applied exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BotApiStub } from '../support/bot-api-stub.js';
import { query, runBot } from '../support/process.js';
import { groupChat, message } from '../support/updates.js';

const N = 1000;
const USERS = Array.from({ length: 50 }, (_, i) => ({ id: 810_000 + i, is_bot: false, first_name: `Người ${i}` }));
const GROUPS = Array.from({ length: 20 }, (_, i) => groupChat(-1006000000000 - i, `Nhóm ${i}`));

describe('kill -9 mid-burst', () => {
  it('loses none and applies none twice', async () => {
    const stub = await new BotApiStub().start();
    const dir = mkdtempSync(join(tmpdir(), 'kh457-chaos-'));
    const dbPath = join(dir, 'kh457.db');
    const env = {
      BOT_TOKEN: stub.token,
      TELEGRAM_API_ROOT: stub.apiRoot,
      DATABASE_PATH: dbPath,
      // Fifty people allowed to report on any task, so every update is a change to the database.
      COORDINATOR_IDS: USERS.map((u) => u.id).join(','),
      SEND_LIMITS: 'none',
      LOG_LEVEL: 'error',
    };
    const ids: number[] = [];
    let bot = runBot(env);
    try {
      await stub.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'), 'first poll', 30_000);
      for (let i = 0; i < N; i++) {
        const u = stub.push(message(`/capnhat II.3 đang ${i % 101}% Báo cáo số ${i}`, { from: USERS[i % USERS.length], chat: GROUPS[i % GROUPS.length] }));
        ids.push(u.update_id);
      }
      await stub.waitFor(() => (query<{ n: number }>(dbPath, 'select count(*) n from updates')[0]?.n ?? 0) >= N / 4, 'a quarter applied', 60_000);
      bot.child.kill('SIGKILL');
      await bot.exited;
      const atKill = query<{ n: number }>(dbPath, 'select count(*) n from updates')[0]!.n;
      expect(atKill).toBeLessThan(N); // the kill really landed mid-burst

      bot = runBot(env);
      await stub.waitFor(() => (query<{ n: number }>(dbPath, 'select count(*) n from updates')[0]?.n ?? 0) >= N, 'all applied', 90_000);
      await stub.waitFor(() => query<{ n: number }>(dbPath, 'select count(*) n from inbox where handled_at is null')[0]?.n === 0, 'inbox drained', 30_000);
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);

      const rows = query<{ id: number; n: number }>(dbPath, 'select telegram_update_id id, count(*) n from updates group by telegram_update_id order by id');
      expect(rows).toHaveLength(N);
      expect(rows.map((r) => r.id)).toEqual(ids);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      // Each update's note matches the message it came from.
      const notes = query<{ id: number; note: string }>(dbPath, 'select telegram_update_id id, note from updates order by telegram_update_id');
      notes.forEach((r, i) => expect(r.note).toBe(`Báo cáo số ${i}`));
    } finally {
      bot.child.kill('SIGKILL');
      await stub.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
