// A real headless browser for the status page's tests and the README's screenshots: Debian's
// chromium (installed by .ci/run), driven from Node by playwright-core — which brings no browser
// of its own and downloads nothing. A fresh profile each time, nothing that phones home.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.KH457_CHROMIUM ?? '/usr/bin/chromium';

export const haveChromium = () => existsSync(CHROMIUM);

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium with a throw-away profile (playwright passes it as --user-data-dir); downloads allowed. */
export async function launchBrowser(): Promise<Browser> {
  if (!haveChromium()) throw new Error(`chromium is not installed at ${CHROMIUM} (apt-get install chromium; .ci/run does)`);
  const profile = mkdtempSync(join(tmpdir(), 'kh457-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
