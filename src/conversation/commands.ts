// The commands people type, on every channel: one list for routing, /help and the menus.
import type { Locale } from '../config.js';

/** Every command with its Vietnamese alias; the one list the menus, /help and routing share. */
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
  linkchannel: ['linkchannel', 'lienketkenh'],
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
  web: ['web', 'trangweb'],
  viewers: ['viewers', 'nguoixem'],
} as const;

export type CommandKey = keyof typeof COMMANDS;
export const MENU_ORDER: CommandKey[] = [
  'update',
  'mytasks',
  'status',
  'report',
  'web',
  'signature',
  'propose',
  'tasks',
  'task',
  'history',
  'undo',
  'register',
  'linkchannel',
  'linkgroup',
  'officers',
  'viewers',
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
