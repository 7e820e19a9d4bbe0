// Telegram and Zalo in one process and one database; and the Zalo pieces that are pure text
// (splitting at 2,000 UTF-16 units, the bot's name in groups, no token in errors).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitLines } from '../../src/channels/text/conversation.js';
import { stripMention } from '../../src/channels/zalo/channel.js';
import { ZaloClient, ZaloError } from '../../src/channels/zalo/client.js';
import { BotApiStub } from '../support/bot-api-stub.js';
import { COORDINATOR, message, OFFICER, privateChat } from '../support/updates.js';
import { startBothChannels, textsOf, Z_OFFICER, Z_STRANGER, type ZaloHarness } from '../support/zalo-harness.js';

describe('Telegram and Zalo together', () => {
  let tg: BotApiStub;
  let h: ZaloHarness;
  let both: Awaited<ReturnType<typeof startBothChannels>> | undefined;
  beforeAll(async () => {
    both = await startBothChannels({ quotaHoldMs: 300 });
    ({ tg, h } = both);
  });
  afterAll(() => both?.close());

  it('a Zalo officer’s report is in the plan the Telegram coordinator sees; a quota refusal is told on Telegram', async () => {
    // The Telegram coordinator approves the Zalo officer with a button.
    await h.say(Z_OFFICER, '/dangky Sở Y tế');
    await tg.waitFor((calls) => calls.some((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === COORDINATOR.id && /Duyệt/.test(JSON.stringify(c.payload.reply_markup ?? {}))), 'the approval request on Telegram');
    const request = tg.callsTo('sendMessage').find((c) => Number(c.payload.chat_id) === COORDINATOR.id && c.payload.reply_markup)!;
    const approve = request.payload.reply_markup.inline_keyboard.flat().find((b: { text: string }) => b.text === '✅ Duyệt');
    const { callback } = await import('../support/updates.js');
    tg.push(callback(approve.callback_data, { from: COORDINATOR, chat: privateChat(COORDINATOR), messageId: request.result.message_id }));
    await h.stub.waitFor((calls) => textsOf(calls).some((t) => t.includes('Bạn đã được duyệt')), 'approval told on Zalo');
    const saved = textsOf(await h.say(Z_OFFICER, '/capnhat III.1.3 đang 45% đã trình dự thảo')).join('\n');
    expect(saved).toContain('Đã ghi nhận cập nhật nhiệm vụ III.1.3');
    const before = tg.calls.length;
    tg.push(message('/tinhhinh Sở Y tế', { from: COORDINATOR, chat: privateChat(COORDINATOR) }));
    await tg.waitFor((calls) => calls.slice(before).some((c) => c.method === 'sendMessage' && String(c.payload.text).includes('III.1.3')), '/tinhhinh on Telegram');
    expect(tg.calls.slice(before).map((c) => String(c.payload.text ?? '')).join('\n')).toContain('45%');

    h.stub.fail('sendMessage', { kind: 'quota' }, 1);
    await h.say(Z_OFFICER, '/kehoach');
    await tg.waitFor((calls) => calls.some((c) => c.method === 'sendMessage' && String(c.payload.text).includes('hết hạn mức')), 'the quota notice on Telegram', 40_000);
  }, 60_000);

  it('an officer linked on both channels reports on Zalo and sees it on Telegram', async () => {
    const { callback } = await import('../support/updates.js');
    const tgSay = async (text: string, from = OFFICER) => {
      const before = tg.calls.length;
      tg.push(message(text, { from, chat: privateChat(from) }));
      await tg.waitFor((calls) => calls.slice(before).some((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === from.id), `an answer to ${text}`);
      return tg.calls.slice(before).filter((c) => c.method === 'sendMessage');
    };
    // Minh is Sở Y tế's officer on Telegram.
    await tgSay('/dangky Sở Y tế');
    const isRequest = (c: { method: string; payload: any }) =>
      c.method === 'sendMessage' && Number(c.payload.chat_id) === COORDINATOR.id && !!c.payload.reply_markup && String(c.payload.text).includes(String(OFFICER.id));
    await tg.waitFor((calls) => calls.some(isRequest), 'the request');
    const request = [...tg.callsTo('sendMessage')].reverse().find(isRequest)!;
    const approve = request.payload.reply_markup.inline_keyboard.flat().find((b: { text: string }) => b.text === '✅ Duyệt');
    tg.push(callback(approve.callback_data, { from: COORDINATOR, chat: privateChat(COORDINATOR), messageId: request.result.message_id }));
    await tg.waitFor((calls) => calls.some((c) => Number(c.payload.chat_id) === OFFICER.id && String(c.payload.text).includes('Bạn đã được duyệt')), 'approval');
    // He shows a code on Telegram and types it on Zalo (as a Zalo user the bot has not seen yet).
    const shown = (await tgSay('/lienketkenh')).map((c) => String(c.payload.text)).join('\n');
    const code = /\b(\d{6})\b/.exec(shown)![1]!;
    expect(textsOf(await h.say(Z_STRANGER, `/lienketkenh ${code}`)).join('\n')).toContain('Sở Y tế');
    // A report made on Zalo is his, on Telegram too.
    expect(textsOf(await h.say(Z_STRANGER, '/capnhat III.1.2 đang 35% đã họp với Sở Công Thương')).join('\n')).toContain('Đã ghi nhận cập nhật nhiệm vụ III.1.2');
    const history = (await tgSay('/lichsu III.1.2')).map((c) => String(c.payload.text)).join('\n');
    expect(history).toContain('đã họp với Sở Công Thương');
    expect(history).toContain('35%');
  }, 60_000);
});

describe('Telegram and Zalo together, Zalo’s token refused', () => {
  let tg: BotApiStub;
  let h: ZaloHarness;
  let both: Awaited<ReturnType<typeof startBothChannels>> | undefined;
  beforeAll(async () => {
    both = await startBothChannels();
    ({ tg, h } = both);
  });
  afterAll(() => both?.close());

  it('stops only Zalo: the Telegram coordinator is told once, and Telegram keeps answering', async () => {
    let ended: unknown = 'no';
    h.app.running.then(
      () => (ended = 'resolved'),
      (e: unknown) => (ended = e),
    );
    const tgAnswer = async (text: string, expected: string) => {
      const before = tg.calls.length;
      tg.push(message(text, { from: COORDINATOR, chat: privateChat(COORDINATOR) }));
      await tg.waitFor((calls) => calls.slice(before).some((c) => c.method === 'sendMessage' && String(c.payload.text).includes(expected)), `${text} on Telegram`);
    };
    await tgAnswer('/kehoach', '457');
    expect(textsOf(await h.say(Z_OFFICER, '/kehoach')).join('\n')).toContain('457');
    // Revoked in Zalo Bot Creator (or a proxy answering 401).
    h.stub.fail('getUpdates', { kind: 'api', code: 401, httpStatus: 401, description: 'Unauthorized' }, 2);
    const told = () => tg.callsTo('sendMessage').filter((c) => Number(c.payload.chat_id) === COORDINATOR.id && String(c.payload.text).includes('Kênh Zalo của bot đã dừng'));
    await tg.waitFor(() => told().length > 0, 'the notice on Telegram', 20_000);
    const refusedAt = h.stub.calls.findIndex((c) => c.method === 'getUpdates' && c.outcome === 401);
    await tgAnswer('/kehoach', '457');
    await tgAnswer('/trogiup', '/tinhhinh');
    expect(told()).toHaveLength(1);
    expect(String(told()[0]!.payload.text)).toContain('ZALO_BOT_TOKEN');
    expect(ended).toBe('no');
    // Zalo is not polled again in this process.
    expect(h.stub.calls.slice(refusedAt + 1).filter((c) => c.method === 'getUpdates')).toEqual([]);
  }, 60_000);
});

describe('Zalo text', () => {
  it('splits at 2,000 UTF-16 code units, never inside an emoji, in order', () => {
    const text = '😀'.repeat(1500); // 3,000 code units on one line
    const parts = splitLines(text, 2000);
    expect(parts.map((p) => p.length)).toEqual([2000, 1000]);
    expect(parts.join('')).toBe(text);
    const odd = `a${'😀'.repeat(1500)}`;
    const cut = splitLines(odd, 2000);
    expect(cut[0]!.length).toBe(1999);
    expect(cut.join('')).toBe(odd);
  });

  it('strips the bot’s own name, spaces and case included, before reading a group message', () => {
    expect(stripMention('@KH457 An Giang /tinhhinh', ['KH457 An Giang', 'bot.kh457'])).toBe('/tinhhinh');
    expect(stripMention('@kh457 an giang: 2', ['KH457 An Giang'])).toBe('2');
    expect(stripMention('@bot.kh457 /nv II.3', ['KH457 An Giang', 'bot.kh457'])).toBe('/nv II.3');
    expect(stripMention('@Ai Khác /nv II.3', [])).toBe('/nv II.3');
    expect(stripMention('KH457 An Giangxyz', ['KH457 An Giang'])).toBe('KH457 An Giangxyz');
    // Typed in decomposed form (Unikey's "Unicode tổ hợp"): the name is longer in code units.
    expect(stripMention('@Trợ lý KH457 /tinhhinh'.normalize('NFD'), ['Trợ lý KH457'])).toBe('/tinhhinh');
    expect(stripMention('@trợ lý kh457 2'.normalize('NFD'), ['Trợ lý KH457'])).toBe('2');
  });

  it('never puts the token into an error', async () => {
    const token = '99999:very-secret-token-value';
    const err = await new ZaloClient(token, 'http://127.0.0.1:9', 2000).getMe().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloError);
    expect(String((err as Error).message) + String((err as Error).stack)).not.toContain('very-secret');
    expect((err as ZaloError).isTransient).toBe(true);
  });
});
