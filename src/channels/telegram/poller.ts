import type { Update } from 'telegraf/types';
import { PollLoop } from '../../ops/poll-loop.js';
import { TelegramError, type Telegram } from 'telegraf';
import type { Db } from '../../db/open.js';
import { commitHandled, isUsableUpdateId, markFailed, markHandled, pendingUpdates, storeUpdates, type RawUpdate } from '../../db/queries/inbox.js';
import type { Logger } from '../../logger.js';

export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member', 'channel_post'] as const;
const MAX_ATTEMPTS = 3;
const REDRAIN_MS = 30_000;

export class PollingConflictError extends Error {}

/**
 * Runs updates from the durable inbox: one chat at a time in order, different chats in parallel.
 * An update is marked handled only after its handler finished, so a crash replays it at start-up.
 */
export class Dispatcher {
  private readonly chains = new Map<string, Promise<void>>();
  /** Updates queued per chain and not yet started: how far behind one person is in one chat. */
  private readonly waiting = new Map<string, number>();
  private readonly inFlight = new Set<number>();
  private idleWaiters: Array<() => void> = [];
  private stopping = false;

  constructor(
    private readonly db: Db,
    private readonly handle: (u: Update) => Promise<void>,
    private readonly log: Logger,
  ) {}

  /** Queues every stored update that is not yet handled. */
  drain(): void {
    for (const u of pendingUpdates(this.db)) this.enqueue(u);
  }

  enqueue(raw: RawUpdate): void {
    if (this.stopping || this.inFlight.has(raw.update_id)) return;
    this.inFlight.add(raw.update_id);
    const key = chainKey(raw);
    // A person far behind in a chat (a flood) asking to *see* something again gets no answer: the
    // group's 20 messages a minute are kept for the others' reports. What changes data is never dropped.
    const behind = this.waiting.get(key) ?? 0;
    const skip = behind >= FLOOD_BACKLOG && isViewCommand(raw);
    this.waiting.set(key, behind + 1);
    const prev = this.chains.get(key) ?? Promise.resolve();
    const next = prev.then(() => {
      this.waiting.set(key, (this.waiting.get(key) ?? 1) - 1);
      return skip ? this.dropAnswer(raw) : this.run(raw);
    });
    this.chains.set(key, next);
    void next.finally(() => {
      if (this.chains.get(key) === next) {
        this.chains.delete(key);
        this.waiting.delete(key);
      }
      this.inFlight.delete(raw.update_id);
      if (this.inFlight.size === 0) for (const w of this.idleWaiters.splice(0)) w();
    });
  }

  /**
   * Stops starting updates: those already running finish, the rest stay unhandled in the inbox
   * and are replayed at the next start. A stop is prompt however long the backlog.
   */
  stop(): void {
    this.stopping = true;
  }

  private marks: Array<{ id: number; done: () => void; failed: (err: unknown) => void }> = [];

  /**
   * The handled marks of updates that finish in the same turn of the event loop are written in one
   * transaction (one WAL commit instead of one each). Durability: the mark is written at most one
   * turn later than it would be alone, and the update's chain does not move on, nor does `idle()`
   * resolve or a re-drain see it as free, until it is written (the update stays in `inFlight`). A
   * kill -9 in that turn replays the update at the next start — as a kill between the answer and a
   * lone mark always could: a change finds its applied mark, written in the change's own
   * transaction (applyOnce), and applies nothing; at worst an answer is sent again. Nothing is
   * lost: the update was in the inbox before its offset was confirmed.
   */
  private markHandledSoon(id: number): Promise<void> {
    return new Promise((done, failed) => {
      if (this.marks.push({ id, done, failed }) === 1) setImmediate(() => this.writeMarks());
    });
  }

  private writeMarks() {
    const batch = this.marks.splice(0);
    try {
      // What the answers of these updates were about (queued by rememberMessageAbout in this same
      // turn) commits with their marks: one commit per batch instead of one more per answer.
      commitHandled(this.db, batch.map((m) => m.id));
    } catch (err) {
      for (const m of batch) m.failed(err);
      return;
    }
    for (const m of batch) m.done();
  }

  private dropAnswer(raw: RawUpdate) {
    this.log.warn({ updateId: raw.update_id }, 'flood: a view command from someone far behind in this chat was not answered');
    markHandled(this.db, raw.update_id);
  }

  /** Resolves when nothing is being handled (used for graceful stop and by tests). */
  idle(): Promise<void> {
    return this.inFlight.size === 0 ? Promise.resolve() : new Promise((r) => this.idleWaiters.push(r));
  }

  private async run(raw: RawUpdate) {
    if (this.stopping) return; // left in the inbox for the next start
    try {
      await this.handle(raw as unknown as Update);
      await this.markHandledSoon(raw.update_id);
    } catch (err) {
      // Errors inside handlers are caught by bot.catch; reaching here means the dispatcher itself
      // or the database failed. Retry a few times at start-up, then park the update.
      this.log.error({ err, updateId: raw.update_id }, 'update could not be handled');
      try {
        if (markFailed(this.db, raw.update_id, String(err)) >= MAX_ATTEMPTS) markHandled(this.db, raw.update_id);
      } catch (markErr) {
        // The database refuses even this (disk full): the update stays unhandled, tried again at the next drain.
        this.log.error({ err: markErr, updateId: raw.update_id }, 'could not record the failure');
      }
    }
  }
}

/** Past this many of one person's updates waiting in one chat, their view commands go unanswered. */
const FLOOD_BACKLOG = 5;

// Commands that only show something: answering them late, or not at all during a flood, loses nothing.
const VIEW_COMMANDS = new Set([
  'help', 'trogiup', 'start', 'tasks', 'nhiemvu', 'task', 'nv', 'agencies', 'coquan', 'plan', 'kehoach', 'mytasks', 'viectoi',
  'history', 'lichsu', 'status', 'tinhhinh', 'targets', 'chitieu',
]);

function isViewCommand(u: RawUpdate): boolean {
  // Only in groups: there a flood takes the group's 20 messages a minute from everyone else; in a
  // private chat a person who asks twenty times gets twenty answers.
  if ((u as { message?: { chat?: { type?: string } } }).message?.chat?.type === 'private') return false;
  const text = (u as { message?: { text?: unknown } }).message?.text;
  if (typeof text !== 'string') return false;
  const m = /^\/([a-z]+)(?:@\w+)?(?:\s|$)/i.exec(text);
  return !!m && VIEW_COMMANDS.has(m[1]!.toLowerCase());
}

/**
 * Updates of one person in one chat run in order (a report, then its edit, then its /undo); those
 * of different people — in the same group too — run side by side, so one member's flood does not
 * hold back another officer's report.
 */
function chainKey(u: RawUpdate): string {
  const any = u as Record<string, { chat?: { id: number }; message?: { chat?: { id: number } }; from?: { id: number } } | undefined>;
  for (const k of ['message', 'edited_message', 'channel_post', 'my_chat_member']) {
    const id = any[k]?.chat?.id;
    if (id !== undefined) return `c${id}:u${any[k]?.from?.id ?? ''}`;
  }
  const cq = any.callback_query;
  if (cq?.message?.chat?.id !== undefined) return `c${cq.message.chat.id}:u${cq.from?.id ?? ''}`;
  if (cq?.from) return `u${cq.from.id}`;
  return 'other';
}

export interface PollerOptions {
  telegram: Telegram;
  db: Db;
  dispatcher: Dispatcher;
  log: Logger;
  timeoutSeconds?: number;
  limit?: number;
}

/**
 * Long polling that does not wait for a batch to be handled before fetching the next
 * (telegraf's does). Each batch is written to the inbox first; only then is its offset
 * confirmed to Telegram by the next getUpdates, so an update is never lost between the two.
 */
export class Poller extends PollLoop {
  private offset = 0;

  constructor(private readonly opts: PollerOptions) {
    super();
  }

  protected async run() {
    const { telegram, db, dispatcher, log } = this.opts;
    dispatcher.drain();
    let failures = 0;
    let drainedAt = Date.now();
    while (!this.stopped) {
      // Updates whose handling failed are retried (up to MAX_ATTEMPTS) without waiting for a restart.
      if (Date.now() - drainedAt > REDRAIN_MS) {
        dispatcher.drain();
        drainedAt = Date.now();
      }
      try {
        const batch = (await telegram.callApi(
          'getUpdates',
          { offset: this.offset, timeout: this.opts.timeoutSeconds ?? 30, limit: this.opts.limit ?? 100, allowed_updates: [...ALLOWED_UPDATES] },
          { signal: this.controller.signal as never },
        )) as unknown as RawUpdate[];
        failures = 0;
        if (!Array.isArray(batch) || !batch.length) continue;
        const ids = batch.map((u) => u?.update_id).filter(isUsableUpdateId);
        if (ids.length < batch.length) log.warn({ dropped: batch.length - ids.length }, 'getUpdates returned entries without a usable update_id; ignored');
        const fresh = storeUpdates(db, batch);
        if (ids.length) this.offset = Math.max(this.offset, Math.max(...ids) + 1);
        for (const u of fresh) dispatcher.enqueue(u);
      } catch (err) {
        if (this.stopped) break;
        // 409 means another poller — fatal — or a webhook still set (deleteWebhook runs in the
        // background at start and may not have got through yet): remove it and poll again.
        const webhookSet = err instanceof TelegramError && err.code === 409 && /webhook/i.test(err.description);
        if (webhookSet) await telegram.deleteWebhook({ drop_pending_updates: false }).catch((e) => log.warn({ err: e }, 'deleteWebhook failed'));
        else if (err instanceof TelegramError && err.code === 409) throw new PollingConflictError(err.description);
        if (err instanceof TelegramError && err.code === 401) throw err;
        failures++;
        const wait = Math.min(30_000, 500 * 2 ** Math.min(failures, 6));
        log.warn({ err, wait }, 'getUpdates failed; retrying');
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
}
