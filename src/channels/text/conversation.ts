// What every text-only channel (the console, Zalo) does the same way, because none of them has
// buttons, replies to a message or edits: a line is a command ("/…"), a choice (a bare number: one of
// the numbered choices last offered to that person in that conversation) or the answer to the
// question waiting for them there. Messages are plain text, choices numbered lines after the text,
// split within the channel's limit. Each channel keeps its own transport, identities and limit.
import type { Choice, Reply } from '../../conversation/reply.js';
import type { Rich } from '../../conversation/rich.js';
import type { Input, MessageRef, Outcome } from '../../conversation/types.js';
import type { AppDeps } from '../../deps.js';
import { botMessage } from '../../db/queries/progress-reports.js';
import { rememberMessageAbout } from '../../core/progress-reports.js';
import { foldCompact } from '../../text/fold.js';
import { COMMANDS } from '../../conversation/commands.js';
import { TASK_CODE_PATTERN } from '../../domain/task-code.js';

/** Choices said in a conversation; `forUserId` null: offered to anyone there. */
export interface Offer {
  ref: MessageRef;
  forUserId: number | null;
  choices: Choice[];
  closed: boolean;
}

/** A question waiting for someone's next message in a conversation. */
export interface Waiting {
  ref: MessageRef;
  forUserId: number | null;
}

const latest = <T>(list: T[], pick: (x: T) => boolean): T | undefined => {
  for (let i = list.length - 1; i >= 0; i--) if (pick(list[i]!)) return list[i];
  return undefined;
};

// Numbers refer to recent messages only; older offers are forgotten (and answered as stale).
const KEPT = 200;

/** The choices and questions a text channel has said, per conversation and person, newest last. */
export class TextPrompts {
  private readonly offers: Offer[] = [];
  private readonly questions: Waiting[] = [];

  /** A message with choices was said (to `forUserId`, or anyone there when null). */
  offer(ref: MessageRef, forUserId: number | null, choices: Choice[]) {
    if (choices.length) this.keep(this.offers, { ref, forUserId, choices, closed: false });
  }

  /** A message that waits for the next message of `forUserId` (anyone there when null). */
  ask(ref: MessageRef, forUserId: number | null) {
    this.keep(this.questions, { ref, forUserId });
  }

  /**
   * The choices a number answers: the latest offered to this person, open, before any offered to
   * everyone there — a reminder arriving between someone's own choices and their number must not
   * take it.
   */
  offerFor(chatId: number, userId: number): Offer | undefined {
    return (
      latest(this.offers, (o) => o.ref.chatId === chatId && o.forUserId === userId && !o.closed) ??
      latest(this.offers, (o) => o.ref.chatId === chatId && (o.forUserId === null || o.forUserId === userId))
    );
  }

  /** A new command starts afresh: the choices offered before it to this person here are stale. */
  closeOffers(chatId: number, userId: number, alsoToEveryone: boolean) {
    for (const o of this.offers) if (o.ref.chatId === chatId && (o.forUserId === userId || (alsoToEveryone && o.forUserId === null))) o.closed = true;
  }

  waitingFor(chatId: number, userId: number): Waiting | undefined {
    return latest(this.questions, (q) => q.ref.chatId === chatId && (q.forUserId === null || q.forUserId === userId));
  }

  forget(q: Waiting) {
    const at = this.questions.indexOf(q);
    if (at >= 0) this.questions.splice(at, 1);
  }

  private keep<T>(list: T[], item: T) {
    list.push(item);
    if (list.length > KEPT) list.shift();
  }
}

/** A line read: the input for the router, or a short answer (a locale key) when a number cannot be a choice. */
export type ReadLine =
  | { kind: 'input'; input: Input; offer?: Offer; waiting?: Waiting }
  | { kind: 'notice'; key: string; params?: Record<string, unknown> };

const COMMAND = /^\/([^\s@]+)(?:@\S*)?(?:\s+([\s\S]*))?$/;

/** A task's code typed alone ('III.1.3'): at a list of tasks it picks the one whose label starts with it. */
const TASK_CODE = new RegExp(`^${TASK_CODE_PATTERN}$`, 'i');

/** /huy and /undo: the one list of commands.ts, not a copy. */
const CANCEL = new Set<string>(COMMANDS.undo);

/**
 * What a line typed by `userId` in `chatId` means. A command starts afresh (a question asked before
 * it no longer takes the next line). A bare number picks from the latest choices offered there,
 * unless a question was asked after them (then the number is its answer: "70" to "how far?").
 */
export function readLine(
  prompts: TextPrompts,
  chatId: number,
  userId: number,
  line: string,
  kind: 'private' | 'group' = 'private',
  /** Whether a question is still open (its prompt not used up by a choice or a save): db-backed in the channels. */
  isOpen: (ref: MessageRef) => boolean = () => true,
): ReadLine {
  let waiting = prompts.waitingFor(chatId, userId);
  // A question answered since (by a number, on another of its messages) takes no more lines.
  while (waiting && !isOpen(waiting.ref)) {
    prompts.forget(waiting);
    waiting = prompts.waitingFor(chatId, userId);
  }
  const command = COMMAND.exec(line);
  if (command) {
    if (waiting) prompts.forget(waiting);
    // In a private chat everything offered there was offered to this person.
    prompts.closeOffers(chatId, userId, kind === 'private');
    // /huy alone while a question waits cancels that question: the report being made is what the
    // person means, not the last one saved (a second /huy is the usual withdraw).
    if (waiting && CANCEL.has(command[1]!.toLowerCase()) && !command[2]?.trim()) return { kind: 'notice', key: 'console.question_cancelled' };
    return { kind: 'input', input: { kind: 'command', command: command[1]!.toLowerCase(), args: command[2] ?? '', files: [], messageId: null } };
  }
  const offer = prompts.offerFor(chatId, userId);
  if (/^\d+$/.test(line) && !(waiting && waiting.ref.messageId > (offer?.ref.messageId ?? 0))) {
    if (!offer) return { kind: 'notice', key: 'console.no_choices' };
    if (offer.closed) return { kind: 'notice', key: 'console.choices_closed' };
    const choice = offer.choices[Number(line) - 1];
    if (!choice) return { kind: 'notice', key: offer.choices.length === 1 ? 'console.choice_only_one' : 'console.choice_out_of_range', params: { n: line, count: offer.choices.length } };
    return { kind: 'input', input: { kind: 'choice', data: choice.data, on: offer.ref }, offer };
  }
  // A choice's label typed instead of its number ("Sở KH&CN" at "cho cơ quan nào?", "Hoàn thành" at
  // the statuses) picks it, when those choices are the newest thing asked here: typed at an older
  // list, under a question asked since, the words are that question's answer.
  const typed = foldCompact(line);
  const label = typed && offer && !offer.closed && !(waiting && waiting.ref.messageId > offer.ref.messageId)
    ? offer.choices.find((c) => foldCompact(c.label) === typed || (TASK_CODE.test(line.trim()) && foldCompact(c.label.split(' ')[0]!) === typed))
    : undefined;
  if (label && offer) return { kind: 'input', input: { kind: 'choice', data: label.data, on: offer.ref }, offer };
  return { kind: 'input', input: { kind: 'text', text: line, answers: waiting?.ref ?? null, files: [], messageId: null }, waiting };
}

/**
 * The answer when no use case takes the input (a locale key), or undefined to stay quiet: in a
 * group where the bot reads everything, ordinary talk between people is not for the bot (as on
 * Telegram); where it only receives what is addressed to it (Zalo), it answers.
 */
export function unrouted(input: Input, quietOnTalk = false): string | undefined {
  if (input.kind === 'command') return 'fallback.unknown_command';
  if (input.kind === 'choice') return 'console.choice_unavailable';
  return quietOnTalk ? undefined : 'fallback.text';
}

/**
 * After a use case ran: a question answered is no longer waiting once the answer was used — saved,
 * or answered with a new question (which waits in its place) — and while its prompt is no longer
 * open; an answer that could not be used (refused with an explanation) leaves it waiting, as a
 * Telegram prompt stays answerable. The choices picked are closed when the use case says so or
 * replaced the message they were on (Telegram removes or edits that message's buttons), so their
 * numbers are stale.
 */
export function settleOutcome(deps: Pick<AppDeps, 'db'>, prompts: TextPrompts, read: Extract<ReadLine, { kind: 'input' }>, outcome: Outcome) {
  if (read.input.kind === 'text' && read.waiting) {
    const used = outcome.replies.some((r) => r.about);
    if (used || !isOpenPrompt(deps, read.waiting.ref)) prompts.forget(read.waiting);
  }
  if (read.offer && (outcome.closeChoices || outcome.replies.some((r) => r.replace))) read.offer.closed = true;
}

/** Whether the bot's message is a prompt still waiting for its answer (not used up). */
export function isOpenPrompt(deps: Pick<AppDeps, 'db'>, ref: MessageRef): boolean {
  return botMessage(deps.db, ref.chatId, ref.messageId)?.kind === 'prompt';
}

/**
 * Remembers what the last message of a reply is about (a task, a prompt for a note, an /undo
 * offer) under its message id, so an answer to it is understood; a prompt waits for its answer
 * even when it is not phrased as a question.
 */
export function rememberAbout(deps: Pick<AppDeps, 'db' | 'now' | 'log'>, prompts: TextPrompts, ref: MessageRef, reply: Reply, userId: number) {
  const a = reply.about;
  if (!a) return;
  rememberMessageAbout(deps.db, ref, a, deps.now(), deps.log);
  if (a.kind === 'prompt' && !reply.question) prompts.ask(ref, a.forUserId ?? userId);
}

/** What a text message carries besides its text (the outbox payload of a text channel's chat). */
export interface TextPayload {
  text: string;
  /** The numbered choices, in order: "1" answers choices[0]. */
  choices?: Choice[];
  /** The message asks a question: the person's next message answers it. */
  question?: boolean;
  /** A file's caption. */
  caption?: string;
}

/**
 * The text of a Reply with its numbered choices after it, split within `limit` (counted as JS
 * counts string length: UTF-16 code units, what Zalo counts too); the choices and the question go
 * with the last part, so the number typed answers what was read last.
 */
export function textParts(reply: Reply, limit: number, render: (r: Rich) => string): TextPayload[] {
  const choices = reply.choices?.flat() ?? [];
  const lines = [render(reply.text), ...choices.map((c, i) => `${i + 1}. ${c.label}`)].filter(Boolean).join('\n');
  if (!lines) return [];
  const parts = splitLines(lines, limit);
  return parts.map((text, i) => {
    const last = i === parts.length - 1;
    return { text, ...(last && choices.length ? { choices } : {}), ...(last && reply.question ? { question: true } : {}) };
  });
}

/** Control characters a person typed (escape sequences, bells) are not printed: only line breaks and tabs. */
export const withoutControls = (s: string) => s.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');

/** True when cutting `s` at `i` would split a surrogate pair (an emoji) in two. */
const splitsPair = (s: string, i: number) => i > 0 && i < s.length && /[\uD800-\uDBFF]/.test(s[i - 1]!) && /[\uDC00-\uDFFF]/.test(s[i]!);

/**
 * Text in parts of at most `limit` UTF-16 code units, cut at line ends (a longer line at its last
 * space, or hard — never inside an emoji's surrogate pair).
 */
export function splitLines(text: string, limit: number): string[] {
  const parts: string[] = [];
  let current = '';
  const push = () => {
    if (current) parts.push(current);
    current = '';
  };
  for (let line of text.split('\n')) {
    while (line.length > limit) {
      push();
      const space = line.lastIndexOf(' ', limit);
      let cut = space > limit / 2 ? space : limit;
      if (splitsPair(line, cut)) cut--;
      parts.push(line.slice(0, cut));
      line = line.slice(cut).replace(/^ /, '');
    }
    const joined = current ? `${current}\n${line}` : line;
    if (joined.length > limit) {
      push();
      current = line;
    } else current = joined;
  }
  push();
  return parts;
}
