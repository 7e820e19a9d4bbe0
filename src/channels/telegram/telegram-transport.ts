import { Telegram } from 'telegraf';
import type { Db } from '../../db/open.js';
import { chatAddress, chatId } from '../../db/queries/chats.js';
import type { SendLimiter } from '../../delivery/limiter.js';
import type { OutboxRow, SendResult, Transport } from '../../delivery/outbox.js';
import { classifyFailure } from './telegram-gate.js';

/**
 * Sends outbox rows through a plain (ungated) telegraf client: the outbox worker does its own
 * pacing and retrying, and must see each failure to reschedule the row. Rows name the chat by
 * internal id; it is turned into the Telegram chat id here, at the edge.
 */
export class TelegramTransport implements Transport {
  private readonly telegram: Telegram;

  /** `limiter` is the one the bot's replies also wait on: Telegram's limits count both. */
  constructor(token: string, apiRoot: string, private readonly db: Db, private readonly limiter: SendLimiter) {
    this.telegram = new Telegram(token, { apiRoot, webhookReply: false });
  }

  async pace(row: OutboxRow, sleep: (ms: number) => Promise<void>): Promise<void> {
    const to = chatAddress(this.db, row.chatId);
    // Telegram's group chats have negative ids, and a stricter limit (20 a minute).
    const target = to.channel === 'telegram' ? Number(to.externalId) : row.chatId;
    await this.limiter.acquire(target, target < 0, sleep);
  }

  async send(row: OutboxRow): Promise<SendResult> {
    const to = chatAddress(this.db, row.chatId);
    if (to.channel !== 'telegram') return { kind: 'fatal', error: `chat ${row.chatId} is on ${to.channel}, not Telegram` };
    const target = Number(to.externalId);
    const extra = { ...row.payload, ...(row.threadId ? { message_thread_id: row.threadId } : {}) } as Record<string, unknown>;
    try {
      let message: { message_id: number };
      if (row.method === 'text') {
        message = await this.telegram.sendMessage(target, String(extra.text ?? ''), extra as never);
      } else {
        const file = { source: row.file ?? Buffer.alloc(0), filename: row.fileName ?? 'file' };
        message =
          row.method === 'photo'
            ? await this.telegram.sendPhoto(target, file, extra as never)
            : await this.telegram.sendDocument(target, file, extra as never);
      }
      return { kind: 'sent', messageId: message.message_id };
    } catch (err) {
      const failure = classifyFailure(err);
      const error = err instanceof Error ? err.message : String(err);
      switch (failure.kind) {
        case 'rate_limited':
          return { kind: 'retry_after', ms: failure.retryAfterMs, error };
        case 'transient':
          return { kind: 'transient', error };
        case 'migrated':
          // The outbox keeps internal ids: the new supergroup's (its Telegram id unless taken).
          return { kind: 'migrated', toChatId: chatId(this.db, 'telegram', String(failure.toChatId), { type: 'supergroup' }, Date.now()) };
        case 'forbidden':
          return { kind: 'forbidden', error };
        default:
          return { kind: 'fatal', error };
      }
    }
  }
}
