// What the bot answers, said once for every channel: *what* to show, never *how*. A channel's
// serializer turns a Reply into its own messages (Telegram: HTML within its message limit, with
// inline keyboards and force-reply; the console and Zalo: plain text within their limit, choices as
// numbered lines, questions that wait for the person's next message).
import type { Rich } from './rich.js';

/** A button on Telegram, a numbered line elsewhere. `data` comes from a codec in choices.ts. */
export interface Choice {
  label: string;
  data: string;
}

export interface ReplyFile {
  kind: 'document' | 'photo';
  name: string;
  bytes: Buffer;
  caption?: Rich;
}

export interface Reply {
  /** Rich text (see rich.ts); may be empty when the reply is only a file. */
  text: Rich;
  /** Rows of choices; a channel without buttons numbers them in order, row by row. */
  choices?: Choice[][];
  /**
   * The answer waits for the person's next message (Telegram: force-reply to this message;
   * elsewhere: the next message from that person in that conversation). `placeholder` is a hint
   * shown where the channel has an input field.
   */
  question?: { placeholder?: string };
  file?: ReplyFile;
  /**
   * A shorter text for channels that pay for every message (Zalo's monthly quota counts each one,
   * and each is cut at 2,000 characters): said there instead of `text`. What the bot says on its
   * own (digests, reminders) carries one; the full text stays one command away.
   */
  short?: Rich;
  /**
   * Replaces the message the person pressed a choice on (Telegram edits it; channels without
   * edits send it as a new message).
   */
  replace?: boolean;
  /** In a group, answer as a reply to the person's message, so the thread stays readable (default true). */
  quote?: boolean;
  /**
   * What the sent message is about, remembered with its id so that an answer to it or a choice on
   * it can be understood later (a task's details, a report waiting for its note, an /undo offer).
   */
  about?: MessageAbout;
}

/** Stored against a message the bot sent (bot_messages), for the person's answer to it. */
export interface MessageAbout {
  kind: 'task' | 'summary' | 'prompt' | 'undo';
  taskCode: string;
  agencyCode?: string | null;
  status?: 'not_started' | 'in_progress' | 'done' | 'blocked' | null;
  percent?: number | null;
  note?: string | null;
  /**
   * The person the question is for: their choices on it are theirs alone (others are refused), and
   * only their answer continues it; someone else's answer is read as their own report.
   */
  forUserId?: number | null;
}

/**
 * The short answer to pressing a choice (Telegram: the toast or alert of answerCbQuery). Channels
 * without buttons send it as a message when it says something.
 */
export interface ChoiceAnswer {
  text?: Rich;
  /** An alert the person must dismiss, for refusals. */
  alert?: boolean;
}

export const reply = (text: Rich, more: Omit<Reply, 'text'> = {}): Reply => ({ text, ...more });
