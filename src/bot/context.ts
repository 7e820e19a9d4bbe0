import { Context } from 'telegraf';
import type { Config, Locale } from '../config.js';
import type { Db } from '../db/open.js';
import type { I18n, TFunction } from '../i18n.js';
import type { Logger } from '../logger.js';

export interface BotDeps {
  config: Config;
  db: Db;
  i18n: I18n;
  log: Logger;
  /** The clock; tests and the demo move it. */
  now: () => number;
  /** Wakes the outbox worker after something was enqueued. */
  kickOutbox: () => void;
}

/** telegraf's context plus what every handler needs; filled in by the `identify` middleware. */
export class BotContext extends Context {
  declare deps: BotDeps;
  locale: Locale = 'vi';
  t: TFunction = ((key: string) => key) as TFunction;

  get db(): Db {
    return this.deps.db;
  }

  get isCoordinator(): boolean {
    return !!this.from && this.deps.config.coordinatorIds.includes(this.from.id);
  }
}
