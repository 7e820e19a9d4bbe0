// Who and where on the console. People and chats have string ids: a person's is a short name
// ('thao'), which is also the id of their private chat with the bot; a group's starts with
// 'group:' ('group:yte'). Both are mapped to the internal ids the core works with through the
// (channel, external id) keys every channel shares (db/queries/users.ts, chats.ts).
import type { Db } from '../../db/open.js';
import { chatAddress, chatId } from '../../db/queries/chats.js';
import { markPrivateChatOpen, touchPerson } from '../../db/queries/users.js';

export const CONSOLE = 'console';

/** A person's name, as the users table keeps it. */
export interface ConsoleName {
  firstName: string;
  lastName?: string;
}

/** A console chat id names a group when it starts with 'group:'; otherwise it is a person's private chat. */
export const isGroupRef = (ref: string): boolean => ref.startsWith('group:');

/**
 * A console person seen now: their internal id (their person's, once linked to another channel)
 * and chosen language. On the console the bot may always write first, so their private chat
 * counts as open (on Telegram: they pressed Start) — on the console, not on their other channels.
 */
export function consolePerson(db: Db, ref: string, name: ConsoleName, now: number): { id: number; locale: string | null } {
  const person = touchPerson(db, CONSOLE, ref, { firstName: name.firstName, lastName: name.lastName ?? null }, now);
  markPrivateChatOpen(db, person.id, true, CONSOLE);
  return person;
}

/** The internal id of a console chat: a person's private chat, or a group with its title. */
export function consoleChat(db: Db, ref: string, title: string | null, now: number): number {
  return chatId(db, CONSOLE, ref, isGroupRef(ref) ? { type: 'group', title } : { type: 'private' }, now);
}

/** The console id of an internal chat id ('thao', 'group:yte'); undefined for another channel's chat. */
export function consoleRef(db: Db, id: number): string | undefined {
  const address = chatAddress(db, id);
  return address.channel === CONSOLE ? address.externalId : undefined;
}
