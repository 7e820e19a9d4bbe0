import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { SendLimiter } from '../../src/delivery/limiter.js';
import { createLogger } from '../../src/logger.js';
import { callThroughGate, classifyFailure } from '../../src/channels/telegram/telegram-gate.js';

const tgError = (code: number, parameters?: Record<string, number>) =>
  new TelegramError({ error_code: code, description: `err ${code}`, parameters });

describe('classifyFailure', () => {
  it('reads Telegram errors', () => {
    expect(classifyFailure(tgError(429, { retry_after: 7 }))).toEqual({ kind: 'rate_limited', retryAfterMs: 7000 });
    expect(classifyFailure(tgError(502))).toEqual({ kind: 'transient' });
    expect(classifyFailure(tgError(400, { migrate_to_chat_id: -100999 }))).toEqual({ kind: 'migrated', toChatId: -100999 });
    expect(classifyFailure(tgError(403))).toEqual({ kind: 'forbidden' });
    expect(classifyFailure(tgError(400))).toEqual({ kind: 'fatal' });
  });
  it('treats dropped connections as transient', () => {
    expect(classifyFailure(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toEqual({ kind: 'transient' });
    expect(classifyFailure(Object.assign(new Error('x'), { type: 'system', errno: 'ECONNRESET' }))).toEqual({ kind: 'transient' });
    expect(classifyFailure(new Error('boom'))).toEqual({ kind: 'fatal' });
  });
});

describe('callThroughGate', () => {
  const log = createLogger('silent');
  const noLimits = new SendLimiter({ perChatGapMs: 0, groupWindowMs: 1, groupMaxInWindow: 1e9, globalGapMs: 0 });

  it('waits retry_after on 429, then succeeds', async () => {
    const waits: number[] = [];
    let n = 0;
    const result = await callThroughGate(
      'sendMessage',
      { chat_id: 1, text: 'x' },
      async () => {
        if (n++ === 0) throw tgError(429, { retry_after: 3 });
        return 'sent';
      },
      { limiter: noLimits, log, sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('sent');
    expect(waits).toEqual([3000]);
  });

  it('moves to the new chat id after a supergroup migration', async () => {
    const seen: unknown[] = [];
    const migrations: Array<[number, number]> = [];
    await callThroughGate(
      'sendMessage',
      { chat_id: -5, text: 'x' },
      async (p) => {
        seen.push(p!.chat_id);
        if (p!.chat_id === -5) throw tgError(400, { migrate_to_chat_id: -1005 });
        return true;
      },
      { limiter: noLimits, log, onMigrate: (a, b) => migrations.push([a, b]), sleep: async () => {} },
    );
    expect(seen).toEqual([-5, -1005]);
    expect(migrations).toEqual([[-5, -1005]]);
  });

  it('gives up after maxAttempts and does not retry a 400', async () => {
    let calls = 0;
    await expect(
      callThroughGate('sendMessage', { chat_id: 1 }, async () => {
        calls++;
        throw tgError(500);
      }, { limiter: noLimits, log, maxAttempts: 3, sleep: async () => {} }),
    ).rejects.toThrow('err 500');
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      callThroughGate('sendMessage', { chat_id: 1 }, async () => {
        calls++;
        throw tgError(400);
      }, { limiter: noLimits, log, sleep: async () => {} }),
    ).rejects.toThrow();
    expect(calls).toBe(1);
  });
});
