// The status page in a real browser: Debian's chromium, driven by playwright-core, against the real
// bot's HTTP server and a seeded year (test/support/year-2026.ts). What is asserted is what the
// browser rendered — the 31 codes, a blocked note, an overdue cell's computed colour, the year
// switch, a download that opens as a .docx, the layout at phone and desktop widths, the print
// stylesheet — and that a refused link renders no task. Screenshots go to KH457_WEB_SHOTS (default:
// a temporary folder) for a person to look at. CI installs chromium (.ci/run); with CI set this
// file runs and fails without it, elsewhere it is skipped when chromium is missing.
import { mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/db/queries/plan.js';
import { recordTargetValue } from '../../src/db/queries/targets.js';
import { haveChromium, launchBrowser, type Browser } from '../support/browser.js';
import { registerOfficer, startHarness, type Harness } from '../support/harness.js';
import { seedUpdate, vn } from '../support/seed.js';
import { TODAY, seedYear2026 } from '../support/year-2026.js';
import { COORDINATOR, message, OFFICER, type TgUser } from '../support/updates.js';

const run = !!process.env.CI || haveChromium();
const BASE = 'https://bot.example.gov.vn';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
/** --overdue in src/channels/web/style.ts, as the browser reports a computed colour. */
const OVERDUE_RGB = 'rgb(247, 197, 197)';

let h: Harness;
let browser: Browser;
let origin: string;
let shots: string;
let coordinatorLink: string;
let officerLink: string;
let codes: string[];
const cspViolations: string[] = [];

async function linkFor(user: TgUser): Promise<string> {
  const calls = await h.send(message('/trangweb', { from: user }));
  const text = calls.filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === user.id).map((c) => String(c.payload.text)).join('\n');
  const m = /https:\/\/bot\.example\.gov\.vn(\/w\/[A-Za-z0-9_.-]+)/.exec(text);
  if (!m) throw new Error(`no link in: ${text}`);
  return `${origin}${m[1]}`;
}

async function newPage(size: { width: number; height: number }): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(size);
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return page;
}

describe.skipIf(!run)('the status page in Chromium', () => {
  beforeAll(async () => {
    h = await startHarness({ now: () => TODAY, config: { publicBaseUrl: BASE, port: 0 } });
    origin = `http://127.0.0.1:${(h.app.http!.address() as AddressInfo).port}`;
    const db = h.app.db;
    seedYear2026(db);
    // Last year, for the year switch.
    seedUpdate(db, { task: 'II.4', agency: 'SKHCN', status: 'done', note: 'Đã ban hành quy chế đào tạo năm 2025', at: vn(2025, 10, 1) });
    recordTargetValue(db, { targetCode: 'grdp2030', year: 2026, value: 3.2, source: 'Thống kê tỉnh An Giang', recordedBy: COORDINATOR.id, recordedAt: vn(2026, 11, 20), eventId: null });
    codes = loadCatalog(db).tasks.map((t) => t.code);
    await registerOfficer(h, OFFICER, 'Sở Y tế');
    await h.send(message('/start', { from: OFFICER }));
    coordinatorLink = await linkFor(COORDINATOR);
    officerLink = await linkFor(OFFICER);
    shots = process.env.KH457_WEB_SHOTS ?? mkdtempSync(join(tmpdir(), 'kh457-web-shots-'));
    mkdirSync(shots, { recursive: true });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('on a phone (390 px): the 31 codes, the blocked note, an overdue cell coloured and worded, nothing wider than the screen', async () => {
    const page = await newPage(PHONE);
    const res = await page.goto(coordinatorLink);
    expect(res!.status()).toBe(200);
    await page.screenshot({ path: join(shots, 'web-phone.png') });
    await page.locator('#matrix').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'web-phone-matrix.png') });

    const rendered = await page.locator('table.matrix th.task a').allTextContents();
    expect(rendered).toEqual(codes);
    expect(rendered).toHaveLength(31);
    await expect.poll(() => page.locator('#blocked').innerText()).toContain('Chờ hướng dẫn của Bộ Công Thương');

    // IV.1: Sở GD&ĐT never reported and the 15/11 deadline passed.
    const overdue = page.locator('tr:has(th#task-IV\\.1) td.cell.st-overdue').last();
    expect(await overdue.innerText()).toContain('Chưa báo cáo · Quá hạn');
    expect(await overdue.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(OVERDUE_RGB);
    // The stylesheet applied under the Content-Security-Policy (its hash matched).
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(246, 248, 249)');

    // The page itself never scrolls sideways on a phone: the matrix scrolls inside its own box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const wrap = await page.locator('#matrix .matrix-wrap').evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth }));
    expect(wrap.scroll).toBeGreaterThan(wrap.client);

    // The last note on tap: the blocked line of II.3 opens to its note.
    const cell = page.locator('tr:has(th#task-II\\.3) td.cell.st-blocked details').first();
    await cell.locator('summary').click();
    await expect.poll(() => cell.locator('p.note').isVisible()).toBe(true);
    expect(await cell.locator('p.note').innerText()).toBe('Chờ hướng dẫn của Bộ Công Thương');
    await page.close();
  });

  it('on a desktop (1280 px): the year switch, the SVG chart, the targets, a task history', async () => {
    const page = await newPage(DESKTOP);
    await page.goto(coordinatorLink);
    await page.screenshot({ path: join(shots, 'web-desktop.png'), fullPage: false });
    expect(await page.locator('#progress svg.bars').count()).toBe(1);
    expect(await page.locator('#progress svg.bars').innerHTML()).toContain('12%'); // the plan's figure, EXPECTED_2026
    expect(await page.locator('#targets').innerText()).toContain('3,2% (năm 2026) — Thống kê tỉnh An Giang');
    expect(await page.locator('#countdown').innerText()).toContain('Còn 11 ngày đến hạn báo cáo 10/12/2026.');

    await page.locator('nav.years a', { hasText: '2025' }).click();
    await page.waitForURL(/\?y=2025$/);
    expect(await page.locator('header.top').innerText()).toContain('năm 2025');
    expect(await page.locator('nav.years [aria-current=page]').innerText()).toBe('2025');
    expect(await page.locator('#countdown').innerText()).toContain('Năm 2025 đã qua');
    const ii4 = page.locator('tr:has(th#task-II\\.4) td.cell.st-done');
    expect(await ii4.count()).toBeGreaterThan(0);
    expect(await page.locator('#matrix').innerText()).not.toContain('Chờ hướng dẫn của Bộ Công Thương');
    await page.screenshot({ path: join(shots, 'web-desktop-2025.png') });

    await page.goto(coordinatorLink);
    await page.locator('th#task-II\\.3 a').click();
    await page.waitForURL(/\/t\/II\.3\?y=2026$/);
    const history = await page.locator('#history').innerText();
    expect(history).toContain('Chờ hướng dẫn của Bộ Công Thương');
    expect(history).toContain('Đã khảo sát 12 doanh nghiệp');
    await page.close();
  });

  it('downloads the yearly report as a .docx that opens (a zip with word/document.xml)', async () => {
    const page = await newPage(DESKTOP);
    await page.goto(coordinatorLink);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#downloads a[href$="bao-cao-kh457-2026.docx"]').click()]);
    expect(download.suggestedFilename()).toBe('bao-cao-kh457-2026.docx');
    const path = await download.path();
    const zip = await JSZip.loadAsync(readFileSync(path));
    expect(await zip.file('word/document.xml')!.async('string')).toContain('BÁO CÁO');
    await page.close();
  });

  it('prints without the navigation and downloads, the matrix whole', async () => {
    const page = await newPage(DESKTOP);
    await page.goto(coordinatorLink);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.years').isVisible()).toBe(false);
    expect(await page.locator('#downloads').isVisible()).toBe(false);
    expect(await page.locator('#matrix .matrix-wrap').evaluate((el) => getComputedStyle(el).overflowX)).toBe('visible');
    const pdf = await page.pdf({ format: 'A4', landscape: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });

  it("an officer's link: their agency's lines only", async () => {
    const page = await newPage(PHONE);
    await page.goto(officerLink);
    await page.screenshot({ path: join(shots, 'web-officer-phone.png') });
    // All of the page's text, what folded <details> and title attributes hide included.
    const text = (await page.locator('body').textContent()) + (await page.locator('[title]').evaluateAll((els) => els.map((e) => e.getAttribute('title')).join('\n')));
    expect(text).toContain('Sở Y tế — năm 2026');
    expect(text).toContain('Đang lấy ý kiến các sở');
    for (const other of ['Chờ hướng dẫn của Bộ Công Thương', 'Đã tổ chức 2 hội nghị', 'Đang xây dựng quy trình giám định ADN', 'Đã thẩm định dự toán']) expect(text).not.toContain(other);
    expect(await page.locator('table.matrix thead th').allInnerTexts()).not.toContain('Sở Công Thương');
    await page.close();
  });

  it('on a phone in English, every bar label of the chart fits before its bar', async () => {
    await h.send(message('/ngonngu en', { from: COORDINATOR }));
    try {
      const page = await newPage(PHONE);
      await page.goto(coordinatorLink);
      expect(await page.locator('#progress h2').innerText()).toBe('Progress by section');
      // Each label's rendered length against where the bars start, in the SVG's own units.
      const labels = await page.locator('#progress svg.bars').evaluate((svg) => {
        const barX = Number(svg.querySelector('rect')!.getAttribute('x'));
        return [...svg.querySelectorAll('text')]
          .filter((t) => t.getAttribute('x') === '0')
          .map((t) => ({ label: t.textContent, room: barX - (t as SVGTextElement).getComputedTextLength() }));
      });
      expect(labels.map((l) => l.label)).toContain('Overall progress');
      expect(labels.filter((l) => l.room < 4)).toEqual([]);
      await page.screenshot({ path: join(shots, 'web-phone-en.png') });
      await page.close();
    } finally {
      await h.send(message('/lang vi', { from: COORDINATOR }));
    }
  });

  it('a forged, revoked or missing token: 403 and no task in the page', async () => {
    const page = await newPage(DESKTOP);
    const token = coordinatorLink.split('/w/')[1]!;
    for (const url of [`${origin}/w/${token.slice(0, -3)}AAA`, `${origin}/w/`, `${origin}/w`]) {
      const res = await page.goto(url);
      expect(res!.status()).toBe(403);
      const text = await page.locator('body').innerText();
      expect(text).toContain('Liên kết này không hợp lệ');
      for (const code of ['II.3', 'IV.1']) expect(text).not.toContain(code);
    }
    await h.send(message('/trangweb thuhoi', { from: OFFICER }));
    const res = await page.goto(officerLink);
    expect(res!.status()).toBe(403);
    expect(await page.locator('body').innerText()).not.toContain('III.1.3');
    await page.close();
  });

  it('made its screenshots, and the browser saw no Content-Security-Policy violation', () => {
    for (const name of ['web-phone.png', 'web-phone-matrix.png', 'web-desktop.png', 'web-desktop-2025.png', 'web-officer-phone.png']) expect(statSync(join(shots, name)).size).toBeGreaterThan(10_000);
    expect(cspViolations).toEqual([]);
  });
});
