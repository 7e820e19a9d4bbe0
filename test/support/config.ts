import type { Config } from '../../src/config.js';
import { defaultConfig } from '../../src/config.js';

/** The defaults, quiet, keeping few backups, and without Telegram's send limits (they are tested apart). */
export const testConfig = (dir: string, overrides: Partial<Config> = {}): Config =>
  defaultConfig(dir, { logLevel: 'silent', backupKeep: 3, sendLimits: 'none', ...overrides });
