import type { Config } from './config.js';
import type { Db } from './db/open.js';
import type { I18n } from './i18n.js';
import type { Logger } from './logger.js';
import type { Serialize } from './delivery/say.js';

/** What handlers and scheduled jobs both need; built once in app.ts. */
export interface AppDeps {
  config: Config;
  db: Db;
  i18n: I18n;
  log: Logger;
  /** The clock; tests and the demo move it. */
  now: () => number;
  /** Wakes the outbox worker after something was enqueued. */
  kick: () => void;
  /** Turns a Reply into the messages of the conversation's channel, for the outbox. */
  serialize: Serialize;
}
