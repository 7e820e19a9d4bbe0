// The data behind a choice — a button on Telegram, a numbered line elsewhere — written and read by
// one typed codec, so a choice made on any channel reaches the same use case. The wire format is
// short (Telegram allows 64 bytes) and is user-controlled: decoding validates every field, and
// the use case still re-checks who pressed and whether the choice still applies.
import { TASK_CODE_PATTERN } from '../domain/task-code.js';

type FieldKind = 'task' | 'agency' | 'agency*' | 'id' | 'int' | 'date8' | 'date8-' | 'word';

const FIELD: Record<FieldKind, RegExp> = {
  task: new RegExp(`^${TASK_CODE_PATTERN}$`),
  agency: /^[A-Z_]{1,20}$/,
  /** An agency code, or '*' for every agency. */
  'agency*': /^([A-Z_]{1,20}|\*)$/,
  id: /^\d{1,12}$/,
  int: /^\d{1,4}$/,
  date8: /^\d{8}$/,
  /** A yyyymmdd date, or '-' for none. */
  'date8-': /^(\d{8}|-)$/,
  word: /^[a-z0-9*+-]{1,10}$/,
};

interface Spec<F extends Record<string, FieldKind>> {
  prefix: string;
  fields: F;
  /** Fixed values a field may take, when it is not free within its kind. */
  values?: { [K in keyof F]?: readonly string[] };
}

type Decoded<F extends Record<string, FieldKind>> = { [K in keyof F]: F[K] extends 'id' | 'int' ? number : string };

export interface ChoiceCodec<F extends Record<string, FieldKind>> {
  readonly prefix: string;
  encode(v: Decoded<F>): string;
  decode(data: string): Decoded<F> | undefined;
}

export function choiceCodec<F extends Record<string, FieldKind>>(spec: Spec<F>): ChoiceCodec<F> {
  const keys = Object.keys(spec.fields) as (keyof F & string)[];
  return {
    prefix: spec.prefix,
    encode: (v) => [spec.prefix, ...keys.map((k) => String(v[k]))].join(':'),
    decode(data) {
      if (!data.startsWith(`${spec.prefix}:`)) return undefined;
      const parts = data.slice(spec.prefix.length + 1).split(':');
      if (parts.length !== keys.length) return undefined;
      const out: Record<string, string | number> = {};
      for (const [i, k] of keys.entries()) {
        const raw = parts[i]!;
        const kind = spec.fields[k] as FieldKind;
        if (!FIELD[kind].test(raw)) return undefined;
        const allowed = spec.values?.[k];
        if (allowed && !allowed.includes(raw)) return undefined;
        out[k] = kind === 'id' || kind === 'int' ? Number(raw) : raw;
      }
      return out as Decoded<F>;
    },
  };
}

/** Every choice the bot offers; the prefixes are stored in messages already sent, so they never change. */
export const CHOICES = {
  /** Report on this task: offer the statuses. */
  reportTask: choiceCodec({ prefix: 'up:t', fields: { task: 'task' } }),
  reportStatus: choiceCodec({ prefix: 'up:s', fields: { task: 'task', status: 'word' }, values: { status: ['n', 'p', 'd', 'b'] } }),
  reportAgency: choiceCodec({ prefix: 'up:c', fields: { agency: 'agency' } }),
  language: choiceCodec({ prefix: 'lang', fields: { locale: 'word' }, values: { locale: ['vi', 'en'] } }),
  agency: choiceCodec({ prefix: 'ag', fields: { agency: 'agency' } }),
  tasksOfAgency: choiceCodec({ prefix: 'tl:a', fields: { agency: 'agency' } }),
  /** A page of a task's history, of one agency or of all ('*'); page 0 is the newest. */
  history: choiceCodec({ prefix: 'hi', fields: { task: 'task', agency: 'agency*', page: 'int' } }),
  register: choiceCodec({ prefix: 'rg', fields: { agency: 'agency' } }),
  officer: choiceCodec({ prefix: 'of', fields: { decision: 'word', officer: 'id' }, values: { decision: ['a', 'r', 'v'] } }),
  link: choiceCodec({ prefix: 'lk', fields: { agency: 'agency' } }),
  confirm: choiceCodec({ prefix: 'cf', fields: { id: 'id', answer: 'word' }, values: { answer: ['y', 'n'] } }),
  /** Give (+) or take (-) a task's lead: the successor offered in place of a body that no longer exists. */
  assign: choiceCodec({ prefix: 'ga', fields: { op: 'word', task: 'task', agency: 'agency' }, values: { op: ['+', '-'] } }),
  /**
   * What an officer meant, asked about before saving: `<status n|p|d|b or o for none><percent or ->`
   * (the use case reads it further) and how the report came (c command, r reply, b choices).
   */
  reportMeant: choiceCodec({ prefix: 'up:k', fields: { meant: 'word', via: 'word' }, values: { via: ['c', 'r', 'b'] } }),
  /** The same question's other answers, sharing its prefix: type it again (r) or cancel (x). */
  reportRetype: choiceCodec({ prefix: 'up:k', fields: { action: 'word' }, values: { action: ['r', 'x'] } }),
  withdraw: choiceCodec({ prefix: 'un', fields: { report: 'id' } }),
  /** Keep the report an /undo offered; shares the prefix of withdraw. */
  keepReport: choiceCodec({ prefix: 'un', fields: { keep: 'word' }, values: { keep: ['x'] } }),
  /** Confirm (y) or cancel (n) a due date after 10/12; `stored` is the date the question was asked over. */
  deadline: choiceCodec({ prefix: 'dl', fields: { answer: 'word', task: 'task', date: 'date8', stored: 'date8-' }, values: { answer: ['y', 'n'] } }),
} as const;
