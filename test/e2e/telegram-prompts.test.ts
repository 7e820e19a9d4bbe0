// Telegram's force-reply prompt for a note stays answerable, with the status its button chose (attack review).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../support/bot-api-stub.js';
import { registerOfficer, startHarness, type Harness } from '../support/harness.js';
import { botMessageRef, callback, message, OFFICER, type TgUser } from '../support/updates.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await registerOfficer(h, OFFICER, 'Sở Y tế');
});
afterAll(() => h?.close());

const rows = () => h.app.db.$client.prepare('select task_code t, agency_code a, user_id u, status s, percent p, note from updates order by id').all() as Array<Record<string, unknown>>;
const sent = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'sendMessage' && c.outcome === 'ok');
const buttons = (m: RecordedCall) => (m.payload.reply_markup?.inline_keyboard ?? []).flat() as Array<{ text: string; callback_data: string }>;
const press = (m: RecordedCall, re: RegExp, from: TgUser = OFFICER, chat?: any) => {
  const b = buttons(m).find((x) => re.test(x.text))!;
  return h.send(callback(b.callback_data, { from, messageId: m.result.message_id, chat: chat ?? { id: Number(m.payload.chat_id), type: 'private' } }));
};
const replyTo = (m: RecordedCall, text: string, from: TgUser = OFFICER, chat?: any) =>
  h.send(message(text, { from, chat, replyTo: botMessageRef(Number(m.payload.chat_id), m.result.message_id) }));

/** /capnhat <task>, press the status, return the force-reply prompt. */
async function notePrompt(task: string, status: RegExp, from: TgUser = OFFICER, chat?: any) {
  const [menu] = sent(await h.send(message(`/capnhat ${task}`, { from, chat })));
  const calls = await press(menu!, status, from, chat);
  const p = sent(calls).find((c) => c.payload.reply_markup?.force_reply)!;
  return p;
}

describe('the note prompt on Telegram', () => {
  it('answered with a note that raises a question, then replied to again: the reply keeps the status its button chose', async () => {
    const p = await notePrompt('III.1.3', /Vướng|Gặp/);
    const q = await replyTo(p, 'Đã khảo sát 3 xã, đạt 30% kế hoạch');
    expect(String(sent(q)[0]!.payload.text)).toContain('Chưa lưu gì');
    await replyTo(p, 'Thiếu kinh phí đối ứng, chờ bổ sung');
    expect(rows().at(-1)).toMatchObject({ t: 'III.1.3', s: 'blocked', note: 'Thiếu kinh phí đối ứng, chờ bổ sung' });
  });
});
