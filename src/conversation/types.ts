// The conversation core's vocabulary: who is talking (Actor), where (Conversation), what they did
// (Input), and what the bot answers (Outcome). A use case is `(request) → outcome`; it knows no
// channel. Each channel builds requests from its own events and turns outcomes into its own
// messages (src/channels/<name>/).
import type { Locale } from '../config.js';
import type { AppDeps } from '../deps.js';
import type { TFunction } from '../i18n.js';
import type { ChoiceAnswer, Reply } from './reply.js';

export type ChannelName = 'telegram' | 'console' | 'zalo';

/** A person as the core sees them, whatever channel they write from. */
export interface Actor {
  /** Internal person id (users.id): reports, officers and history hang on it. */
  id: number;
  /** How others read their name (already cleaned of invisible and direction characters). */
  name: string;
  /** The name to greet them by, as they gave it (Telegram: the first name); `name` where absent. */
  firstName?: string;
  /** Their id on the channel they write from: what a mention points to. */
  ref: string;
  locale: Locale;
  isCoordinator: boolean;
  /**
   * Nobody accountable is behind the message (a channel post, an anonymous group admin, a bot):
   * it may read, never report.
   */
  faceless: boolean;
}

/** Where a request was made: a private chat or a group, on some channel. */
export interface Conversation {
  channel: ChannelName;
  /** Internal chat id (chats.id). */
  id: number;
  kind: 'private' | 'group';
  title: string | null;
  /** A topic inside a group, where the channel has them. */
  threadId: number | null;
  /**
   * Files reach this conversation only as links to the bot's own server (Zalo cannot receive a
   * document): whoever holds the link can download the file until it expires.
   */
  filesAsLinks?: boolean;
  /**
   * Choices are picked by typing their number (the console, Zalo): a number typed for an older
   * list can pick the newest one instead, so a choice that undoes something asks first.
   */
  numberedChoices?: boolean;
}

/** A message of the bot's in a conversation; choices and answers refer to it. */
export interface MessageRef {
  chatId: number;
  messageId: number;
}

/** A file a person sent with their message, kept as evidence of a report. */
export interface EvidenceFile {
  kind: 'document' | 'photo';
  fileId: string;
  fileUniqueId: string;
  fileName?: string | null;
}

export type Input =
  /** `/command args`, with the files the message carried (a caption can be a command). */
  | { kind: 'command'; command: string; args: string; files: EvidenceFile[]; messageId: number | null }
  /**
   * Text that is not a command. `answers` is the bot's message it answers: a reply on Telegram,
   * the question waiting for this person on channels without replies.
   */
  | { kind: 'text'; text: string; answers: MessageRef | null; files: EvidenceFile[]; messageId: number | null }
  /** A choice made: a button pressed, or a number typed; `on` is the message that offered it. */
  | { kind: 'choice'; data: string; on: MessageRef | null };

export interface Request {
  actor: Actor;
  conversation: Conversation;
  input: Input;
  /**
   * The id of the event on its channel's inbox (a Telegram update_id): writes keyed by it are
   * applied once however often the event is handled.
   */
  eventId: number;
  deps: AppDeps;
  /** How people address the bot on this channel (Telegram: its @username), for help texts. */
  botHandle: string;
  /** Texts in the actor's language. */
  t: TFunction;
}

/** What a use case answers. */
export interface Outcome {
  /** Sent in order, in the conversation of the request. */
  replies: Reply[];
  /** The answer to a choice (Telegram's toast or alert); ignored for other inputs. */
  answer?: ChoiceAnswer;
  /** The message the choice was on no longer offers it (Telegram removes its buttons). */
  closeChoices?: boolean;
}

export type UseCase = (req: Request) => Outcome | Promise<Outcome>;

export const say = (...replies: Reply[]): Outcome => ({ replies });
export const answer = (a: ChoiceAnswer, ...replies: Reply[]): Outcome => ({ answer: a, replies });
/** A refusal of a choice: an alert the person must dismiss, nothing else happens. */
export const refuse = (text: string): Outcome => ({ answer: { text, alert: true }, replies: [] });
