// The bot on Zalo, over HTTP against the Zalo stand-in (test/support/zalo-api-stub.ts): commands as
// plain text, numbered choices, questions answered by the next message, files as signed links,
// groups with the bot's name stripped, failures of the platform, the monthly quota.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSecret, signLink } from '../../src/core/links.js';
import { sendDigest } from '../../src/jobs/digest.js';
import { statement } from '../../src/db/statements.js';
import { consoleChat } from '../../src/channels/console/identities.js';
import { zaloChat } from '../../src/channels/zalo/identities.js';
import { quotaUsed } from '../../src/channels/zalo/quota.js';
import { ZaloStoppedError } from '../../src/channels/zalo/receive.js';
import { formatDateTime } from '../../src/text/dates.js';
import { zaloText } from '../support/zalo-api-stub.js';
import { startZaloHarness, textsOf, Z_COORDINATOR, Z_GROUP, Z_OFFICER, Z_STRANGER, type ZaloHarness } from '../support/zalo-harness.js';

const joined = (calls: Parameters<typeof textsOf>[0]) => textsOf(calls).join('\n---\n');

describe('Zalo, polling', () => {
  let h: ZaloHarness;
  beforeAll(async () => {
    h = await startZaloHarness();
  });
  afterAll(() => h?.close());

  it('answers a command typed as plain text, privately, in plain text within 2,000 characters', async () => {
    const calls = await h.say(Z_STRANGER, '/nhiemvu');
    const texts = textsOf(calls);
    expect(texts.length).toBeGreaterThan(1); // the appendix does not fit one Zalo message
    expect(texts.join('\n')).toContain('Phụ lục phân công nhiệm vụ');
    for (const t of texts) {
      expect(t.length).toBeLessThanOrEqual(2000);
      expect(t).not.toMatch(/\*\*|<b>|__/);
    }
    expect(calls.every((c) => c.payload.chat_id === Z_STRANGER.id)).toBe(true);
    expect(h.stub.refusals).toEqual([]);
  });

  it('an officer registers; the coordinator approves by typing the number; a stale number is answered clearly', async () => {
    // The coordinator writes first: on Zalo the bot cannot write to someone it has never seen.
    expect(joined(await h.say(Z_COORDINATOR, '/start'))).not.toBe('');
    const asked = await h.say(Z_OFFICER, '/dangky Sở Y tế');
    expect(textsOf(asked.filter((c) => c.payload.chat_id === Z_OFFICER.id)).join('\n')).toContain('Đã gửi đề nghị làm cán bộ đầu mối của Sở Y tế');
    const request = asked.filter((c) => c.payload.chat_id === Z_COORDINATOR.id).map((c) => String(c.payload.text)).join('\n');
    expect(request).toMatch(/1\. ✅ Duyệt/);
    expect(request).toMatch(/2\. ✖️ Từ chối/);
    const decided = await h.say(Z_COORDINATOR, '1');
    expect(textsOf(decided.filter((c) => c.payload.chat_id === Z_OFFICER.id)).join('\n')).toContain('Bạn đã được duyệt làm cán bộ đầu mối của Sở Y tế');
    const stale = await h.say(Z_COORDINATOR, '1');
    expect(joined(stale)).toMatch(/đã được trả lời|không còn|đã duyệt|đã xử lý/i);
    const out = await h.say(Z_COORDINATOR, '7');
    expect(joined(out)).toMatch(/Không có lựa chọn số 7|đã được trả lời/);
  });

  it('a question waits for the person’s next message', async () => {
    const tasks = await h.say(Z_OFFICER, '/capnhat');
    const list = joined(tasks);
    const n = /(\d+)\. III\.1\.3\b/.exec(list)?.[1];
    expect(n).toBeDefined();
    const statuses = joined(await h.say(Z_OFFICER, n!));
    const s = /(\d+)\. [^\n]*Đang thực hiện/.exec(statuses)?.[1];
    expect(s).toBeDefined();
    const question = joined(await h.say(Z_OFFICER, s!));
    expect(question).toContain('III.1.3');
    const saved = joined(await h.say(Z_OFFICER, '60% đã ký hợp đồng với hai doanh nghiệp'));
    expect(saved).toContain('Đã ghi nhận cập nhật nhiệm vụ III.1.3');
    expect(saved).toContain('60%');
  });

  it('never sends the database backup as a link, and stores no file for it', async () => {
    const files = () => statement(h.app.db, 'select count(*) n from stored_files').get() as { n: number };
    const before = files();
    const answer = joined(await h.say(Z_COORDINATOR, '/saoluu'));
    expect(answer).toContain('không gửi qua liên kết');
    expect(answer).not.toContain('/f/');
    expect(files()).toEqual(before);
  });

  it('/tinhhinh for the coordinator', async () => {
    const plan = joined(await h.say(Z_COORDINATOR, '/tinhhinh'));
    expect(plan).toContain('Tình hình thực hiện KH 457');
  });

  it('/baocao sends the report as links; the link downloads the .docx; forged and expired links are refused', async () => {
    const sent = await h.say(Z_OFFICER, '/baocao');
    // The answer first, then one message per file (on Zalo the answer also goes through the outbox).
    const texts = textsOf(sent);
    expect(texts[0]).toContain('Đang gửi báo cáo năm');
    expect(texts[0]).not.toContain('/f/');
    expect(texts.slice(1).every((t) => t.includes('/f/'))).toBe(true);
    // A link ends at a time of day, and says which.
    expect(texts[1]).toMatch(/dùng được đến \d\d:\d\d \d\d\/\d\d\/\d{4}\.\)$/);
    const links = textsOf(sent).flatMap((t) => [...t.matchAll(/https?:\/\/\S+\/f\/[A-Za-z0-9_.-]+/g)].map((m) => m[0]));
    expect(links).toHaveLength(3);
    const docx = links.find((_, i) => textsOf(sent).some((t) => t.includes(links[i]!) && t.includes('.docx')))!;
    const res = await fetch(docx);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.docx"; filename\*=UTF-8''.+\.docx$/);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    expect(await zip.file('word/document.xml')!.async('string')).toContain('III.1.3');
    // A forged signature, a token cut short, nothing at all: 401. An expired link: 403.
    const token = docx.split('/f/')[1]!;
    const base = `${h.config.publicBaseUrl}/f/`;
    expect((await fetch(`${base}${token.slice(0, -2)}xx`)).status).toBe(401);
    expect((await fetch(`${base}${token.split('.')[0]}`)).status).toBe(401);
    expect((await fetch(base)).status).toBe(401);
    const [body] = token.split('.');
    const ref = /^f\.([^.]+)\./.exec(Buffer.from(body!, 'base64url').toString())![1]!;
    const expired = signLink(linkSecret(h.app.db), { kind: 'f', ref, exp: Date.now() - 1000 });
    expect((await fetch(`${base}${expired}`)).status).toBe(403);
  });

  it('/huy offers the last report and withdraws it by number', async () => {
    const offer = joined(await h.say(Z_OFFICER, '/huy'));
    expect(offer).toContain('Rút lại báo cáo này?');
    const n = /(\d+)\. ↩️ Rút lại báo cáo này/.exec(offer)?.[1];
    const done = joined(await h.say(Z_OFFICER, n!));
    expect(done).toContain('Đã rút lại báo cáo nhiệm vụ III.1.3');
  });

  it('the digest on Zalo is short: the chart as a photo at a public link, then the overall line and /tinhhinh', async () => {
    const before = h.stub.calls.length;
    await sendDigest(h.app.jobs, { trigger: 'manual', chat: { id: zaloChat(h.app.db, Z_COORDINATOR.id, 'private', Date.now()), threadId: null } });
    await h.settle();
    const calls = h.stub.calls.slice(before).filter((c) => c.outcome === 'ok');
    expect(calls.map((c) => c.method)).toEqual(['sendPhoto', 'sendMessage']);
    const photo = await fetch(calls[0]!.payload.photo);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/png');
    const text = String(calls[1]!.payload.text);
    expect(text).toContain('Tổng hợp tình hình KH 457');
    expect(text).toContain('/tinhhinh');
    expect(text).not.toContain('Im lặng quá lâu');
  });

  it('in a group, the bot’s name (with spaces) is stripped before the command is read', async () => {
    const calls = await h.say(Z_OFFICER, '@KH457 An Giang /nv II.3', { group: Z_GROUP });
    expect(joined(calls)).toContain('II.3');
    expect(calls.every((c) => c.payload.chat_id === Z_GROUP)).toBe(true);
    const bare = await h.say(Z_OFFICER, '@kh457 an giang   /trogiup', { group: Z_GROUP });
    expect(joined(bare)).not.toBe('');
    expect(joined(bare)).not.toContain('Không hiểu');
    // Only the bot's name: called, so answered with the short help line.
    const named = await h.say(Z_OFFICER, '@KH457 An Giang', { group: Z_GROUP });
    expect(joined(named)).toContain('Tôi chỉ hiểu các lệnh. Gõ /trogiup');
    expect(named.every((c) => c.payload.chat_id === Z_GROUP)).toBe(true);
  });

  it('a group message whose chat type is missing or unknown is still a group: no link or code is posted there', async () => {
    for (const type of [undefined, 'group_chat', 2]) {
      const ev = zaloText('@KH457 An Giang /lienketkenh', { from: Z_COORDINATOR, group: Z_GROUP });
      if (type === undefined) delete ev.message.chat.chat_type;
      else ev.message.chat.chat_type = type;
      const calls = await h.send(ev);
      expect(calls.length).toBeGreaterThan(0);
      expect(joined(calls.filter((c) => c.payload.chat_id === Z_GROUP))).not.toMatch(/\b\d{6}\b/);
    }
  });

  it('answers unsupported content with an explanation; ignores unknown events', async () => {
    const unsupported = await h.say(Z_OFFICER, '', { event: 'message.unsupported.received' });
    expect(joined(unsupported)).toContain('Bot không đọc được tin nhắn này');
    const unknown = await h.say(Z_OFFICER, 'x', { event: 'message.reaction.received' });
    expect(unknown.filter((c) => c.method === 'sendMessage')).toEqual([]);
  });

  it('survives empty polls (408), 5xx and HTML from a proxy on getUpdates', async () => {
    await h.stub.waitFor((calls) => calls.some((c) => c.method === 'getUpdates' && c.outcome === 408), 'an empty poll');
    h.stub.fail('getUpdates', { kind: 'html' }, 2);
    h.stub.fail('getUpdates', { kind: 'api', code: 502, httpStatus: 502 }, 1);
    const failed = () => h.stub.calls.filter((c) => c.method === 'getUpdates' && (c.outcome === 'html' || c.outcome === 502)).length;
    await h.stub.waitFor(() => failed() === 3, 'three failed polls', 20_000);
    const calls = await h.say(Z_OFFICER, '/kehoach');
    expect(joined(calls)).toContain('457');
    expect(h.stub.calls.some((c) => c.method === 'getUpdates' && c.outcome === 408)).toBe(true);
  }, 30_000);

  it('an answer refused with 5xx or an HTML page is delivered later, once', async () => {
    h.stub.fail('sendMessage', { kind: 'api', code: 500, httpStatus: 500 }, 1);
    h.stub.fail('sendMessage', { kind: 'html' }, 1);
    const calls = await h.say(Z_OFFICER, '/kehoach');
    const ok = calls.filter((c) => c.method === 'sendMessage' && c.outcome === 'ok');
    expect(ok.length).toBeGreaterThan(0);
    expect(new Set(ok.map((c) => c.payload.text)).size).toBe(ok.length);
  });
});

describe('Zalo quota', () => {
  let h: ZaloHarness;
  beforeAll(async () => {
    h = await startZaloHarness({ zalo: { monthlyQuota: 20 }, quotaHoldMs: 300 });
  });
  afterAll(() => h?.close());

  it('counts both directions and warns the coordinator once at 80 %', async () => {
    await h.say(Z_COORDINATOR, '/start');
    for (let i = 0; i < 6; i++) await h.say(Z_OFFICER, '/kehoach');
    const used = quotaUsed(h.app.db, Date.now());
    expect(used.incoming).toBe(7);
    expect(used.outgoing).toBeGreaterThanOrEqual(16);
    const warnings = h.stub.sent(Z_COORDINATOR.id).filter((c) => String(c.payload.text).includes('tin nhắn của tháng'));
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]!.payload.text)).toMatch(/\d+\/20/);
  });

  it('on 429 "Quota exceeded" holds what goes to Zalo and delivers it later, once', async () => {
    h.stub.fail('sendMessage', { kind: 'quota' }, 1);
    const before = h.stub.calls.length;
    h.stub.push(zaloText('/kehoach', { from: Z_OFFICER }));
    await h.stub.waitFor((calls) => calls.slice(before).some((c) => c.outcome === 429), '429');
    await h.settle();
    const ok = h.stub.calls.slice(before).filter((c) => c.method === 'sendMessage' && c.outcome === 'ok' && c.payload.chat_id === Z_OFFICER.id);
    expect(ok.length).toBeGreaterThan(0);
    expect(new Set(ok.map((c) => c.payload.text)).size).toBe(ok.length);
    expect(statement(h.app.db, "select exceeded_at e from channel_quota where channel = 'zalo'").get()).toMatchObject({ e: expect.any(Number) });
  }, 60_000);
});

describe('Zalo, a file link held by the quota', () => {
  let clock = Date.now();
  let h: ZaloHarness;
  beforeAll(async () => {
    h = await startZaloHarness({ now: () => clock, quotaHoldMs: 1500 });
  });
  afterAll(() => h?.close());

  it('is made when the message is sent: it works from then for its time, and says until when', async () => {
    await h.say(Z_COORDINATOR, '/start');
    h.stub.fail('sendMessage', { kind: 'quota' }, 1);
    const before = h.stub.calls.length;
    h.stub.push(zaloText('/baocao 2026', { from: Z_COORDINATOR }));
    await h.stub.waitFor((calls) => calls.slice(before).some((c) => c.outcome === 429), '429', 30_000);
    // Held by the quota for ten days (the links' time is three).
    clock += 10 * 86_400_000;
    await h.stub.waitFor((calls) => textsOf(calls.slice(before)).filter((t) => t.includes('/f/')).length === 3, 'the three links', 30_000);
    await h.settle();
    const texts = textsOf(h.stub.calls.slice(before));
    expect(texts[0]).toContain('Đang gửi báo cáo năm 2026');
    const until = formatDateTime(clock + h.config.fileLinkTtlMs!, h.config.timeZone);
    const links = texts.slice(1).map((t) => {
      expect(t).toContain(`dùng được đến ${until}.`);
      return /https?:\/\/\S+\/f\/[A-Za-z0-9_.-]+/.exec(t)![0];
    });
    expect(links).toHaveLength(3);
    for (const link of links) expect((await fetch(link)).status).toBe(200);
    // Past that time, refused like any expired link.
    clock += h.config.fileLinkTtlMs! + 1000;
    for (const link of links) expect((await fetch(link)).status).toBe(403);
  }, 60_000);
});

describe('Zalo stops, alone', () => {
  const stopped = async (h: ZaloHarness) => {
    let err: unknown;
    h.app.running.catch((e: unknown) => (err = e));
    await h.stub.waitFor(() => err !== undefined, 'Zalo to stop', 20_000);
    return err as ZaloStoppedError;
  };

  it('on a webhook set by another instance while polling: once, naming it, and polls no more', async () => {
    const h = await startZaloHarness();
    try {
      const end = stopped(h);
      expect(joined(await h.say(Z_OFFICER, '/kehoach'))).toContain('457');
      h.stub.webhook = { url: 'https://other.example.vn/zalo/webhook', secret: 'another-instance-1' };
      const err = await end;
      expect(err).toBeInstanceOf(ZaloStoppedError);
      expect(err.reason).toBe('webhook');
      expect(err.message).toContain('https://other.example.vn/zalo/webhook');
      expect(err.message).toContain('another instance');
      expect(h.stub.calls.filter((c) => c.method === 'getUpdates' && c.outcome === 400)).toHaveLength(1);
      // Not fought over: the other instance's webhook stays.
      expect(h.stub.webhook).toBeDefined();
    } finally {
      await h.close();
    }
  });

  it('a webhook left over at start is removed, even when the first deleteWebhook fails, and polling goes on', async () => {
    const h = await startZaloHarness({
      before: (stub) => {
        stub.webhook = { url: 'https://old.example.vn/zalo/webhook', secret: 'old-deployment-1' };
        stub.fail('deleteWebhook', { kind: 'html' }, 1);
      },
    });
    let err: unknown;
    h.app.running.catch((e: unknown) => (err = e));
    try {
      expect(joined(await h.say(Z_OFFICER, '/kehoach'))).toContain('457');
      expect(h.stub.webhook).toBeUndefined();
      expect(err).toBeUndefined();
    } finally {
      await h.close();
    }
  });

  it('on 401 the process is told to end (main.ts exits with the reason)', async () => {
    const h = await startZaloHarness();
    try {
      const end = stopped(h);
      h.stub.fail('getUpdates', { kind: 'api', code: 401, httpStatus: 401, description: 'Unauthorized' });
      const err = await end;
      expect(err).toBeInstanceOf(ZaloStoppedError);
      expect(err.reason).toBe('token');
    } finally {
      await h.close();
    }
  });
});

describe('Zalo, webhook', () => {
  let h: ZaloHarness;
  beforeAll(async () => {
    h = await startZaloHarness({ mode: 'webhook' });
    await h.stub.waitFor(() => !!h.stub.webhook, 'setWebhook');
  });
  afterAll(() => h?.close());

  it('sets the webhook at PUBLIC_BASE_URL with the secret', () => {
    expect(h.stub.webhook).toEqual({ url: `${h.config.publicBaseUrl}/zalo/webhook`, secret: 'zalo-test-secret-123' });
  });

  it('refuses a wrong or missing secret and stores nothing', async () => {
    const event = zaloText('/kehoach', { from: Z_OFFICER });
    expect(await h.stub.deliver(event, { secret: 'wrong-secret-1234567' })).toBe(401);
    expect(await h.stub.deliver(event, { secret: '' })).toBe(401);
    expect(statement(h.app.db, "select count(*) n from inbox where channel = 'zalo'").get()).toEqual({ n: 0 });
  });

  it('takes both body shapes, and applies a duplicate message_id once', async () => {
    const enveloped = await h.say(Z_OFFICER, '/kehoach');
    expect(joined(enveloped)).toContain('457');
    const bare = zaloText('/kehoach', { from: Z_OFFICER });
    const before = h.stub.calls.length;
    expect(await h.stub.deliver(bare, { shape: 'bare' })).toBe(200);
    await h.stub.waitFor((c) => c.slice(before).some((x) => x.method === 'sendMessage'), 'answer to the bare body');
    await h.settle();
    const answered = h.stub.calls.length;
    expect(await h.stub.deliver(bare, { shape: 'bare' })).toBe(200);
    expect(await h.stub.deliver(bare)).toBe(200);
    await h.settle();
    expect(h.stub.calls.length).toBe(answered);
    expect(statement(h.app.db, "select count(*) n from inbox where channel = 'zalo' and event_key = ?").get(bare.message.message_id)).toEqual({ n: 1 });
  });

  it('refuses a body that is no event', async () => {
    const res = await fetch(h.stub.webhook!.url, { method: 'POST', headers: { 'x-bot-api-secret-token': h.stub.webhook!.secret }, body: '{"hello":1}' });
    expect(res.status).toBe(400);
  });
});

void consoleChat;
