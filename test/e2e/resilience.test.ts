// What must not break the bot: hostile input, Bot API failures, redelivery and restarts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeUpdates } from '../../src/db/queries/inbox.js';
import { startHarness, type Harness } from '../support/harness.js';
import { callback, message, OFFICER } from '../support/updates.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const joined = (t: string[]) => t.join('\n');

describe('hostile input', () => {
  it('escapes markup and ampersands in what it echoes', async () => {
    const texts = await h.ask(message('/nv <b>II.3</b> & <i>'));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('&lt;b&gt;II.3&lt;/b&gt; &amp; &lt;i&gt;');
    expect(texts[0]).not.toContain('<i>');
  });

  it('answers a 5,000-character argument briefly', async () => {
    const texts = await h.ask(message(`/tasks ${'á<'.repeat(2500)}`));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('quá dài');
    const task = await h.ask(message(`/nv ${'x'.repeat(5000)}`));
    expect(task[0]!.length).toBeLessThan(400);
  });

  it('handles emoji, control characters and right-to-left marks', async () => {
    const texts = await h.ask(message('/tasks 🌾\u0000\u200f\u202e nông'));
    expect(texts).toHaveLength(1);
  });

  it('still answers normally afterwards', async () => {
    expect(joined(await h.ask(message('/nv II.3')))).toContain('Nhiệm vụ II.3');
  });
});

describe('Bot API failures', () => {
  it('retries a reply after 429 with retry_after', async () => {
    h.stub.fail('sendMessage', { kind: 'retry_after', seconds: 1 });
    const calls = await h.send(message('/nv I.1'));
    const sends = calls.filter((c) => c.method === 'sendMessage');
    expect(sends.map((c) => c.outcome)).toEqual([429, 'ok']);
    expect(sends[1]!.at - sends[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('retries after 500 and after a dropped connection', async () => {
    h.stub.fail('sendMessage', { kind: 'status', code: 500 });
    h.stub.fail('sendMessage', { kind: 'drop' });
    const calls = await h.send(message('/nv I.2'));
    const sends = calls.filter((c) => c.method === 'sendMessage');
    expect(sends.map((c) => c.outcome)).toEqual([500, 'dropped', 'ok']);
    expect(String(sends[2]!.payload.text)).toContain('Nhiệm vụ I.2');
  });

  it('survives a failing handler and keeps serving', async () => {
    // answerCallbackQuery failing with 400 makes the language handler throw mid-way.
    h.stub.fail('answerCallbackQuery', { kind: 'status', code: 400, description: 'Bad Request: query is too old' });
    await h.send(callback('lang:vi'));
    expect(joined(await h.ask(message('/nv II.1')))).toContain('Nhiệm vụ II.1');
  });

  it('keeps an answer Telegram refused every time, and delivers it later, once, without an apology', async () => {
    const from = { ...OFFICER, id: 900777 };
    h.stub.fail('sendMessage', { kind: 'status', code: 502 }, 6, (p) => Number(p.chat_id) === from.id);
    const calls = await h.send(message('/nv II.4', { from }));
    const sends = calls.filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === from.id);
    expect(sends.filter((c) => c.outcome === 502)).toHaveLength(6);
    const delivered = sends.filter((c) => c.outcome === 'ok');
    expect(delivered).toHaveLength(1);
    expect(String(delivered[0]!.payload.text)).toContain('Nhiệm vụ II.4');
    expect(sends.some((c) => String(c.payload.text).includes('Xin lỗi'))).toBe(false);
  });

  it('keeps polling after getUpdates fails', async () => {
    h.stub.fail('getUpdates', { kind: 'drop' });
    expect(joined(await h.ask(message('/nv V.1')))).toContain('Nhiệm vụ V.1');
  });
});

describe('exactly once', () => {
  it('answers a redelivered update once', async () => {
    const update = { update_id: 555_001, ...message('/nv IV.1') };
    const first = await h.send(update);
    expect(first.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
    const before = h.stub.calls.length;
    h.stub.push({ ...update });
    h.stub.push(message('/nv IV.2'));
    await h.stub.waitForMessages(1, before);
    await h.app.dispatcher.idle();
    const texts = h.stub.sentTexts().slice(-1);
    expect(texts[0]).toContain('IV.2');
    expect(h.stub.calls.slice(before).filter((c) => c.method === 'sendMessage' && String(c.payload.text).includes('IV.1'))).toHaveLength(0);
  });

  it('replays, after a restart, an update that was stored but not handled', async () => {
    await h.app.stop();
    // As if the process died after saving the batch and before handling it.
    const { openDatabase } = await import('../../src/db/open.js');
    const db = openDatabase(h.config.databasePath);
    storeUpdates(db, [{ update_id: 777_001, ...message('/nv V.3', { from: OFFICER }) }]);
    db.$client.close();
    const before = h.stub.calls.length;
    await h.restart();
    const sent = await h.stub.waitForMessages(1, before);
    await h.app.dispatcher.idle();
    expect(String(sent[0]!.payload.text)).toContain('Nhiệm vụ V.3');
    const row = h.app.db.$client.prepare('select handled_at from inbox where update_id = 777001').get() as { handled_at: number | null };
    expect(row.handled_at).not.toBeNull();
  });
});
