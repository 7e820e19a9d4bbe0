// The Telegram channel maps its ids to internal ones in one place each way: who and where on the
// way in (identify, actorOf, conversationOf), the chat to send to on the way out (the transport).
// Shown with the one case where the two differ: a Telegram id already taken by another channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatId } from '../../src/db/queries/chats.js';
import { enqueue } from '../../src/delivery/outbox.js';
import { startHarness, type Harness } from '../support/harness.js';
import { message, type TgUser } from '../support/updates.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const sql = (q: string, ...a: unknown[]) => h.app.db.$client.prepare(q).all(...a) as Array<Record<string, unknown>>;

describe('identities on Telegram', () => {
  it('a Telegram person whose id is taken elsewhere acts as their own internal person', async () => {
    const LAN: TgUser = { id: 900555, is_bot: false, first_name: 'Lan' };
    h.app.db.$client.prepare("insert into users (id, channel, external_id, first_name, created_at, updated_at) values (900555, 'zalo', 'z-555', 'Zalo person', 0, 0)").run();
    const calls = await h.send(message('/start', { from: LAN }));
    // Answered in their Telegram chat…
    expect(calls.some((c) => c.method === 'sendMessage' && c.payload.chat_id === 900555 && String(c.payload.text).includes('Lan'))).toBe(true);
    // …and what /start records (the private chat is open) is on their own row, not the other channel's.
    const [lan] = sql("select id, private_chat_open from users where channel = 'telegram' and external_id = '900555'");
    expect(lan!.id).not.toBe(900555);
    expect(lan!.private_chat_open).toBe(1);
    expect(sql('select channel, private_chat_open from users where id = 900555')).toEqual([{ channel: 'zalo', private_chat_open: 0 }]);
  });

  it('the outbox names chats by internal id; the transport sends to the Telegram chat id', async () => {
    h.app.db.$client.prepare("insert into chats (id, channel, external_id, type, updated_at) values (-4002, 'zalo', 'g-2', 'group', 0)").run();
    const internal = chatId(h.app.db, 'telegram', '-4002', { type: 'group', title: 'Nhóm' }, Date.now());
    expect(internal).not.toBe(-4002);
    const before = h.stub.calls.length;
    enqueue(h.app.db, { dedupeKey: 'identities:1', chatId: internal, kind: 'notice', payload: { text: 'Xin chào' } }, Date.now());
    enqueue(h.app.db, { dedupeKey: 'identities:2', chatId: -4002, kind: 'notice', payload: { text: 'Không phải Telegram' } }, Date.now());
    h.app.outbox.kick();
    await h.app.outbox.drained();
    const sent = h.stub.calls.slice(before).filter((c) => c.method === 'sendMessage');
    expect(sent.map((c) => [c.payload.chat_id, c.payload.text])).toEqual([[-4002, 'Xin chào']]);
    // A chat of another channel is never sent to Telegram.
    expect(sql("select status from outbox where dedupe_key = 'identities:2'")).toEqual([{ status: 'dead' }]);
  });
});
