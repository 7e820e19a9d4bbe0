// The command menu Telegram shows beside the input field, in each language.
import type { Telegram } from 'telegraf';
import type { Locale } from '../../config.js';
import { COMMANDS, commandName, KNOWN_COMMANDS, MENU_ORDER, type CommandKey } from '../../conversation/commands.js';
import { LOCALES, type I18n } from '../../i18n.js';

export { COMMANDS, commandName, KNOWN_COMMANDS, MENU_ORDER, type CommandKey };

export async function registerCommandMenu(telegram: Telegram, i18n: I18n, defaultLocale: Locale) {
  const menu = (locale: Locale) =>
    MENU_ORDER.map((key) => ({ command: commandName(key, locale), description: i18n.t(locale)(`menu.${key}`) }));
  for (const locale of LOCALES) await telegram.setMyCommands(menu(locale), { language_code: locale });
  await telegram.setMyCommands(menu(defaultLocale));
}
