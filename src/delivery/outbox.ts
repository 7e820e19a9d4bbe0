// The persistent outbox: what the bot says on its own is stored first, then delivered within
// Telegram's limits, retried until it arrives, and never delivered twice.
import type { Db } from '../db/open.js';
import { insertOutbox, outboxDepth, outboxRow, pendingOutbox, updateOutbox, type OutboxRow } from '../db/queries/outbox.js';
import type { Tx } from '../db/tx.js';
import type { Logger } from '../logger.js';
import { defaultSleep } from './limiter.js';

export { outboxDepth, type OutboxRow };

export interface OutgoingMessage {
  /** Same key, same message: enqueuing it again does nothing (a digest period, a reminder day…). */
  dedupeKey: string;
  chatId: number;
  threadId?: number | null;
  kind: string;
  method?: OutboxRow['method'];
  payload: Record<string, unknown>;
  file?: Buffer;
  fileName?: string;
  notBefore?: number;
}

export function enqueue(tx: Tx, m: OutgoingMessage, now: number): { id: number; created: boolean } {
  return insertOutbox(tx, {
    dedupeKey: m.dedupeKey,
    chatId: m.chatId,
    threadId: m.threadId ?? null,
    kind: m.kind,
    method: m.method ?? 'text',
    payload: m.payload,
    file: m.file ?? null,
    fileName: m.fileName ?? null,
    // Delivery runs on the wall clock (retry waits are real seconds), whatever the domain clock says.
    notBefore: m.notBefore ?? Date.now(),
    createdAt: now,
  });
}

export type SendResult =
  | { kind: 'sent'; messageId: number | null }
  | { kind: 'retry_after'; ms: number; error: string }
  | { kind: 'transient'; error: string }
  | { kind: 'migrated'; toChatId: number }
  | { kind: 'forbidden'; error: string }
  | { kind: 'fatal'; error: string };

/** A channel's side of delivery (src/channels/<name>/): its own limits, then the send itself. */
export interface Transport {
  /** Waits until the channel's limits allow a message to this row's chat (Telegram: per chat, per group, overall). */
  pace?(row: OutboxRow, sleep: (ms: number) => Promise<void>): Promise<void>;
  send(row: OutboxRow): Promise<SendResult>;
}

export interface WorkerOptions {
  db: Db;
  transport: Transport;
  log: Logger;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Telegram said the bot may not write there (removed, blocked): the chat is marked inactive. */
  onForbidden?: (row: OutboxRow) => void;
  onMigrated?: (fromChatId: number, toChatId: number) => void;
}

/**
 * Delivers due rows, many chats at once, each send waiting for its slot within its channel's limits.
 * A row is marked sent only after Telegram accepted it; a row in flight is never picked twice.
 * Failed sends are rescheduled: after `retry_after` for 429, with backoff for 5xx and network
 * errors. Rows are never deleted: the table is also the record of what was sent.
 */
export class OutboxWorker {
  private running = false;
  private readonly inFlight = new Set<number>();
  private readonly inFlightChats = new Map<number, number>();
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly o: WorkerOptions) {
    this.now = o.now ?? Date.now;
    this.sleep = o.sleep ?? defaultSleep;
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop() {
    this.running = false;
    this.kick();
    await this.loop;
    while (this.inFlight.size) await defaultSleep(10);
  }

  /** Something was enqueued: look now rather than at the next poll. */
  kick() {
    this.wake?.();
  }

  /** Resolves when nothing is pending or in flight, retries included (for tests and the demo). */
  async drained(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight.size || outboxDepth(this.o.db) > 0) {
      if (Date.now() > deadline) throw new Error('outbox did not drain');
      await defaultSleep(20);
    }
  }

  /**
   * The next row of each chat, if it is due and nothing else of that chat is in flight: a chat's
   * messages go out one at a time and in order (a digest's picture before its text, split text in
   * sequence), even when one of them waits for a retry.
   */
  private due(limit: number): Array<Pick<OutboxRow, 'id' | 'chatId' | 'notBefore'>> {
    const now = this.now();
    // Only what the choice needs: during an outage the backlog can be long and rows carry files.
    const pending = pendingOutbox(this.o.db);
    const busy = new Set([...this.inFlightChats.values()]);
    const seen = new Set<number>();
    const out: Array<Pick<OutboxRow, 'id' | 'chatId' | 'notBefore'>> = [];
    for (const row of pending) {
      if (seen.has(row.chatId)) continue;
      seen.add(row.chatId);
      if (row.notBefore <= now && !busy.has(row.chatId) && !this.inFlight.has(row.id)) out.push(row);
      if (out.length >= limit) break;
    }
    return out;
  }

  private async run() {
    while (this.running) {
      const rows = this.due(200);
      for (const row of rows) {
        this.inFlight.add(row.id);
        this.inFlightChats.set(row.id, row.chatId);
        void this.deliver(row).finally(() => {
          this.inFlight.delete(row.id);
          this.inFlightChats.delete(row.id);
          this.kick();
        });
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, rows.length ? 50 : 1000);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private async deliver(picked: Pick<OutboxRow, 'id'>) {
    const { db, log } = this.o;
    const row = outboxRow(db, picked.id);
    if (!row || row.status !== 'pending') return;
    await this.o.transport.pace?.(row, this.sleep);
    let result: SendResult;
    try {
      result = await this.o.transport.send(row);
    } catch (err) {
      result = { kind: 'transient', error: String(err) };
    }
    const now = this.now();
    const attempts = row.attempts + 1;
    switch (result.kind) {
      case 'sent':
        updateOutbox(db, row.id, { status: 'sent', sentAt: now, attempts, telegramMessageId: result.messageId });
        return;
      case 'retry_after':
        log.warn({ id: row.id, chat: row.chatId, waitMs: result.ms }, 'outbox: rate limited');
        updateOutbox(db, row.id, { attempts, notBefore: now + result.ms, lastError: result.error });
        return;
      case 'transient': {
        const wait = Math.min(this.o.maxBackoffMs ?? 15 * 60_000, (this.o.baseBackoffMs ?? 1000) * 2 ** Math.min(attempts - 1, 12));
        log.warn({ id: row.id, chat: row.chatId, attempts, wait, error: result.error }, 'outbox: send failed, will retry');
        updateOutbox(db, row.id, { attempts, notBefore: now + wait, lastError: result.error });
        return;
      }
      case 'migrated':
        this.o.onMigrated?.(row.chatId, result.toChatId);
        updateOutbox(db, row.id, { attempts, chatId: result.toChatId, notBefore: now, lastError: `migrated to ${result.toChatId}` });
        return;
      case 'forbidden':
        log.warn({ id: row.id, chat: row.chatId, error: result.error }, 'outbox: bot may not write to this chat');
        updateOutbox(db, row.id, { status: 'dead', attempts, lastError: result.error });
        this.o.onForbidden?.(row);
        return;
      case 'fatal':
        log.error({ id: row.id, chat: row.chatId, error: result.error }, 'outbox: message rejected');
        updateOutbox(db, row.id, { status: 'dead', attempts, lastError: result.error });
        return;
    }
  }
}
