// One conversation, written once, played on every channel: a focal officer registers and is
// approved, reports three ways, the coordinator follows up, the officer withdraws a report and
// downloads the yearly report. What each channel shows may differ (buttons or numbered lines);
// what the bot says and records may not.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf, type BotMessage, type Driver } from './driver.js';
import { consoleDriver } from './console-driver.js';
import { telegramDriver } from './telegram-driver.js';
import { zaloDriver } from './zalo-driver.js';

const DRIVERS: Array<[string, () => Promise<Driver>]> = [
  ['telegram', telegramDriver],
  ['console', consoleDriver],
  ['zalo', zaloDriver],
];

const to = (ms: BotMessage[], who: BotMessage['to']) => ms.filter((m) => m.to === who);

describe.each(DRIVERS)('on %s', (_name, make) => {
  let d: Driver;
  beforeAll(async () => {
    d = await make();
  });
  afterAll(() => d?.close());

  it('an officer registers and the coordinator approves', async () => {
    const asked = await d.type('minh', 'private', '/dangky Sở Y tế');
    expect(textOf(to(asked, 'minh'))).toContain('Đã gửi đề nghị làm cán bộ đầu mối của Sở Y tế');
    const request = to(asked, 'thao');
    expect(request).toHaveLength(1);
    expect(request[0]!.choices).toEqual(['✅ Duyệt', '✖️ Từ chối']);
    const decided = await d.choose('thao', 'private', '✅ Duyệt');
    expect(textOf(to(decided, 'minh'))).toContain('Bạn đã được duyệt làm cán bộ đầu mối của Sở Y tế');
  });

  it('a stranger cannot report', async () => {
    expect(textOf(await d.type('khach', 'private', '/capnhat III.1.3 đang 10% thử'))).toMatch(/chưa là cán bộ đầu mối|chưa được duyệt|đăng ký/i);
  });

  it('reports in one command', async () => {
    const saved = await d.type('minh', 'private', '/capnhat III.1.3 đang 40% đã họp triển khai');
    expect(textOf(saved)).toContain('Đã ghi nhận cập nhật nhiệm vụ III.1.3');
    expect(textOf(saved)).toContain('40%');
    expect(textOf(saved)).toContain('đã họp triển khai');
  });

  it('reports by choices, then answers the question with the note', async () => {
    const tasks = await d.type('minh', 'private', '/capnhat');
    expect(tasks.at(-1)!.choices.some((c) => /^III\.1\.3\b/.test(c))).toBe(true);
    const statuses = await d.choose('minh', 'private', /^III\.1\.3\b/);
    expect(statuses.at(-1)!.choices.some((c) => c.includes('Đang thực hiện'))).toBe(true);
    const question = await d.choose('minh', 'private', /Đang thực hiện/);
    expect(textOf(question)).toContain('III.1.3');
    const saved = await d.answer('minh', 'private', '60% đã ký hợp đồng với hai doanh nghiệp');
    expect(textOf(saved)).toContain('Đã ghi nhận cập nhật nhiệm vụ III.1.3');
    expect(textOf(saved)).toContain('60%');
  });

  it('reports something unclear, is asked back, and settles it by a choice', async () => {
    const asked = await d.type('minh', 'private', '/capnhat III.1.3 xong 80% nghiệm thu giai đoạn một');
    expect(textOf(asked)).not.toContain('Đã ghi nhận');
    const choices = asked.at(-1)!.choices;
    expect(choices.some((c) => c.includes('Hoàn thành'))).toBe(true);
    const saved = await d.choose('minh', 'private', /Hoàn thành/);
    expect(textOf(saved)).toContain('Đã ghi nhận cập nhật nhiệm vụ III.1.3');
    expect(textOf(saved)).toContain('Hoàn thành');
  });

  it('the coordinator sees it in /tinhhinh; the officer sees their own agency', async () => {
    const plan = textOf(await d.type('thao', 'private', '/tinhhinh'));
    expect(plan).toContain('Tình hình thực hiện KH 457');
    const agency = textOf(await d.type('thao', 'private', '/tinhhinh Sở Y tế'));
    expect(agency).toContain('III.1.3');
    expect(agency).toContain('Hoàn thành');
    const own = textOf(await d.type('minh', 'private', '/tinhhinh'));
    expect(own).toContain('Sở Y tế');
    expect(own).toContain('III.1.3');
  });

  it('the digest tells the coordinator what changed', async () => {
    const digest = textOf(to(await d.digest(), 'thao'));
    expect(digest).toContain('Tổng hợp tình hình KH 457');
    expect(digest).toContain('III.1.3');
  });

  it('the officer withdraws the last report after confirming', async () => {
    const offer = await d.type('minh', 'private', '/huy');
    expect(textOf(offer)).toContain('Rút lại báo cáo này?');
    const done = await d.choose('minh', 'private', '↩️ Rút lại báo cáo này');
    expect(textOf(done)).toContain('Đã rút lại báo cáo nhiệm vụ III.1.3');
    expect(textOf(await d.type('minh', 'private', '/huy'))).not.toContain('nghiệm thu giai đoạn một');
  });

  it('the officer gets their agency’s yearly report as Word, Excel and CSV', async () => {
    const sent = await d.type('minh', 'private', '/baocao');
    const files = sent.filter((m) => m.file).map((m) => m.file!);
    expect(files.map((f) => f.name.split('.').pop()).sort()).toEqual(['csv', 'docx', 'xlsx']);
    const docx = await JSZip.loadAsync(files.find((f) => f.name.endsWith('.docx'))!.bytes);
    const body = await docx.file('word/document.xml')!.async('string');
    expect(body).toContain('SỞ Y TẾ');
    expect(body).toContain('III.1.3');
  });

  it('the province-wide report and the backup asked for in an agency group go to the coordinator privately', async () => {
    expect(textOf(await d.type('thao', 'yte', '/lienket Sở Y tế'))).toContain('Sở Y tế');
    const report = await d.type('thao', 'yte', '/baocao');
    const files = report.filter((m) => m.file);
    expect(files.map((f) => f.file!.name.split('.').pop()).sort()).toEqual(['csv', 'docx', 'xlsx']);
    expect(files.every((f) => f.to === 'thao')).toBe(true);
    expect(report.filter((m) => m.to === 'yte' && m.file)).toEqual([]);
    const backup = await d.type('thao', 'yte', '/saoluu');
    // Where files travel only as links (Zalo), the whole database is never sent at all.
    if (d.channel === 'zalo') expect(textOf(backup)).toContain('không gửi qua liên kết');
    else expect(backup.filter((m) => m.file).map((m) => m.to)).toEqual(['thao']);
  });
});
