// Who and where on Zalo. Zalo's ids are strings (a user's, a group's); they are mapped to the
// internal ids the core works with through the (channel, external id) keys every channel shares.
// In a private chat the chat id is the person's id (the documented sample): privateChatOf finds it.
import type { Db } from '../../db/open.js';
import { chatAddress, chatId } from '../../db/queries/chats.js';
import { markPrivateChatOpen, touchPerson } from '../../db/queries/users.js';

export const ZALO = 'zalo';

/** A person seen in an event: stored on first sight, their display name kept current. */
export function zaloPerson(db: Db, id: string, name: string, now: number): { id: number; locale: string | null } {
  return touchPerson(db, ZALO, id, { firstName: name }, now);
}

/** They wrote to the bot privately: the bot may now write to them there (Zalo: users write first). */
export function openPrivateChat(db: Db, personId: number) {
  // The Zalo identity of the person, not their first one (which may be on Telegram).
  markPrivateChatOpen(db, personId, true, ZALO);
}

export function zaloChat(db: Db, id: string, kind: 'private' | 'group', now: number): number {
  return chatId(db, ZALO, id, { type: kind }, now);
}

/** The Zalo id of an internal chat id; undefined for another channel's chat. */
export function zaloRef(db: Db, id: number): string | undefined {
  const address = chatAddress(db, id);
  return address.channel === ZALO ? address.externalId : undefined;
}
