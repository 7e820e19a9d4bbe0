import { Telegram } from 'telegraf';
import type { OutboxRow, SendResult, Transport } from '../../delivery/outbox.js';
import { classifyFailure } from './telegram-gate.js';

/**
 * Sends outbox rows through a plain (ungated) telegraf client: the outbox worker does its own
 * pacing and retrying, and must see each failure to reschedule the row.
 */
export class TelegramTransport implements Transport {
  private readonly telegram: Telegram;

  constructor(token: string, apiRoot: string) {
    this.telegram = new Telegram(token, { apiRoot, webhookReply: false });
  }

  async send(row: OutboxRow): Promise<SendResult> {
    const extra = { ...row.payload, ...(row.threadId ? { message_thread_id: row.threadId } : {}) } as Record<string, unknown>;
    try {
      let message: { message_id: number };
      if (row.method === 'sendMessage') {
        message = await this.telegram.sendMessage(row.chatId, String(extra.text ?? ''), extra as never);
      } else {
        const file = { source: row.file ?? Buffer.alloc(0), filename: row.fileName ?? 'file' };
        message =
          row.method === 'sendPhoto'
            ? await this.telegram.sendPhoto(row.chatId, file, extra as never)
            : await this.telegram.sendDocument(row.chatId, file, extra as never);
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
          return { kind: 'migrated', toChatId: failure.toChatId };
        case 'forbidden':
          return { kind: 'forbidden', error };
        default:
          return { kind: 'fatal', error };
      }
    }
  }
}
