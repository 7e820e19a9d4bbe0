// Random and hostile input, from strangers, an approved officer, bots, channels and anonymous
// admins. The process survives, every person gets a clear answer, and no row changes that should not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng } from '../support/rng.js';
import { registerOfficer, startHarness, type Harness } from '../support/harness.js';
import { callback, COORDINATOR, edited, groupChat, message, OFFICER, STRANGER } from '../support/updates.js';

let h: Harness;
const GROUP = groupChat(-1004400000001, 'Nhóm thử');

const rand = rng(457);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

const NASTY = [
  '<b>bold</b>', '</code><script>alert(1)</script>', '&amp; &lt; & < >', '"quoted" \'single\'', '\u0000\u0001\u0007\u001b[31m',
  '\u202e\u200f\u200b\ufeff', '🌾🧬🇻🇳👨‍👩‍👧', 'Ｉ．１', 'ⅠⅡⅢ', 'x'.repeat(5000), '9'.repeat(400), '-1%', '150%', '100000000000000000000%',
  '0%', '%', '%%%', 'NaN%', '1e3%', 'II.3 đang -5% âm', 'II.99 xong x', 'VI.1 xong x', '0.0', '../../etc/passwd', "'; drop table updates; --",
  '@kh457_bot', '/start', '\n\n\n', '   ', 'ｘｏｎｇ', 'Ⅱ.3 xong', 'iii.1.2.3.4', '٣.١.٢', 'II.3\u0000xong x',
];
const COMMANDS = ['/capnhat', '/update', '/nv', '/task', '/nhiemvu', '/tasks', '/coquan', '/dangky', '/lienket', '/lichsu', '/huy',
  '/viectoi', '/tinhhinh', '/baocao', '/kiennghi', '/hanchot', '/giaoviec', '/tonghop', '/dattonghop', '/saoluu', '/ngonngu', '/canbo', '/kehoach', '/trogiup'];
const FORGED = ['up:t:II.99', 'up:t:<b>', 'up:s:II.3:z', 'up:s:II.3:d:extra', 'up:c:SYT', 'up:c:' + 'A'.repeat(60), 'of:a:99999', 'of:v:1', 'of:a:-1',
  'rg:NOPE', 'rg:SBN', 'lk:SYT', 'hi:II.3:*:9999', 'hi:II.99:*:0', 'lang:fr', 'ag:ZZZ', 'tl:a:ZZZ', '', '💥', 'x'.repeat(64)];

const counts = () =>
  Object.fromEntries(
    ['updates', 'update_revisions', 'officers', 'proposals', 'deadlines', 'task_agencies', 'digests', 'reminders', 'attachments'].map((t) => [
      t,
      (h.app.db.$client.prepare(`select count(*) n from ${t}`).get() as { n: number }).n,
    ]),
  );
const linkedChats = () => h.app.db.$client.prepare('select id, agency_code, is_digest, is_coordination from chats order by id').all();

beforeAll(async () => {
  h = await startHarness();
  await registerOfficer(h, OFFICER, 'Sở Y tế');
});
afterAll(() => h?.close());

function answered(calls: Awaited<ReturnType<Harness["send"]>>, chatId: number) {
  return calls.some(
    (c) => c.outcome === 'ok' && ((c.method === 'sendMessage' && Number(c.payload.chat_id) === chatId) || c.method === 'answerCallbackQuery'),
  );
}

describe('hostile input', () => {
  it('from a stranger: every command gets an answer, nothing changes', async () => {
    const before = counts();
    const chats = linkedChats();
    for (let i = 0; i < 150; i++) {
      const text = `${pick(COMMANDS)} ${pick(NASTY)} ${rand() < 0.5 ? pick(NASTY) : ''}`.slice(0, 4096);
      const chat = rand() < 0.5 ? GROUP : { id: STRANGER.id, type: 'private' };
      const calls = await h.send(message(text, { from: STRANGER, chat }));
      expect(answered(calls, chat.id), `no answer to ${JSON.stringify(text.slice(0, 80))}`).toBe(true);
      for (const c of calls) if (c.method === 'sendMessage') expect(c.outcome, `send failed for ${JSON.stringify(text.slice(0, 80))}`).toBe('ok');
    }
    // /dangky from a stranger legitimately files requests; nothing else may change.
    const after = counts();
    expect({ ...after, officers: 0 }).toEqual({ ...before, officers: 0 });
    expect(linkedChats()).toEqual(chats);
  }, 120_000);

  it('from an approved officer: invalid reports are refused and record nothing', async () => {
    const before = counts().updates;
    const bad = [
      '/capnhat', // opens buttons, records nothing
      '/capnhat IV.2 xong Không phải việc của Sở Y tế',
      '/capnhat III.1.3 đang 150% quá',
      '/capnhat III.1.3 đang -5% âm',
      '/capnhat III.1.3 đang 12.5% lẻ',
      '/capnhat III.1.3 chưa 30% mâu thuẫn',
      '/capnhat II.99 xong x',
      '/capnhat <b>III.1.3</b> xong x',
      '/capnhat III.1.3 \u0000\u0007',
      `/capnhat III.1.3 đang ${'9'.repeat(300)}% x`,
    ];
    for (const text of bad) {
      const calls = await h.send(message(text));
      expect(calls.some((c) => c.method === 'sendMessage' && c.outcome === 'ok'), text).toBe(true);
    }
    expect(counts().updates).toBe(before);
    // Every field missing in turn: code, status, note.
    for (const text of ['/capnhat', '/capnhat III.1.3', '/capnhat III.1.3 xong']) {
      const calls = await h.send(message(text));
      expect(calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
    }
    expect(counts().updates).toBe(before);
  });

  it('forged and garbage buttons get an answer and change nothing', async () => {
    const before = counts();
    for (const data of FORGED) {
      for (const from of [STRANGER, OFFICER, COORDINATOR]) {
        const calls = await h.send(callback(data, { from, messageId: 31337 }));
        expect(calls.some((c) => c.method === 'answerCallbackQuery'), `${data} from ${from.first_name}`).toBe(true);
      }
    }
    expect(counts()).toEqual(before);
  });

  it('edits of messages that carried no update, and updates from bots, channels and anonymous admins', async () => {
    const before = counts();
    const plain = message('xin chào');
    await h.send(plain);
    // Turning a message that carried nothing into a report by editing records nothing, and says so.
    expect((await h.ask(edited(plain, '/capnhat III.1.3 xong sửa thành báo cáo'))).join()).toContain('Bản sửa này không được ghi nhận');
    const cmd = message('/nv II.3');
    await h.send(cmd);
    expect((await h.ask(edited(cmd, '/capnhat III.1.3 xong'))).join()).toContain('Bản sửa này không được ghi nhận');

    const bot = { id: 700_123, is_bot: true, first_name: 'Other', username: 'other_bot' };
    const fromBot = await h.ask(message('/capnhat III.1.3 xong bot nói', { from: bot, chat: GROUP }));
    expect(fromBot.join()).toContain('ẩn danh');

    const anon = message('/capnhat III.1.3 xong ẩn danh', { from: { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' }, chat: GROUP });
    (anon.message as Record<string, unknown>).sender_chat = { id: GROUP.id, type: 'supergroup', title: GROUP.title };
    expect((await h.ask(anon)).join()).toContain('ẩn danh');

    const channelPost = { channel_post: { message_id: 5, date: 0, chat: { id: -1001999, type: 'channel', title: 'Kênh' }, sender_chat: { id: -1001999, type: 'channel', title: 'Kênh' }, text: '/capnhat III.1.3 xong kênh' } };
    await h.send(channelPost);
    expect(counts()).toEqual(before);
    // Still alive and well.
    expect((await h.ask(message('/nv I.1'))).join()).toContain('Nhiệm vụ I.1');
  });
});
