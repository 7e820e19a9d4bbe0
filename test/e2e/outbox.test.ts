// The outbox under failure: a digest and reminders to 60 groups, with 429s, 500s and dropped
// connections injected, at Telegram's real limits. All arrive once; none faster than allowed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDigest } from '../../src/jobs/digest.js';
import { runReminders } from '../../src/jobs/reminders.js';
import { TELEGRAM_LIMITS } from '../../src/delivery/limiter.js';
import { upsertChat } from '../../src/db/queries/chats.js';
import { startHarness, type Harness } from '../support/harness.js';
import { vn } from '../support/seed.js';
import { COORDINATOR, groupChat, message } from '../support/updates.js';

let h: Harness;
const clock = vn(2026, 11, 25, 9); // a Wednesday
const AGENCIES = ['SKHCN', 'SCT', 'SYT', 'SGDDT', 'CAT', 'SNNMT', 'STC', 'SNV', 'TKT', 'LHHKHKT'];
const groups = Array.from({ length: 60 }, (_, i) => -1009000000000 - i);
const DIGEST = groupChat(-1008000000001, 'Tổng hợp');

beforeAll(async () => {
  h = await startHarness({ now: () => clock, limits: TELEGRAM_LIMITS });
  groups.forEach((id, i) => upsertChat(h.app.db, { id, type: 'supergroup', title: `Nhóm ${i}` }, clock, { agencyCode: AGENCIES[i % AGENCIES.length]! }));
  await h.send(message('/dattonghop', { from: COORDINATOR, chat: DIGEST }));
});
afterAll(() => h?.close());

describe('delivery under failure', () => {
  it('delivers every message exactly once, within the limits', async () => {
    const before = h.stub.calls.length;
    for (let i = 0; i < 4; i++) h.stub.fail('sendMessage', { kind: 'retry_after', seconds: 1 });
    for (let i = 0; i < 4; i++) h.stub.fail('sendMessage', { kind: 'status', code: 502 });
    for (let i = 0; i < 4; i++) h.stub.fail('sendMessage', { kind: 'drop' });
    h.stub.fail('sendPhoto', { kind: 'status', code: 500 });

    expect((await sendDigest(h.app.jobs, { trigger: 'manual' })).kind).toBe('sent');
    expect(runReminders(h.app.jobs, 'weekly').reminded).toHaveLength(AGENCIES.length);
    await h.app.outbox.drained(60_000);

    const calls = h.stub.calls.slice(before).filter((c) => ['sendMessage', 'sendPhoto'].includes(c.method));
    const ok = calls.filter((c) => c.outcome === 'ok');
    // Exactly once: one reminder per group, one picture and one text for the digest.
    for (const id of groups) expect(ok.filter((c) => Number(c.payload.chat_id) === id)).toHaveLength(1);
    expect(ok.filter((c) => Number(c.payload.chat_id) === DIGEST.id).map((c) => c.method)).toEqual(['sendPhoto', 'sendMessage']);
    // And one notice to the coordinator naming the agencies owing reports that nobody can be reminded at.
    expect(ok.filter((c) => String(c.payload.text).includes('bot không nhắc được'))).toHaveLength(1);
    expect(ok).toHaveLength(63);
    // The failures happened and were retried.
    expect(calls.filter((c) => c.outcome !== 'ok')).toHaveLength(13);
    expect(h.app.db.$client.prepare("select count(*) n from outbox where status != 'sent'").get()).toEqual({ n: 0 });

    // Never faster than allowed: ≥ 1 s between sends to one chat, ≤ 25 sends in any second overall.
    // Times are taken where the stand-in receives each request, so allow 50 ms of transport jitter.
    const byChat = new Map<number, number[]>();
    for (const c of calls) byChat.set(Number(c.payload.chat_id), [...(byChat.get(Number(c.payload.chat_id)) ?? []), c.at]);
    for (const times of byChat.values()) for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(950);
    const all = calls.map((c) => c.at).sort((a, b) => a - b);
    for (let i = 25; i < all.length; i++) expect(all[i]! - all[i - 25]!).toBeGreaterThanOrEqual(950);
    // A 429 is honoured: the retry of that chat waited retry_after.
    const limited = calls.filter((c) => c.outcome === 429).map((c) => Number(c.payload.chat_id));
    for (const chat of limited) {
      const times = byChat.get(chat)!;
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1000);
    }
  }, 90_000);

  it('a removed group is marked inactive and the coordinator told', async () => {
    const gone = groupChat(-1007000000001, 'Nhóm đã xóa bot <b>&');
    upsertChat(h.app.db, gone, clock, { agencyCode: 'SYT' });
    h.stub.fail('sendMessage', { kind: 'status', code: 403, description: 'Forbidden: bot was kicked from the supergroup chat' }, 1, (p) => Number(p.chat_id) === gone.id);
    const before = h.stub.calls.length;
    const { enqueue } = await import('../../src/delivery/outbox.js');
    enqueue(h.app.db, { dedupeKey: 'test:forbidden', chatId: gone.id, kind: 'reminder', payload: { text: 'x' } }, clock);
    h.app.outbox.kick();
    await h.app.outbox.drained();
    await h.app.outbox.drained();
    expect(h.app.db.$client.prepare('select active from chats where id = ?').get(gone.id)).toEqual({ active: 0 });
    const notice = h.stub.calls.slice(before).find((c) => c.outcome === 'ok' && Number(c.payload.chat_id) === COORDINATOR.id)!;
    expect(notice.payload.text).toContain('Nhóm đã xóa bot &lt;b&gt;&amp;'); // the title is escaped, so Telegram accepts the notice
    expect(h.stub.refusals).toEqual([]);
  });

  it('follows a group that became a supergroup and resends there', async () => {
    const old = -5000001;
    upsertChat(h.app.db, { id: old, type: 'group', title: 'Nhóm thường' }, clock, { agencyCode: 'SCT' });
    h.stub.fail('sendMessage', { kind: 'status', code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: -1005000001 } }, 1, (p) => Number(p.chat_id) === old);
    const { enqueue } = await import('../../src/delivery/outbox.js');
    const before = h.stub.calls.length;
    enqueue(h.app.db, { dedupeKey: 'test:migrate', chatId: old, kind: 'reminder', payload: { text: 'Nhắc' } }, clock);
    h.app.outbox.kick();
    await h.app.outbox.drained();
    const sent = h.stub.calls.slice(before).filter((c) => c.method === 'sendMessage' && c.outcome === 'ok');
    expect(sent.map((c) => Number(c.payload.chat_id))).toEqual([-1005000001]);
    expect(h.app.db.$client.prepare('select agency_code from chats where id = ?').get(-1005000001)).toEqual({ agency_code: 'SCT' });
  });
});
