// `npm start` as a user runs it: a real process, configured only through the environment.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotApiStub } from '../support/bot-api-stub.js';
import Database from 'better-sqlite3';
import { COORDINATOR, message } from '../support/updates.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

function run(env: Record<string, string>) {
  const child = spawn(TSX, ['src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe('npm start', () => {
  let stub: BotApiStub;
  let dir: string;
  beforeAll(async () => {
    stub = await new BotApiStub().start();
    dir = mkdtempSync(join(tmpdir(), 'kh457-proc-'));
  });
  afterAll(async () => {
    await stub.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('without BOT_TOKEN explains in Vietnamese and English how to get one, and exits non-zero', async () => {
    const p = run({});
    const code = await p.exited;
    expect(code).not.toBe(0);
    expect(p.err()).toContain('Thiếu BOT_TOKEN');
    expect(p.err()).toContain('BOT_TOKEN is missing');
    expect(p.err()).toContain('@BotFather');
  });

  it('polls the configured API root, answers, never logs the token, and stops cleanly on SIGTERM', async () => {
    const p = run({
      BOT_TOKEN: stub.token,
      TELEGRAM_API_ROOT: stub.apiRoot,
      DATABASE_PATH: join(dir, 'nested', 'kh457.db'),
      LOG_LEVEL: 'debug',
    });
    let child: ChildProcess | undefined = p.child;
    try {
      await stub.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'), 'first poll', 20_000);
      const before = stub.calls.length;
      stub.push(message('/nv II.3'));
      const sent = await stub.waitForMessages(1, before);
      expect(String(sent[0]!.payload.text)).toContain('Khuyến khích xuất khẩu sản phẩm công nghệ sinh học');
      child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      child = undefined;
      expect(p.out()).toContain('starting kh457-bot');
      expect(p.out() + p.err()).not.toContain(stub.token);
    } finally {
      child?.kill('SIGKILL');
    }
  });
});

describe('kill -9 in the middle of a burst of reports', () => {
  it('loses none and applies none twice', async () => {
    const stub = await new BotApiStub().start();
    const dir = mkdtempSync(join(tmpdir(), 'kh457-kill-'));
    const env = {
      BOT_TOKEN: stub.token,
      TELEGRAM_API_ROOT: stub.apiRoot,
      DATABASE_PATH: join(dir, 'kh457.db'),
      // Ten coordinators in ten private chats: Telegram's 1 message/s per chat would otherwise pace the test.
      COORDINATOR_IDS: Array.from({ length: 10 }, (_, k) => COORDINATOR.id + k).join(','),
      LOG_LEVEL: 'warn',
    };
    const N = 60;
    const ids: number[] = [];
    let p = run(env);
    try {
      await stub.waitFor((calls) => calls.some((c) => c.method === 'getUpdates'), 'first poll', 20_000);
      for (let i = 0; i < N; i++) {
        const from = { ...COORDINATOR, id: COORDINATOR.id + (i % 10) };
        const u = stub.push(message(`/capnhat II.3 đang ${i % 100}% Báo cáo lần ${i}`, { from }));
        ids.push(u.update_id);
      }
      // Kill once some, but not all, have been answered.
      await stub.waitFor((calls) => calls.filter((c) => c.method === 'sendMessage').length >= N / 4, 'a quarter answered', 20_000);
      p.child.kill('SIGKILL');
      await p.exited;
      p = run(env);
      await stub.waitFor(() => {
        try {
          const db = new Database(env.DATABASE_PATH, { readonly: true });
          const n = (db.prepare('select count(*) n from updates').get() as { n: number }).n;
          db.close();
          return n >= N;
        } catch {
          return false;
        }
      }, 'every report stored', 30_000);
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      const db = new Database(env.DATABASE_PATH, { readonly: true });
      const rows = db.prepare('select telegram_update_id id, count(*) n from updates group by telegram_update_id').all() as Array<{ id: number; n: number }>;
      db.close();
      expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(ids);
      expect(rows.every((r) => r.n === 1)).toBe(true);
    } finally {
      p.child.kill('SIGKILL');
      await stub.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
