// The scenario driver for Telegram: updates pushed into the Bot API stand-in, calls read back.
import { sendDigest } from '../../src/jobs/digest.js';
import { htmlToPlain } from '../../src/channels/telegram/html.js';
import { startHarness } from '../support/harness.js';
import type { RecordedCall } from '../support/bot-api-stub.js';
import { botMessageRef, callback, COORDINATOR, groupChat, message, OFFICER, privateChat, STRANGER, type TgUser } from '../support/updates.js';
import type { BotMessage, Driver, Person, Place } from './driver.js';

const USERS: Record<Person, TgUser> = { thao: COORDINATOR, minh: OFFICER, khach: STRANGER };
const YTE = groupChat(-1005000000457, 'Sở Y tế — KH457');

export async function telegramDriver(): Promise<Driver> {
  const h = await startHarness();
  const chatOf = (who: Person, where: Place) => (where === 'yte' ? YTE : privateChat(USERS[who]));
  const keyOf = (chatId: number): BotMessage['to'] =>
    chatId === YTE.id ? 'yte' : ((Object.entries(USERS).find(([, u]) => u.id === chatId)?.[0] ?? 'khach') as Person);
  const sent = (calls: RecordedCall[]): BotMessage[] =>
    calls
      .filter((c) => c.outcome === 'ok' && ['sendMessage', 'editMessageText', 'sendDocument', 'sendPhoto'].includes(c.method))
      .map((c) => ({
        to: keyOf(Number(c.payload.chat_id ?? c.result?.chat?.id)),
        text: htmlToPlain(String(c.payload.text ?? c.payload.caption ?? '')),
        choices: (c.payload.reply_markup?.inline_keyboard ?? []).flat().map((b: { text: string }) => b.text),
        ...(c.payload.document ? { file: { name: c.payload.document.filename, bytes: c.payload.document.bytes } } : {}),
      }));
  /** The latest bot message in `chat` matching `pick`, from every call so far. */
  const latest = (chatId: number, pick: (c: RecordedCall) => boolean) =>
    [...h.stub.calls].reverse().find((c) => c.outcome === 'ok' && Number(c.payload.chat_id) === chatId && pick(c));
  return {
    channel: 'telegram',
    async type(who, where, text) {
      return sent(await h.send(message(text, { from: USERS[who], chat: chatOf(who, where) })));
    },
    async choose(who, where, label) {
      const chat = chatOf(who, where);
      const matches = (b: { text: string }) => (typeof label === 'string' ? b.text === label : label.test(b.text));
      const call = latest(chat.id, (c) => (c.payload.reply_markup?.inline_keyboard ?? []).flat().some(matches));
      if (!call) throw new Error(`no choice ${label} offered to ${who} in ${where}`);
      const button = call.payload.reply_markup.inline_keyboard.flat().find(matches);
      return sent(await h.send(callback(button.callback_data, { from: USERS[who], chat, messageId: call.result.message_id })));
    },
    async answer(who, where, text) {
      const chat = chatOf(who, where);
      const asked = latest(chat.id, (c) => c.method === 'sendMessage' && !!c.payload.reply_markup?.force_reply);
      if (!asked) throw new Error(`no question waits for ${who} in ${where}`);
      return sent(await h.send(message(text, { from: USERS[who], chat, replyTo: botMessageRef(chat.id, asked.result.message_id) })));
    },
    async digest() {
      const before = h.stub.calls.length;
      await sendDigest(h.app.jobs, { trigger: 'manual', chat: { id: COORDINATOR.id, threadId: null } });
      await h.app.outbox.drained();
      return sent(h.stub.calls.slice(before));
    },
    close: () => h.close(),
  };
}
