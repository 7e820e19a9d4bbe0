import { type Telegram, TelegramError } from 'telegraf';
import { defaultSleep, type SendLimiter } from '../../delivery/limiter.js';
import type { Logger } from '../../logger.js';

// Calls that post into a chat and so count against Telegram's per-chat and per-group limits.
const THROTTLED = new Set([
  'sendMessage',
  'sendDocument',
  'sendPhoto',
  'sendMediaGroup',
  'copyMessage',
  'forwardMessage',
  'editMessageText',
  'editMessageReplyMarkup',
]);

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET']);

export interface GateOptions {
  limiter: SendLimiter;
  log: Logger;
  maxAttempts?: number;
  baseBackoffMs?: number;
  /** A group became a supergroup: the caller moves its stored links to the new id. */
  onMigrate?: (fromChatId: number, toChatId: number) => void;
  /**
   * A message could not be sent after every retry because Telegram was unreachable or refusing:
   * the caller may keep it (the outbox) so it still arrives later. Returns true when it did.
   */
  onGiveUp?: (method: string, payload: Record<string, unknown>) => boolean;
  sleep?: (ms: number) => Promise<void>;
}

export type Failure =
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'transient' }
  | { kind: 'migrated'; toChatId: number }
  | { kind: 'forbidden' }
  | { kind: 'fatal' };

/** What a failed Bot API call means for retrying it. */
export function classifyFailure(err: unknown): Failure {
  if (err instanceof TelegramError) {
    const p = err.parameters;
    if (err.code === 429) return { kind: 'rate_limited', retryAfterMs: Math.max(1, p?.retry_after ?? 1) * 1000 };
    if (err.code >= 500) return { kind: 'transient' };
    if (err.code === 400 && p?.migrate_to_chat_id) return { kind: 'migrated', toChatId: p.migrate_to_chat_id };
    if (err.code === 403) return { kind: 'forbidden' };
    return { kind: 'fatal' };
  }
  const e = err as { code?: string; type?: string; name?: string; errno?: string } | undefined;
  if (e && (NETWORK_CODES.has(e.code ?? '') || NETWORK_CODES.has(e.errno ?? '') || e.type === 'system' || e.type === 'request-timeout'))
    return { kind: 'transient' };
  return { kind: 'fatal' };
}

/**
 * telegraf 4.16 sends each call once: a 429, a 502 or a dropped connection becomes an exception
 * in the handler and the user never gets an answer. Every call made through a context or
 * `bot.telegram` goes through `callThroughGate`: throttled to Telegram's limits, retried on 429
 * (after `retry_after`), on 5xx and on network errors with backoff, and re-sent to the new chat
 * id when a group was migrated to a supergroup.
 */
export async function callThroughGate<T>(
  method: string,
  payload: Record<string, unknown> | undefined,
  call: (payload: Record<string, unknown> | undefined) => Promise<T>,
  opts: GateOptions,
): Promise<T> {
  const maxAttempts = opts.maxAttempts ?? 6;
  const base = opts.baseBackoffMs ?? 500;
  const sleep = opts.sleep ?? defaultSleep;
  let current = payload;
  for (let attempt = 1; ; attempt++) {
    const chatId = current?.chat_id;
    if (THROTTLED.has(method) && (typeof chatId === 'number' || typeof chatId === 'string')) {
      await opts.limiter.acquire(chatId, isGroupId(chatId), sleep);
    }
    try {
      return await call(current);
    } catch (err) {
      const failure = classifyFailure(err);
      const last = attempt >= maxAttempts;
      opts.log.warn({ method, attempt, failure: failure.kind, err }, 'Bot API call failed');
      if (failure.kind === 'migrated' && !last && current) {
        opts.onMigrate?.(Number(chatId), failure.toChatId);
        current = { ...current, chat_id: failure.toChatId };
        continue;
      }
      const retriable = failure.kind === 'rate_limited' || failure.kind === 'transient';
      if (last && retriable && method === 'sendMessage' && current && opts.onGiveUp?.(method, current)) {
        throw Object.assign(err as object, { deferred: true });
      }
      if (last || !retriable) throw err;
      const wait = failure.kind === 'rate_limited' ? failure.retryAfterMs : base * 2 ** (attempt - 1) * (1 + Math.random() / 4);
      await sleep(wait);
    }
  }
}

/** The send failed now but was kept for the outbox: the person will get it later, once. */
export function isDeferred(err: unknown): boolean {
  return !!(err as { deferred?: boolean } | null)?.deferred;
}

export function isGroupId(chatId: number | string): boolean {
  return typeof chatId === 'number' ? chatId < 0 : chatId.startsWith('-') || chatId.startsWith('@');
}

/** Routes every call of a telegraf Telegram client through the gate; returns the same client. */
export function gateTelegram<T extends Telegram>(tg: T, gate: GateOptions): T {
  const original = tg.callApi.bind(tg) as (m: string, p: unknown, extra?: unknown) => Promise<unknown>;
  const gated = (method: string, payload: Record<string, unknown> | undefined, extra?: unknown) =>
    callThroughGate(method, payload, (p) => original(method, p, extra), gate);
  tg.callApi = gated as unknown as Telegram['callApi'];
  return tg;
}
