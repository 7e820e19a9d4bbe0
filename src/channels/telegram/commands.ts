import type { Telegram } from 'telegraf';
import type { I18n } from '../../i18n.js';
import { LOCALES } from '../../i18n.js';
import type { Locale } from '../../config.js';

/** Every command with its Vietnamese alias; the one list the menu, /help and routing share. */
export const COMMANDS = {
  help: ['help', 'trogiup'],
  tasks: ['tasks', 'nhiemvu'],
  task: ['task', 'nv'],
  agencies: ['agencies', 'coquan'],
  plan: ['plan', 'kehoach'],
  lang: ['lang', 'ngonngu'],
  update: ['update', 'capnhat'],
  mytasks: ['mytasks', 'viectoi'],
  history: ['history', 'lichsu'],
  undo: ['undo', 'huy'],
  register: ['register', 'dangky'],
  officers: ['officers', 'canbo'],
  linkgroup: ['linkgroup', 'lienket'],
  status: ['status', 'tinhhinh'],
  deadline: ['deadline', 'hanchot'],
  digest: ['digest', 'tonghop'],
  report: ['report', 'baocao'],
  propose: ['propose', 'kiennghi'],
  assign: ['assign', 'giaoviec'],
  setdigest: ['setdigest', 'dattonghop'],
  backup: ['backup', 'saoluu'],
  editagency: ['editagency', 'suacoquan'],
  signature: ['signature', 'chuky'],
  targets: ['targets', 'chitieu'],
} as const;

export type CommandKey = keyof typeof COMMANDS;
export const MENU_ORDER: CommandKey[] = [
  'update',
  'mytasks',
  'status',
  'report',
  'signature',
  'propose',
  'tasks',
  'task',
  'history',
  'undo',
  'register',
  'linkgroup',
  'officers',
  'digest',
  'deadline',
  'assign',
  'setdigest',
  'backup',
  'editagency',
  'targets',
  'agencies',
  'plan',
  'help',
  'lang',
];
export const KNOWN_COMMANDS = new Set<string>(['start', ...Object.values(COMMANDS).flat()]);

/** The name shown in a locale's menu: Vietnamese users see /nhiemvu, English users /tasks. */
export function commandName(key: CommandKey, locale: Locale): string {
  return locale === 'vi' ? COMMANDS[key][1] : COMMANDS[key][0];
}

export async function registerCommandMenu(telegram: Telegram, i18n: I18n, defaultLocale: Locale) {
  const menu = (locale: Locale) =>
    MENU_ORDER.map((key) => ({ command: commandName(key, locale), description: i18n.t(locale)(`menu.${key}`) }));
  for (const locale of LOCALES) await telegram.setMyCommands(menu(locale), { language_code: locale });
  await telegram.setMyCommands(menu(defaultLocale));
}
