// `npm start` as a user runs it: a real process, configured only through the environment.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotApiStub } from '../support/bot-api-stub.js';
import { runBot } from '../support/process.js';
import { message } from '../support/updates.js';

const run = runBot;

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
