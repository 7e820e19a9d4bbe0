// Composition root: read configuration, start the bot, stop cleanly on SIGINT/SIGTERM.
import { existsSync } from 'node:fs';
import { loadConfig } from './config.js';
import { createI18n } from './i18n.js';
import { createLogger } from './logger.js';
import { startApp } from './app.js';
import { esc, richToPlain } from './conversation/rich.js';
import { PollingConflictError } from './channels/telegram/poller.js';
import { ZaloStoppedError } from './channels/zalo/receive.js';

// The database, its WAL, backups and reports hold names and official reports: readable by this
// user only, whatever the shell's umask (open.ts and backup.ts also set the modes explicitly).
process.umask(0o077);

if (existsSync('.env')) process.loadEnvFile('.env');

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  const i18n = createI18n();
  for (const locale of ['vi', 'en'] as const) {
    const t = i18n.t(locale);
    console.error(richToPlain(loaded.missingToken ? t('config.missing_token') : t('config.invalid', { problems: esc(loaded.problems.join('\n- ')) })));
    console.error('');
  }
  process.exit(2);
}

const config = loaded.config;
// Tokens sit in every API URL and secrets in webhook headers: scrubbed from anything logged.
const log = createLogger(config.logLevel, [config.botToken, config.zalo?.token ?? '', config.zalo?.webhookSecret ?? '', config.webhook?.secret ?? '']);
log.info(
  { apiRoot: config.botToken ? config.apiRoot : undefined, zaloApiRoot: config.zalo?.apiRoot, database: config.databasePath, coordinators: config.coordinatorIds.length, timeZone: config.timeZone },
  'starting kh457-bot',
);

const app = await startApp(config, log).catch((err) => {
  log.fatal({ err }, 'could not start');
  process.exit(1);
});

const shutdown = async (signal: string) => {
  log.info({ signal }, 'stopping');
  await app.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

app.running.catch(async (err) => {
  // Only when Zalo is the only channel: with Telegram, Zalo stops alone and Telegram goes on (app.ts).
  if (err instanceof ZaloStoppedError && err.reason === 'token') {
    log.fatal('Zalo refused ZALO_BOT_TOKEN (401): check it in Zalo Bot Creator; exiting');
  } else if (err instanceof ZaloStoppedError) {
    log.fatal(`${err.message}: stop the other instance and start this one again (docs/operations.md, Moving to another server); exiting`);
  } else if (err instanceof PollingConflictError) {
    log.fatal('another process is polling with this token (409 Conflict): stop it, or use one webhook; exiting');
  } else {
    log.fatal({ err }, 'polling stopped');
  }
  await app.stop();
  process.exit(3);
});
