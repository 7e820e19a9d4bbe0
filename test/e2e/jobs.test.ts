// Digests, reminders and escalation, with a clock the test moves; delivered through the outbox
// to the Bot API stand-in.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchUpDigest, sendDigest } from '../../src/jobs/digest.js';
import { runReminders } from '../../src/jobs/reminders.js';
import type { RecordedCall } from '../support/bot-api-stub.js';
import { registerOfficer, startHarness, type Harness } from '../support/harness.js';
import { ROOT } from '../support/process.js';
import { seedUpdate, vn } from '../support/seed.js';
import { callback, COORDINATOR, groupChat, message, OFFICER } from '../support/updates.js';

let h: Harness;
let clock = vn(2026, 11, 23, 8); // Monday 08:00
const DIGEST_GROUP = groupChat(-1003000000001, 'Sở KH&CN — tổng hợp');
const SYT_GROUP = groupChat(-1003000000002, 'Sở Y tế');

beforeAll(async () => {
  h = await startHarness({ now: () => clock, config: { holidays: ['02/09'] }, schedule: true });
  seedUpdate(h.app.db, { task: 'II.3', agency: 'SCT', status: 'in_progress', percent: 40, note: 'Hội chợ', at: vn(2026, 11, 1) });
  await h.send(message('/dattonghop', { from: COORDINATOR, chat: DIGEST_GROUP }));
  await h.send(message('/lienket Sở Y tế', { from: COORDINATOR, chat: SYT_GROUP }));
});
afterAll(() => h?.close());

const jobs = () => h.app.jobs;
/** Waits until `n` catch-up digests are recorded (start-up queues one after drawing its chart). */
async function caughtUp(n: number) {
  const count = () => (h.app.db.$client.prepare("select count(*) n from digests where trigger = 'catch_up'").get() as { n: number }).n;
  for (const deadline = Date.now() + 10_000; count() < n && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 10));
}
const sendsTo = (chatId: number, since = 0) =>
  h.stub.calls.slice(since).filter((c) => ['sendMessage', 'sendPhoto'].includes(c.method) && c.outcome === 'ok' && Number(c.payload.chat_id) === chatId);
const textOf = (calls: RecordedCall[]) => calls.map((c) => String(c.payload.text ?? c.payload.caption ?? '')).join('\n');

describe('weekly digest', () => {
  it('sends a chart and the digest text to the digest chat', async () => {
    seedUpdate(h.app.db, { task: 'III.1.5', agency: 'CAT', status: 'blocked', note: 'Chờ hướng dẫn của Bộ Công an', at: vn(2026, 11, 20) });
    seedUpdate(h.app.db, { task: 'III.1.3', agency: 'SYT', status: 'done', note: 'Đã ban hành', at: vn(2026, 11, 21) });
    const before = h.stub.calls.length;
    const o = await sendDigest(jobs(), { trigger: 'schedule', periodEnd: clock });
    expect(o.kind).toBe('sent');
    await h.app.outbox.drained();
    const sent = sendsTo(DIGEST_GROUP.id, before);
    expect(sent.map((c) => c.method)).toEqual(['sendPhoto', 'sendMessage']);
    const png = sent[0]!.payload.photo.bytes as Buffer;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(5000);
    const text = textOf(sent.slice(1));
    expect(text).toContain('Tổng hợp tình hình KH 457 (16/11/2026 – 23/11/2026)');
    expect(text).toContain('Còn 17 ngày đến hạn báo cáo 10/12/2026.');
    expect(text).toContain('Cập nhật mới (2):');
    expect(text).toContain('<b>III.1.3</b> Sở Y tế: ✅ Hoàn thành');
    expect(text).toContain('⛔ Mới gặp vướng mắc (1):');
    expect(text).toContain('Chờ hướng dẫn của Bộ Công an');
    // Sở Công Thương reported 22 days ago (> 14): silent; Sở Y tế reported 2 days ago: not.
    expect(text).toMatch(/Sở Công Thương — cập nhật cuối 01\/11\/2026/);
    expect(text).not.toMatch(/Sở Y tế — /);
    expect(text).toContain('Sở GD&amp;ĐT — chưa cập nhật lần nào');
  });

  it('never sends the same scheduled digest twice', async () => {
    const before = h.stub.calls.length;
    expect((await sendDigest(jobs(), { trigger: 'schedule', periodEnd: clock })).kind).toBe('already_sent');
    await h.restart();
    expect((await catchUpDigest(h.app.jobs)).kind).toBe('already_sent');
    await h.app.outbox.drained();
    expect(sendsTo(DIGEST_GROUP.id, before)).toHaveLength(0);
  });

  it('catches up once on the digest missed while the bot was down', async () => {
    clock = vn(2026, 12, 1, 15); // Tuesday: Monday 30/11 08:00 passed while the bot was down
    const before = h.stub.calls.length;
    await h.restart(); // start-up runs the catch-up
    await caughtUp(1); // it waits for its chart: queued shortly after start
    await h.app.outbox.drained();
    const sent = sendsTo(DIGEST_GROUP.id, before);
    expect(sent.map((c) => c.method)).toEqual(['sendPhoto', 'sendMessage']);
    expect(textOf(sent)).toContain('(23/11/2026 – 30/11/2026)');
    const again = h.stub.calls.length;
    await h.restart();
    await h.app.outbox.drained();
    expect(sendsTo(DIGEST_GROUP.id, again)).toHaveLength(0);
    expect(h.app.db.$client.prepare("select count(*) n from digests where trigger = 'catch_up'").get()).toEqual({ n: 1 });
  });

  it('/tonghop sends one now to the coordinator', async () => {
    const before = h.stub.calls.length;
    const replies = await h.ask(message('/tonghop', { from: COORDINATOR }));
    expect(replies.join()).toContain('Đã đưa bản tổng hợp vào hàng gửi');
    const digest = sendsTo(COORDINATOR.id, before).filter((c) => !String(c.payload.text ?? '').includes('hàng gửi'));
    expect(digest.map((c) => c.method)).toEqual(['sendPhoto', 'sendMessage']);
    expect(await h.ask(message('/tonghop', { from: OFFICER }))).toEqual([expect.stringContaining('Chỉ điều phối viên')]);
  });

  it('queues a period once when two runs race for it (the schedule firing during the catch-up)', async () => {
    const before = h.stub.calls.length;
    const periodEnd = vn(2026, 12, 7, 8);
    // Both pass the first check, then wait for their charts; the check inside the transaction decides.
    const outcomes = await Promise.all([sendDigest(jobs(), { trigger: 'catch_up', periodEnd }), sendDigest(jobs(), { trigger: 'schedule', periodEnd })]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['already_sent', 'sent']);
    await h.app.outbox.drained();
    expect(sendsTo(DIGEST_GROUP.id, before).map((c) => c.method)).toEqual(['sendPhoto', 'sendMessage']);
    expect(h.app.db.$client.prepare('select count(*) n from digests where period_end = ?').get(periodEnd)).toEqual({ n: 1 });
  });

  it('loads the chart library when a chart is drawn, not when the bot starts', () => {
    // @napi-rs/canvas is CommonJS: once imported, it is in require.cache.
    const probe = `import('node:module').then(async ({ createRequire }) => {
      const loaded = () => Object.keys(createRequire(process.cwd() + '/').cache).some((k) => k.includes('@napi-rs/canvas'));
      await import('./src/app.ts');
      const atStart = loaded();
      await import('./src/render/chart.ts');
      console.log(JSON.stringify({ atStart, afterChart: loaded() }));
    });`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', probe], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ atStart: false, afterChart: true });
  });
});

describe('reminders', () => {
  const SCT_OFFICER = { id: 900401, is_bot: false, first_name: 'Lộc' };

  // Sở GD&ĐT's only officer blocked the bot after registering: every reminder to it is refused.
  const SGDDT_OFFICER = { id: 900402, is_bot: false, first_name: 'Hạnh' };

  beforeAll(async () => {
    await h.send(message('/start', { from: SCT_OFFICER }));
    await registerOfficer(h, SCT_OFFICER, 'Sở Công Thương');
    await h.send(message('/start', { from: SGDDT_OFFICER }));
    await registerOfficer(h, SGDDT_OFFICER, 'Sở GD&ĐT');
    h.stub.fail('sendMessage', { kind: 'status', code: 403, description: 'Forbidden: bot was blocked by the user' }, 100, (p) => Number(p.chat_id) === SGDDT_OFFICER.id);
  });

  it('reminds each agency once a day of its unreported tasks, in its group or privately, with buttons', async () => {
    clock = vn(2026, 11, 25, 9); // Wednesday
    const before = h.stub.calls.length;
    const run = runReminders(h.app.jobs, 'weekly');
    expect(run.reminded).toEqual(expect.arrayContaining(['SYT', 'SCT']));
    await h.app.outbox.drained();
    const group = sendsTo(SYT_GROUP.id, before);
    expect(group).toHaveLength(1);
    expect(group[0]!.payload.text).toContain('Nhắc báo cáo — Sở Y tế');
    const buttons = group[0]!.payload.reply_markup.inline_keyboard.flat().map((b: { callback_data: string }) => b.callback_data);
    expect(buttons).toEqual(['up:t:I.1', 'up:t:II.1', 'up:t:II.5', 'up:t:V.4']); // III.1.3 was reported; I.1 is every department's (led by "Các Sở, ban, ngành")
    // No date set with /hanchot: each task is due on the yearly report date, none overdue yet.
    expect(group[0]!.payload.text).toMatch(/<b>II\.1<\/b>[^\n]* — hạn 10\/12\/2026\n/);
    expect(group[0]!.payload.text).not.toContain('quá hạn');
    const privately = sendsTo(SCT_OFFICER.id, before);
    expect(privately).toHaveLength(1);
    expect(privately[0]!.payload.text).not.toContain('<b>II.3</b>'); // reported in November
    // Agencies owing reports that nobody can be reminded at are named to the coordinator, with how to fix it.
    const unreachable = sendsTo(COORDINATOR.id, before).map((c) => String(c.payload.text)).find((t) => t.includes('bot không nhắc được'))!;
    expect(unreachable).toContain('Sở NN&amp;MT'); // today's name
    expect(unreachable).not.toContain('Sở Y tế');
    expect(unreachable).toContain('/dangky');
    // The same day again: nothing new.
    const again = h.stub.calls.length;
    runReminders(h.app.jobs, 'weekly');
    await h.app.outbox.drained();
    expect(sendsTo(SYT_GROUP.id, again)).toHaveLength(0);
  });

  it('a reminder button opens the report flow', async () => {
    const calls = await h.send(callback('up:t:II.1', { from: COORDINATOR, chat: SYT_GROUP }));
    expect(calls.find((c) => c.method === 'sendMessage')!.payload.text).toContain('Chọn tình trạng');
  });

  it('skips weekends and holidays; daily reminders only in the final week', async () => {
    clock = vn(2026, 11, 28, 9); // Saturday
    expect(runReminders(h.app.jobs, 'weekly').skipped).toBe('quiet_day');
    clock = vn(2026, 9, 2, 9); // Quốc khánh, a Wednesday
    expect(runReminders(h.app.jobs, 'weekly').skipped).toBe('quiet_day');
    clock = vn(2026, 11, 26, 9); // Thursday, 14 days before
    expect(runReminders(h.app.jobs, 'daily').skipped).toBe('not_final_week');
  });

  it('escalates agencies still silent ESCALATE_DAYS after a reminder, once', async () => {
    clock = vn(2026, 12, 3, 9); // Thursday, final week, 8 days after the reminder
    const before = h.stub.calls.length;
    const run = runReminders(h.app.jobs, 'daily');
    expect(run.skipped).toBeUndefined();
    expect(run.escalated).toEqual(expect.arrayContaining(['SYT', 'SCT']));
    // Only agencies a reminder reached: those owing a report with nobody to send it to were never
    // reminded, so they are not "not responding after being reminded" (attack review).
    expect(run.escalated.sort()).toEqual(['SCT', 'SYT']);
    // Sở GD&ĐT was sent a reminder that Telegram refused (its officer blocked the bot): it is named
    // apart, as one to contact directly, not as "not responding after being reminded".
    expect(run.refused).toEqual(['SGDDT']);
    await h.app.outbox.drained();
    const notice = sendsTo(COORDINATOR.id, before).map((c) => String(c.payload.text)).find((t) => t.includes('đã được nhắc quá 7 ngày nhưng chưa báo cáo'))!;
    expect(notice).toContain('Sở Y tế — nhắc từ 25/11/2026');
    const [silentPart, refusedPart] = notice.split('chưa nhận được lời nhắc');
    expect(silentPart).not.toContain('Sở GD&amp;ĐT');
    expect(refusedPart).toContain('Sở GD&amp;ĐT — lời nhắc từ ngày 25/11/2026 không gửi được');
    clock = vn(2026, 12, 4, 9);
    expect(runReminders(h.app.jobs, 'daily')).toMatchObject({ escalated: [], refused: [] });
  });
});
