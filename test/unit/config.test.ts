import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { Writable } from 'node:stream';

const TOKEN = '123456789:AAHk-abcdefghijklmnopqrstuvwxyz012';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const r = loadConfig({ BOT_TOKEN: TOKEN });
    expect(r.ok && r.config).toMatchObject({
      apiRoot: 'https://api.telegram.org',
      databasePath: './data/kh457.db',
      coordinatorIds: [],
      timeZone: 'Asia/Ho_Chi_Minh',
      defaultLocale: 'vi',
      logLevel: 'info',
    });
  });
  it('parses coordinator ids and trims the API root', () => {
    const r = loadConfig({ BOT_TOKEN: TOKEN, COORDINATOR_IDS: '111, 222 333', TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/' });
    expect(r.ok && r.config.coordinatorIds).toEqual([111, 222, 333]);
    expect(r.ok && r.config.apiRoot).toBe('http://127.0.0.1:8081');
  });
  it('says when the token is missing', () => {
    const r = loadConfig({});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.missingToken).toBe(true);
  });
  it('names every invalid variable', () => {
    const r = loadConfig({ BOT_TOKEN: 'nope', COORDINATOR_IDS: 'abc', TIMEZONE: 'Mars/Base', DEFAULT_LOCALE: 'fr' });
    expect(r.ok).toBe(false);
    const text = !r.ok ? r.problems.join('\n') : '';
    for (const v of ['BOT_TOKEN', 'COORDINATOR_IDS', 'TIMEZONE', 'DEFAULT_LOCALE']) expect(text).toContain(v);
    expect(!r.ok && r.missingToken).toBe(false);
  });
});

describe('logger', () => {
  it('never writes the token, even inside error messages', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) });
    const log = createLogger('info', [TOKEN], sink);
    log.error({ err: new Error(`request to https://api.telegram.org/bot${TOKEN}/getMe failed`), url: `/bot${TOKEN}/x` }, `oops ${TOKEN}`);
    const out = lines.join('');
    expect(out).not.toContain(TOKEN);
    expect(out).toContain('[REDACTED]');
  });
});

describe('loadConfig: Zalo and links', () => {
  const ZALO = '1234567890:abcdefghijKLMNOP';
  it('runs on Zalo alone, with its server address and port, and reads link lifetimes', () => {
    const r = loadConfig({ ZALO_BOT_TOKEN: ZALO, PUBLIC_BASE_URL: 'https://bot.example.gov.vn/', PORT: '8080', ZALO_COORDINATOR_IDS: 'abc123, def456', FILE_LINK_TTL: '12h', WEB_LINK_TTL: '90' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.botToken).toBe('');
    expect(r.config.zalo).toMatchObject({ token: ZALO, mode: 'polling', coordinatorIds: ['abc123', 'def456'], monthlyQuota: 3000 });
    expect(r.config.publicBaseUrl).toBe('https://bot.example.gov.vn');
    expect(r.config.fileLinkTtlMs).toBe(12 * 3_600_000);
    expect(r.config.webLinkTtlMs).toBe(90_000);
  });
  it('needs PUBLIC_BASE_URL and PORT with Zalo, and a secret for its webhook', () => {
    const r = loadConfig({ ZALO_BOT_TOKEN: ZALO, ZALO_MODE: 'webhook' });
    const text = !r.ok ? r.problems.join('\n') : '';
    for (const v of ['PUBLIC_BASE_URL', 'PORT', 'ZALO_WEBHOOK_SECRET']) expect(text).toContain(v);
    expect(!r.ok && r.missingToken).toBe(false);
  });
  it('wants PUBLIC_BASE_URL as an http(s) address', () => {
    for (const bad of ['localhost:8601', 'ftp://x', 'https://so.example.gov.vn/kh457']) expect(loadConfig({ BOT_TOKEN: TOKEN, PUBLIC_BASE_URL: bad }).ok).toBe(false);
  });
  it('refuses a duration it cannot read', () => {
    const r = loadConfig({ BOT_TOKEN: TOKEN, WEB_LINK_TTL: 'a week' });
    expect(!r.ok && r.problems.join()).toContain('WEB_LINK_TTL');
  });
});
