import { Context } from 'telegraf';
import { toastText } from './serialize.js';
import type { Locale } from '../../config.js';
import type { Db } from '../../db/open.js';
import { isCoordinator } from '../../core/roles.js';
import type { AppDeps } from '../../deps.js';
import type { TFunction } from '../../i18n.js';

export type BotDeps = AppDeps;

/** telegraf's context plus what every handler needs; filled in by the `identify` middleware. */
export class BotContext extends Context {
  declare deps: BotDeps;
  locale: Locale = 'vi';
  t: TFunction = ((key: string) => key) as TFunction;

  get db(): Db {
    return this.deps.db;
  }

  /** Whether the person writing is a coordinator on any channel they linked (core/roles.ts). */
  get isCoordinator(): boolean {
    return !!this.from && isCoordinator(this.deps.db, this.deps.config, (this.state.personId as number | undefined) ?? this.from.id);
  }

  /**
   * Our texts are rich text (conversation/rich.ts); a button's answer is plain text of at most 200
   * characters. One conversion here, instead of at every call.
   */
  override answerCbQuery(text?: string, extra?: Parameters<Context['answerCbQuery']>[1]) {
    return super.answerCbQuery(text === undefined ? undefined : toastText(text), extra);
  }
}
