// The scenario suite speaks to the bot through a driver: the same scenarios run on every channel.
// A driver plays the people below in their private chats and in the Sở Y tế group, and reports
// what the bot said back as plain text with the labels of the choices it offered.

/** thao: coordinator at Sở KH&CN; minh: will become Sở Y tế's focal officer; khach: nobody. */
export type Person = 'thao' | 'minh' | 'khach';
/** The person's private chat with the bot, or the Sở Y tế group (where thao and minh both are). */
export type Place = 'private' | 'yte';

export interface BotMessage {
  /** Whose private chat it went to, or 'yte'. */
  to: Person | 'yte';
  text: string;
  choices: string[];
  file?: { name: string; bytes: Buffer };
}

export interface Driver {
  readonly channel: string;
  /** `who` types a line in `where` (a command or text); what the bot sent because of it, in order. */
  type(who: Person, where: Place, text: string): Promise<BotMessage[]>;
  /** `who` picks the choice labelled `label` on the latest message that offered it to them in `where`. */
  choose(who: Person, where: Place, label: string | RegExp): Promise<BotMessage[]>;
  /** `who` answers the question the bot just asked them in `where`. */
  answer(who: Person, where: Place, text: string): Promise<BotMessage[]>;
  /** The weekly digest, sent now to the coordinator. */
  digest(): Promise<BotMessage[]>;
  close(): Promise<void>;
}

export const textOf = (ms: BotMessage[]) => ms.map((m) => m.text).join('\n---\n');
