// The console channel: the conversation core in a terminal. Each line a person types is stored in
// the inbox, read as a command ("/…"), a choice (a bare number: one of the numbered choices last
// offered to them in that conversation) or the answer to the question waiting for them there, and
// handed to the use case the router names; what the use case answers is printed as plain text.
// What the bot says on its own reaches the console through the outbox (`send`, a Transport).
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { extname, basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { findUseCase, type Routes } from '../../conversation/router.js';
import type { Actor, Conversation, Outcome, Request } from '../../conversation/types.js';
import type { Db } from '../../db/open.js';
import { commitHandled, recordEvent } from '../../db/queries/inbox.js';
import { getUser } from '../../db/queries/users.js';
import type { OutboxRow, SendResult, Transport } from '../../delivery/outbox.js';
import type { ChannelMessage } from '../../delivery/say.js';
import type { AppDeps } from '../../deps.js';
import { isLocale } from '../../i18n.js';
import { isCoordinator } from '../../core/roles.js';
import { nextMetaCounter } from '../../db/queries/plan.js';
import { CONSOLE, consoleChat, consolePerson, consoleRef, isGroupRef, type ConsoleName } from './identities.js';
import { isOpenPrompt, readLine, rememberAbout, settleOutcome, TextPrompts, unrouted } from '../text/conversation.js';
import { choiceAnswerLine, richToConsole, toConsoleMessages, type ConsoleFormat, type ConsolePayload } from './serialize.js';

export interface ConsoleOptions extends ConsoleFormat {
  /** Console ids of the coordinators (Sở KH&CN): the console's COORDINATOR_IDS (config.consoleCoordinatorIds, core/roles.ts). */
  coordinators: string[];
  /** Names of the people by console id; someone not listed is named by their id. */
  people?: Record<string, ConsoleName>;
  /** Titles of the groups by console id ('group:yte'). */
  groups?: Record<string, string>;
  /** Where the files the bot sends are written; the folder is created when the first one comes. */
  filesDir: string;
  /** How help texts name the bot. */
  botHandle?: string;
  /** Where each message goes once said (default: printed on stdout). */
  print?: (m: Printed) => void;
}

/** A message as the console said it. */
export interface Printed {
  /** The conversation: a person's console id (their private chat) or a group's ('group:yte'). */
  chat: string;
  /** What the console printed: the text with its numbered choices, a file's caption, or a short line. */
  text: string;
  /** The labels of the numbered choices, in order. */
  choices: string[];
  /** A file the bot sent, written to the files folder. */
  file?: { name: string; path: string };
  /** 'message' from the bot; 'answer' to a choice made; 'notice' from the console itself (a wrong number). */
  kind: 'message' | 'answer' | 'notice';
}

/** Who types, where: a person's console id and the conversation's (their own id for their private chat). */
export interface Speaker {
  person: string;
  chat: string;
}

/** What a terminal session adds around the lines it hands to the channel (the demo's :as, :chat, prompt). */
export interface Session {
  speaker(): Speaker;
  /** A line for the session itself: true when it took it, 'stop' to stop reading. */
  local?(line: string): boolean | 'stop' | Promise<boolean | 'stop'>;
  /** Called before the first line and after each one, once everything it caused is printed. */
  ready?(): void;
}

/**
 * Console messages are numbered once across restarts (bot_messages keeps the numbers of the ones
 * a later answer refers to), with a counter in `meta`.
 */
const nextMessageId = (db: Db): number => nextMetaCounter(db, 'console_last_message_id');

export class ConsoleChannel implements Transport {
  private readonly session = randomUUID();
  private lines = 0;
  private readonly prompts = new TextPrompts();

  constructor(
    private readonly deps: AppDeps,
    private readonly routes: Routes,
    readonly options: ConsoleOptions,
    /** Resolves when what the bot says on its own has been printed (the outbox drained). */
    private readonly settle: () => Promise<void> = async () => undefined,
  ) {}

  get format(): ConsoleFormat {
    return { limit: this.options.limit, ansi: this.options.ansi };
  }

  /** The internal ids of the coordinators named in the options, stored if new so the bot can tell them things before they type. */
  coordinatorIds(): number[] {
    return this.options.coordinators.map((ref) => consolePerson(this.deps.db, ref, this.nameOf(ref), this.deps.now()).id);
  }

  /**
   * Reads lines until the input ends (or the session stops it), each typed by whoever the session
   * names at that moment; a line is answered in full before the next is read.
   */
  async read(input: NodeJS.ReadableStream | AsyncIterable<string> | Iterable<string>, session: Session): Promise<void> {
    const lines = 'pipe' in input ? createInterface({ input, crlfDelay: Infinity }) : input;
    session.ready?.();
    try {
      for await (const raw of lines) {
        const line = raw.trim();
        const local = line ? await session.local?.(line) : true;
        if (local === 'stop') break;
        if (!local) {
          const { person, chat } = session.speaker();
          await this.line(person, chat, line);
          await this.settle().catch((err) => this.deps.log.warn({ err }, 'console: the outbox is still busy'));
        }
        session.ready?.();
      }
    } finally {
      if ('close' in lines && typeof lines.close === 'function') lines.close();
    }
  }

  /** One line typed by `person` in `chat`: stored, handled, answered. Returns what it printed. */
  async line(person: string, chat: string, text: string): Promise<Printed[]> {
    const { db, now, log } = this.deps;
    const line = text.trim();
    if (!line) return [];
    if (!isGroupRef(chat) && chat !== person) throw new Error(`${person} cannot type in ${chat}'s private chat`);
    const userId = consolePerson(db, person, this.nameOf(person), now()).id;
    const chatId = consoleChat(db, chat, this.titleOf(chat), now());
    // Stored before anything is done with it, like a Telegram update.
    const event = recordEvent(db, CONSOLE, `${this.session}:${++this.lines}`, { person, chat, text: line }, now());
    const printed: Printed[] = [];
    if (!event.fresh) return printed;
    try {
      await this.handle({ person, userId, chatRef: chat, chatId, eventId: event.eventId, line }, printed);
    } catch (err) {
      log.error({ err, person, chat }, 'console: line could not be handled');
      printed.push(this.notice(chat, this.tFor(userId)('error.generic')));
    } finally {
      commitHandled(db, [event.eventId], now());
    }
    return printed;
  }

  /** The Transport of console chats: prints what the outbox stored for them. */
  async send(row: OutboxRow): Promise<SendResult> {
    if (consoleRef(this.deps.db, row.chatId) === undefined) return { kind: 'fatal', error: `chat ${row.chatId} is not on the console` };
    try {
      const p = this.emit(row.chatId, { method: row.method, payload: row.payload, file: row.file ?? undefined, fileName: row.fileName ?? undefined }, null);
      return { kind: 'sent', messageId: p.messageId };
    } catch (err) {
      return { kind: 'transient', error: err instanceof Error ? err.message : String(err) };
    }
  }

  private async handle(l: { person: string; userId: number; chatRef: string; chatId: number; eventId: number; line: string }, printed: Printed[]) {
    const { deps } = this;
    const t = this.tFor(l.userId);
    const stored = getUser(deps.db, l.userId);
    const actor: Actor = {
      id: l.userId,
      name: [stored?.firstName, stored?.lastName].filter(Boolean).join(' ') || l.person,
      firstName: stored?.firstName,
      ref: l.person,
      locale: isLocale(stored?.locale) ? stored.locale : deps.config.defaultLocale,
      isCoordinator: isCoordinator(deps.db, deps.config, l.userId),
      faceless: false,
    };
    const conversation: Conversation = {
      channel: 'console',
      id: l.chatId,
      kind: isGroupRef(l.chatRef) ? 'group' : 'private',
      title: isGroupRef(l.chatRef) ? this.titleOf(l.chatRef) : null,
      threadId: null,
      numberedChoices: true,
    };
    const say = (text: string) => printed.push(this.notice(l.chatRef, text));

    const read = readLine(this.prompts, l.chatId, l.userId, l.line, conversation.kind, (ref) => isOpenPrompt(deps, ref));
    if (read.kind === 'notice') return void say(t(read.key, read.params));
    const { input } = read;
    const run = findUseCase(this.routes, input);
    if (!run) {
      const key = unrouted(input, conversation.kind === 'group');
      return void (key && say(t(key)));
    }
    const req: Request = { actor, conversation, input, eventId: l.eventId, deps, botHandle: this.options.botHandle ?? 'kh457_bot', t };
    const outcome: Outcome = await run(req);
    settleOutcome(deps, this.prompts, read, outcome);
    const answerLine = choiceAnswerLine(outcome.answer, this.options.ansi);
    if (answerLine) printed.push(this.print({ chat: l.chatRef, text: answerLine, choices: [], kind: 'answer' }));
    for (const reply of outcome.replies) {
      let last: { messageId: number; printed: Printed } | undefined;
      for (const m of toConsoleMessages(reply, this.format)) {
        last = this.emit(l.chatId, m, l.userId);
        printed.push(last.printed);
      }
      if (last) rememberAbout(deps, this.prompts, { chatId: l.chatId, messageId: last.messageId }, reply, l.userId);
    }
  }

  /**
   * Says one message in a conversation: a file is written to the files folder, the choices and the
   * question are remembered for the next lines of `forUserId` (anyone there when null).
   */
  private emit(chatId: number, m: ChannelMessage, forUserId: number | null): { messageId: number; printed: Printed } {
    const { db } = this.deps;
    const payload = m.payload as Partial<ConsolePayload>;
    const messageId = nextMessageId(db);
    const ref = { chatId, messageId };
    const chat = consoleRef(db, chatId)!;
    const choices = payload.choices ?? [];
    let file: Printed['file'];
    if (m.file) file = { name: m.fileName ?? 'file', path: this.writeFile(m.fileName ?? 'file', m.file) };
    this.prompts.offer(ref, forUserId, choices);
    if (payload.question) this.prompts.ask(ref, forUserId);
    const text = file ? (payload.caption ?? '') : String(payload.text ?? '');
    return { messageId, printed: this.print({ chat, text, choices: choices.map((c) => c.label), file, kind: 'message' }) };
  }

  private writeFile(name: string, bytes: Buffer): string {
    mkdirSync(this.options.filesDir, { recursive: true });
    // A name is never a path, and a second file of the same name does not overwrite the first.
    const safe = basename(name).replace(/[\u0000-\u001f]/g, '') || 'file';
    const ext = extname(safe);
    let path = join(this.options.filesDir, safe);
    for (let i = 2; existsSync(path); i++) path = join(this.options.filesDir, `${safe.slice(0, safe.length - ext.length)}-${i}${ext}`);
    writeFileSync(path, bytes);
    return path;
  }

  private notice(chat: string, text: string): Printed {
    // The console's own short answers are locale texts, rich text like the use cases'.
    return this.print({ chat, text: richToConsole(text, this.options.ansi), choices: [], kind: 'notice' });
  }

  private print(p: Printed): Printed {
    (this.options.print ?? printToStdout)(p);
    return p;
  }

  private nameOf(ref: string): ConsoleName {
    return this.options.people?.[ref] ?? { firstName: ref };
  }

  private titleOf(chat: string): string | null {
    return isGroupRef(chat) ? (this.options.groups?.[chat] ?? chat.slice('group:'.length)) : null;
  }

  private tFor(userId: number) {
    const locale = getUser(this.deps.db, userId)?.locale;
    return this.deps.i18n.t(isLocale(locale) ? locale : this.deps.config.defaultLocale, 'text');
  }
}

/** The default printer: each message on stdout, after a blank line; a file as its path. */
export function printToStdout(p: Printed): void {
  const file = p.file ? `📎 ${p.text ? `${p.text} → ` : ''}${p.file.path}` : undefined;
  process.stdout.write(`\n${file ?? p.text}\n`);
}
