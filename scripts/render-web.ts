// `npm run render:web [folder]`: the status page as the README shows it. Seeds the demo year of
// scripts/render-reports.ts in a temporary database, starts the real bot against a local Bot API
// stand-in with its HTTP server, asks /trangweb as the coordinator, and photographs the page in
// Debian's chromium (test/support/browser.ts) at desktop and phone widths. With `--docs` it also
// refreshes docs/img/web-desktop.png, web-phone.png and web-phone-matrix.png.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from '../test/support/browser.js';
import { startHarness } from '../test/support/harness.js';
import { vn } from '../test/support/seed.js';
import { COORDINATOR, message } from '../test/support/updates.js';
import { seedDemoYear } from './render-reports.js';

export async function renderWeb(outDir: string, opts: { docs?: boolean } = {}) {
  mkdirSync(outDir, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'kh457-web-'));
  const h = await startHarness({ keepDir: dir, now: () => vn(2026, 11, 29, 10), config: { publicBaseUrl: 'https://bot.example.gov.vn', port: 0 } });
  const browser = await launchBrowser();
  try {
    seedDemoYear(h.app.db, 2026);
    const calls = await h.send(message('/trangweb', { from: COORDINATOR }));
    const text = calls.map((c) => String(c.payload.text ?? '')).join('\n');
    const path = /https:\/\/bot\.example\.gov\.vn(\/w\/[A-Za-z0-9_.-]+)/.exec(text)?.[1];
    if (!path) throw new Error(`no link in the answer to /trangweb: ${text}`);
    const url = `http://127.0.0.1:${(h.app.http!.address() as AddressInfo).port}${path}`;
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 1500 });
    await page.goto(url);
    await page.screenshot({ path: join(outDir, 'web-desktop.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url);
    await page.screenshot({ path: join(outDir, 'web-phone.png') });
    // The matrix on a phone: the task column stays while the agencies scroll sideways.
    await page.locator('th#task-III\\.1\\.3').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(outDir, 'web-phone-matrix.png') });
    if (opts.docs) {
      const img = resolve('docs/img');
      mkdirSync(img, { recursive: true });
      for (const name of ['web-desktop.png', 'web-phone.png', 'web-phone-matrix.png']) copyFileSync(join(outDir, name), join(img, name));
    }
    return ['web-desktop.png', 'web-phone.png', 'web-phone-matrix.png'].map((n) => join(outDir, n));
  } finally {
    await browser.close();
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const dir = resolve(args.find((a) => !a.startsWith('--')) ?? 'out/web');
  const files = await renderWeb(dir, { docs: args.includes('--docs') });
  console.log(`wrote ${files.join(', ')}`);
}
