// Running for years: webhook mode, health, a second poller, backups and restoring them.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PollingConflictError } from '../../src/channels/telegram/poller.js';
import { isHandled } from '../../src/db/queries/inbox.js';
import { startHarness, type Harness } from '../support/harness.js';
import { seedUpdate, vn } from '../support/seed.js';
import { COORDINATOR, message } from '../support/updates.js';

const open: Harness[] = [];
afterAll(async () => {
  for (const h of open) await h.close().catch(() => undefined);
});
const urlOf = (h: Harness, path: string) => `http://127.0.0.1:${(h.app.http!.address() as AddressInfo).port}${path}`;
const SECRET = 'k457-secret_value-0123456789';

describe('webhook mode', () => {
  it('registers the webhook with its secret, answers a signed update and rejects unsigned ones', async () => {
    const h = await startHarness({ config: { mode: 'webhook', webhook: { domain: 'bot.example.vn', path: '/tg/hook', secret: SECRET }, port: 0 } });
    open.push(h);
    const set = h.stub.callsTo('setWebhook')[0]!;
    expect(set.payload).toMatchObject({ url: 'https://bot.example.vn/tg/hook', secret_token: SECRET });
    expect(h.stub.callsTo('getUpdates')).toHaveLength(0);

    const update = { update_id: 42_001, ...message('/nv II.3') };
    const post = (headers: Record<string, string>, body: unknown = update) =>
      fetch(urlOf(h, '/tg/hook'), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

    expect((await post({})).status).toBe(401);
    expect((await post({ 'X-Telegram-Bot-Api-Secret-Token': 'wrong-secret-value-000000000' })).status).toBe(401);
    expect(isHandled(h.app.db, 42_001)).toBe(false);
    expect(h.app.db.$client.prepare('select count(*) n from inbox where update_id = 42001').get()).toEqual({ n: 0 });

    const before = h.stub.calls.length;
    expect((await post({ 'X-Telegram-Bot-Api-Secret-Token': SECRET })).status).toBe(200);
    const sent = await h.stub.waitForMessages(1, before);
    expect(String(sent[0]!.payload.text)).toContain('Nhiệm vụ II.3');
    // Telegram retries a delivery it thinks failed: applied once.
    expect((await post({ 'X-Telegram-Bot-Api-Secret-Token': SECRET })).status).toBe(200);
    expect((await post({ 'X-Telegram-Bot-Api-Secret-Token': SECRET }, { nope: 1 })).status).toBe(400);
    await h.app.dispatcher.idle();
    expect(h.stub.calls.slice(before).filter((c) => c.method === 'sendMessage')).toHaveLength(1);

    const health = await (await fetch(urlOf(h, '/healthz'))).json();
    expect(health).toMatchObject({ ok: true, mode: 'webhook', database: 'writable', outboxDepth: 0 });
    expect(health.lastUpdateHandledAt).not.toBeNull();
  });
});

describe('/healthz in polling mode', () => {
  it('reports honestly, including a database that cannot be written', async () => {
    const h = await startHarness({ config: { port: 0 } });
    open.push(h);
    await h.send(message('/nv I.1'));
    const res = await fetch(urlOf(h, '/healthz'));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, mode: 'polling', database: 'writable' });
    expect(Date.parse(body.lastUpdateHandledAt)).toBeGreaterThan(Date.now() - 60_000);
    h.app.db.$client.pragma('query_only = ON');
    const broken = await fetch(urlOf(h, '/healthz'));
    expect(broken.status).toBe(503);
    expect(await broken.json()).toMatchObject({ ok: false, database: 'error' });
    h.app.db.$client.pragma('query_only = OFF');
    expect((await fetch(urlOf(h, '/nothing'))).status).toBe(404);
  });
});

describe('a second poller', () => {
  it('stops with a clear error on 409 Conflict instead of fighting', async () => {
    const h = await startHarness();
    open.push(h);
    h.stub.fail('getUpdates', { kind: 'status', code: 409, description: 'Conflict: terminated by other getUpdates request' }, 1);
    await expect(h.app.running).rejects.toBeInstanceOf(PollingConflictError);
  });
});

describe('backups', () => {
  it('/backup sends the coordinator a copy privately, and a restored copy shows the same /status', async () => {
    const clock = vn(2026, 11, 28, 10);
    const h = await startHarness({ now: () => clock });
    open.push(h);
    seedUpdate(h.app.db, { task: 'II.3', agency: 'SCT', status: 'in_progress', percent: 40, note: 'Hội chợ', at: vn(2026, 3, 1) });
    seedUpdate(h.app.db, { task: 'III.1.5', agency: 'CAT', status: 'blocked', note: 'Thiếu kinh phí', at: vn(2026, 9, 1) });
    const status = (await h.ask(message('/tinhhinh', { from: COORDINATOR }))).join('\n');

    const calls = await h.send(message('/saoluu', { from: COORDINATOR, chat: { id: -100777, type: 'supergroup', title: 'Nhóm' } }));
    const doc = calls.find((c) => c.method === 'sendDocument' && c.outcome === 'ok')!;
    expect(Number(doc.payload.chat_id)).toBe(COORDINATOR.id); // not the group
    const bytes = doc.payload.document.bytes as Buffer;
    expect(bytes.subarray(0, 15).toString()).toBe('SQLite format 3');

    // Restore from the file the coordinator received, as the operations guide says.
    const dir = mkdtempSync(join(tmpdir(), 'kh457-restore-'));
    try {
      writeFileSync(join(dir, 'kh457.db'), bytes);
      const restored = await startHarness({ now: () => clock, keepDir: dir });
      open.push(restored);
      // The /backup command was in flight when the copy was taken; the restored bot finishes it first.
      await restored.app.dispatcher.idle();
      await restored.app.outbox.drained();
      // Telegram's update ids only grow; the fresh stand-in must not reuse the old ones.
      const asked = await restored.ask({ update_id: 900_000, ...message('/tinhhinh', { from: COORDINATOR }) });
      expect(asked.join('\n')).toBe(status);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the database, its WAL and the backups are readable by the bot’s user only', async () => {
    const h = await startHarness();
    open.push(h);
    await h.send(message('/trogiup')); // a write, so the WAL exists
    const { backupDatabase } = await import('../../src/ops/backup.js');
    const copy = await backupDatabase(h.app.db, h.config.backupDir, 3, 'Asia/Ho_Chi_Minh');
    const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
    expect(mode(h.config.databasePath)).toBe('600');
    expect(mode(`${h.config.databasePath}-wal`)).toBe('600');
    expect(mode(copy)).toBe('600');
    expect(mode(h.config.backupDir)).toBe('700');
  });

  it('keeps only the newest BACKUP_KEEP copies, named in the configured time zone', async () => {
    const h = await startHarness();
    open.push(h);
    const { backupDatabase, listBackups } = await import('../../src/ops/backup.js');
    for (let i = 0; i < 5; i++) await backupDatabase(h.app.db, h.config.backupDir, 3, 'Asia/Ho_Chi_Minh', Date.UTC(2026, 0, 1 + i, 20, 30, 15));
    expect(listBackups(h.config.backupDir).map((p) => p.slice(-24))).toEqual(['kh457-20260104-033015.db', 'kh457-20260105-033015.db', 'kh457-20260106-033015.db']);
  });
});
