// How Zalo events arrive: long polling (getUpdates gives one event per call, with no offset and no
// acknowledgement — an event fetched and then lost in a crash is gone: at most once by the
// platform's design, so production should use the webhook) or the webhook (Zalo POSTs each event
// with the secret in X-Bot-Api-Secret-Token; it is stored before the 200, so nothing answered is lost).
import { PollLoop } from '../../ops/poll-loop.js';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../../logger.js';
import { send, type Route } from '../../ops/http-server.js';
import { ZaloError, type ZaloClient } from './client.js';
import { unwrapEvent, type ZaloChannel } from './channel.js';

/**
 * Why Zalo stopped here for good (until a restart): the token was refused (401 — reset or revoked in
 * Zalo Bot Creator, or a proxy answering 401), or a webhook was set while this instance polled —
 * another instance in webhook mode with the same token. Polling on would only fail for ever.
 */
export type ZaloStopReason = 'token' | 'webhook';

export class ZaloStoppedError extends Error {
  constructor(
    readonly reason: ZaloStopReason,
    message: string,
  ) {
    super(message);
    this.name = 'ZaloStoppedError';
  }
}

/** getUpdates refused because a webhook is set (400; Zalo's wording is not documented, hence the test on "webhook"). */
const isWebhookSet = (err: unknown): err is ZaloError => err instanceof ZaloError && err.failure === 'api' && err.code === 400 && /webhook/i.test(err.description);

export interface ZaloPollerOptions {
  client: ZaloClient;
  channel: ZaloChannel;
  log: Logger;
  /** Seconds Zalo holds an empty poll (default 30). */
  timeoutSeconds?: number;
  /** First pause after a failure, doubled each time (default 1 s; 30 s after a 429). */
  baseBackoffMs?: number;
}

/** One getUpdates at a time, each event stored and dispatched before the next poll. */
export class ZaloPoller extends PollLoop {
  constructor(private readonly o: ZaloPollerOptions) {
    super();
  }

  protected async run() {
    const { client, channel, log } = this.o;
    const base = this.o.baseBackoffMs ?? 1000;
    let failures = 0;
    // Until a poll has succeeded, a webhook found is one left over (the start's deleteWebhook failed):
    // it is removed once. After that, a webhook can only have been set by another instance.
    let polled = false;
    let leftoverRemoved = false;
    while (!this.stopped) {
      try {
        const got = await client.getUpdates(this.o.timeoutSeconds ?? 30, this.controller.signal);
        failures = 0;
        polled = true;
        // One event per poll as documented; a list is accepted too, should that ever change.
        for (const raw of got === null ? [] : Array.isArray(got) ? got : [got]) {
          const event = unwrapEvent(raw);
          if (event) channel.accept(event);
          else log.warn('zalo: getUpdates returned something that is not an event; ignored');
        }
      } catch (err) {
        if (this.stopped) break;
        if (err instanceof ZaloError && err.failure === 'api' && err.code === 401) throw new ZaloStoppedError('token', 'Zalo refused the token (401): check ZALO_BOT_TOKEN');
        if (isWebhookSet(err)) {
          if (!polled && !leftoverRemoved) {
            leftoverRemoved = true;
            log.warn('zalo: a webhook is set (left over from webhook mode); removing it and polling');
            await client.deleteWebhook().catch((e: unknown) => log.warn({ err: e }, 'zalo: deleteWebhook failed'));
            continue;
          }
          // Not fought over: deleting it back would leave the other instance deaf without knowing,
          // and the two would take the token from each other for ever (docs/operations.md).
          const url = await client
            .call<{ url?: unknown }>('getWebhookInfo', {}, { timeoutMs: 10_000 })
            .then((i) => (typeof i?.url === 'string' && i.url ? i.url : undefined))
            .catch(() => undefined);
          throw new ZaloStoppedError('webhook', `a webhook was set for this Zalo bot${url ? ` (${url})` : ''} while this instance polls: another instance runs in webhook mode with the same token`);
        }
        failures++;
        // A proxy page, a 5xx, no answer: back off and try again. A quota refusal waits longer.
        const start = err instanceof ZaloError && err.isQuota ? Math.max(base, 30_000) : base;
        const wait = Math.min(60_000, start * 2 ** Math.min(failures - 1, 6));
        // Zalo's own refusals are expected in an outage: their message, not a stack trace each time.
        log.warn({ ...(err instanceof ZaloError ? { error: err.message } : { err }), wait }, 'zalo: getUpdates failed; retrying');
        await new Promise<void>((r) => {
          const timer = setTimeout(r, wait);
          this.controller.signal.addEventListener('abort', () => (clearTimeout(timer), r()), { once: true });
        });
      }
    }
  }
}

/** Compares in constant time whatever the lengths (both sides hashed first). */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/**
 * Zalo's webhook POSTs: the secret checked first, the body read in either shape (the documented
 * envelope or the bare event), the event stored in the inbox, then 200 at once — handling runs
 * after the answer, so Zalo never waits on a report being saved or a file being built.
 */
export function zaloWebhookRoute(channel: ZaloChannel, secret: string, log: Logger): Route {
  return (req, body, res) => {
    if (req.method !== 'POST') return send(res, 405, { ok: false });
    if (!sameSecret(String(req.headers['x-bot-api-secret-token'] ?? ''), secret)) return send(res, 401, { ok: false });
    let event;
    try {
      event = unwrapEvent(JSON.parse(body.toString('utf8')));
    } catch {
      event = undefined;
    }
    if (!event) {
      log.warn('zalo: webhook body is not an event; refused');
      return send(res, 400, { ok: false });
    }
    // Stored (or found stored) before the answer: a redelivery of the same message_id is a no-op.
    channel.accept(event);
    return send(res, 200, { ok: true });
  };
}
