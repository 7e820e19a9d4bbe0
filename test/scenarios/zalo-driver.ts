// The scenario driver for Zalo: events pushed into the Zalo stand-in (polling), what the bot sent
// read back as the person sees it — plain text whose last numbered lines are the choices, files as
// links that are fetched over HTTP from the bot's own server.
import { sendDigest } from '../../src/jobs/digest.js';
import { zaloChat } from '../../src/channels/zalo/identities.js';
import type { ZaloCall, ZaloPerson } from '../support/zalo-api-stub.js';
import { startZaloHarness, Z_COORDINATOR, Z_GROUP, Z_OFFICER, Z_STRANGER } from '../support/zalo-harness.js';
import type { BotMessage, Driver, Person, Place } from './driver.js';

const PEOPLE: Record<Person, ZaloPerson> = { thao: Z_COORDINATOR, minh: Z_OFFICER, khach: Z_STRANGER };
// How people address the bot in a group: its display name from getMe (the stand-in's), with spaces.
const MENTION = '@KH457 An Giang ';

/** The choices of a message: its last lines "1. …", "2. …", numbered from 1 in order. */
function choicesOf(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^(\d+)\. (.*)$/.exec(lines[i]!);
    if (!m) break;
    out.unshift(m[2]!);
  }
  return out.every((_, i) => lines[lines.length - out.length + i]!.startsWith(`${i + 1}. `)) ? out : [];
}

export async function zaloDriver(): Promise<Driver> {
  const h = await startZaloHarness();
  // Zalo users must write first: the coordinator has opened a chat with the bot, as on Telegram
  // they pressed Start.
  await h.say(Z_COORDINATOR, '/start');
  const keyOf = (chatId: string): BotMessage['to'] =>
    chatId === Z_GROUP ? 'yte' : ((Object.entries(PEOPLE).find(([, p]) => p.id === chatId)?.[0] ?? 'khach') as Person);
  const sent = async (calls: ZaloCall[]): Promise<BotMessage[]> => {
    const out: BotMessage[] = [];
    for (const c of calls.filter((x) => x.outcome === 'ok' && (x.method === 'sendMessage' || x.method === 'sendPhoto'))) {
      const text = String(c.payload.text ?? c.payload.caption ?? '');
      const link = /^📎 (.+?): (https?:\/\/\S+\/f\/\S+)$/m.exec(text);
      let file: BotMessage['file'];
      if (link) {
        const res = await fetch(link[2]!);
        if (res.status !== 200) throw new Error(`the link to ${link[1]} answered ${res.status}`);
        file = { name: link[1]!, bytes: Buffer.from(await res.arrayBuffer()) };
      }
      out.push({ to: keyOf(String(c.payload.chat_id)), text, choices: choicesOf(text), ...(file ? { file } : {}) });
    }
    return out;
  };
  const typed = async (who: Person, where: Place, text: string) =>
    sent(await h.say(PEOPLE[who], where === 'yte' ? `${MENTION}${text}` : text, where === 'yte' ? { group: Z_GROUP } : {}));
  return {
    channel: 'zalo',
    type: typed,
    async choose(who, where, label) {
      const chat = where === 'yte' ? Z_GROUP : PEOPLE[who].id;
      const matches = (c: string) => (typeof label === 'string' ? c === label : label.test(c));
      const offer = [...h.stub.sent(chat)].reverse().map((c) => choicesOf(String(c.payload.text ?? ''))).find((cs) => cs.some(matches));
      if (!offer) throw new Error(`no choice ${label} offered to ${who} in ${where}`);
      return typed(who, where, String(offer.findIndex(matches) + 1));
    },
    answer: typed,
    async digest() {
      const before = h.stub.calls.length;
      await sendDigest(h.app.jobs, { trigger: 'manual', chat: { id: zaloChat(h.app.db, Z_COORDINATOR.id, 'private', Date.now()), threadId: null } });
      await h.settle();
      return sent(h.stub.calls.slice(before));
    },
    close: () => h.close(),
  };
}
