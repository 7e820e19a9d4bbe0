// A /task card is kept for everyone who asks (core/plan-memo.ts), and it ends with how to report on
// it, said differently per channel: "reply to this message" on Telegram, "type /capnhat" on Zalo.
// With both channels in one bot, neither gets the other's (attack review).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotApiStub } from '../support/bot-api-stub.js';
import { COORDINATOR, message, privateChat } from '../support/updates.js';
import { startBothChannels, textsOf, Z_OFFICER, type ZaloHarness } from '../support/zalo-harness.js';

describe('a /task card asked on Telegram and on Zalo', () => {
  let tg: BotApiStub;
  let h: ZaloHarness;
  let both: Awaited<ReturnType<typeof startBothChannels>> | undefined;
  beforeAll(async () => {
    both = await startBothChannels();
    ({ tg, h } = both);
  });
  afterAll(() => both?.close());

  const tgTask = async (code: string) => {
    const before = tg.calls.length;
    tg.push(message(`/nv ${code}`, { from: COORDINATOR, chat: privateChat(COORDINATOR) }));
    await tg.waitFor((calls) => calls.slice(before).some((c) => c.method === 'sendMessage' && String(c.payload.text).includes(code)), 'card');
    return tg.calls.slice(before).filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text)).join('\n');
  };

  it('on Zalo after Telegram: the Zalo way to report', async () => {
    await h.say(Z_OFFICER, '/trogiup'); // the Zalo person exists before (first contact moves the names revision)
    const onTg = await tgTask('III.1.3');
    expect(onTg).toContain('Trả lời (reply) tin này');
    const onZalo = textsOf(await h.say(Z_OFFICER, '/nv III.1.3')).join('\n');
    expect(onZalo).toContain('/capnhat III.1.3 đang 50%'); // task.reply_hint_text, with the card's own code
    expect(onZalo).not.toContain('Trả lời (reply)');
  }, 60_000);

  it('on Telegram after Zalo: the Telegram way to report', async () => {
    const onZalo = textsOf(await h.say(Z_OFFICER, '/nv III.1.2')).join('\n');
    expect(onZalo).toContain('/capnhat III.1.2 đang 50%');
    const onTg = await tgTask('III.1.2');
    expect(onTg).toContain('Trả lời (reply) tin này');
    expect(onTg).not.toContain('đang 50%');
  }, 60_000);
});
