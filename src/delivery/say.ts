// What the bot says on its own (digests, reminders, notices, decisions) is a Reply addressed to a
// conversation, put in the outbox. The conversation's channel turns it into its own messages here,
// at enqueue time, so each stored row is one message the channel sends exactly once.
import type { Reply } from '../conversation/reply.js';
import type { Db } from '../db/open.js';
import { enqueue, type OutboxRow } from './outbox.js';

/** One message as a channel sends it; built by the channel's serializer, stored as is. */
export interface ChannelMessage {
  method: OutboxRow['method'];
  payload: Record<string, unknown>;
  file?: Buffer;
  fileName?: string;
}

/** The channel of a conversation turns a Reply into its messages (set up in app.ts). */
export type Serialize = (chatId: number, reply: Reply) => ChannelMessage[];

export interface Addressee {
  chatId: number;
  threadId?: number | null;
}

export interface SayDeps {
  db: Db;
  now: () => number;
  serialize: Serialize;
}

/**
 * Queues `reply` for `to`. `key` makes it idempotent: the first message keeps `key`, the others
 * `key:1`, `key:2`…, so saying the same thing again (a retried job, a replayed update) adds nothing.
 */
export function say(d: SayDeps, to: Addressee, reply: Reply, o: { key: string; kind: string; notBefore?: number }): number {
  const messages = d.serialize(to.chatId, reply);
  messages.forEach((m, i) =>
    enqueue(d.db, {
      dedupeKey: i === 0 ? o.key : `${o.key}:${i}`,
      chatId: to.chatId,
      threadId: to.threadId ?? null,
      kind: o.kind,
      method: m.method,
      payload: m.payload,
      file: m.file,
      fileName: m.fileName,
      notBefore: o.notBefore,
    }, d.now()),
  );
  return messages.length;
}
