// A local stand-in for the Zalo Bot Platform (../shared/zalo-bot-api.md, section 5), built like
// bot-api-stub.ts: answers POST /bot<token>/<method> with the {ok, result, error_code, description}
// envelope, records every call, serves queued events through getUpdates — one per call, HTTP 200
// with error 408 after the poll's timeout when idle, an error while a webhook is set — refuses what
// Zalo refuses (empty or >2,000-character text, non-string ids, a photo that is not an http(s)
// URL, multipart), and injects failures: 429 "Quota exceeded", 5xx, HTML pages from a proxy.
// It also plays Zalo's side of the webhook: POSTs an event, enveloped or bare, with a secret.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ZaloCall {
  method: string;
  payload: Record<string, any>;
  at: number;
  /** ok, or the error code / 'html' / 'dropped' the stand-in answered with. */
  outcome: 'ok' | number | 'html' | 'dropped';
  result?: any;
}

export type ZaloFailure =
  | { kind: 'api'; code: number; description?: string; httpStatus?: number }
  | { kind: 'quota' }
  | { kind: 'html'; httpStatus?: number }
  | { kind: 'drop' };

export const ZALO_BOT = { id: 'b0t1d', account_name: 'bot.kh457', display_name: 'KH457 An Giang', account_type: 'BASIC', can_join_groups: true };

/** A hex message id of 20 characters, as Zalo's. */
export const zaloMessageId = () => randomBytes(10).toString('hex');

export interface ZaloPerson {
  id: string;
  name: string;
}

/** A text event as the doc's sample has it: hex string ids, date in ms, display_name. */
export function zaloText(text: string, o: { from: ZaloPerson; group?: string; messageId?: string; event?: string }): { event_name: string; message: Record<string, any> } {
  return {
    event_name: o.event ?? 'message.text.received',
    message: {
      message_id: o.messageId ?? zaloMessageId(),
      date: Date.now(),
      from: { id: o.from.id, display_name: o.from.name, is_bot: false },
      chat: { id: o.group ?? o.from.id, chat_type: o.group ? 'GROUP' : 'PRIVATE' },
      text,
    },
  };
}

export class ZaloApiStub {
  readonly calls: ZaloCall[] = [];
  readonly refusals: Array<{ method: string; description: string; payload: any }> = [];
  private server: Server | undefined;
  private events: Array<Record<string, any>> = [];
  private waiters: Array<() => void> = [];
  private changeWaiters: Array<() => void> = [];
  private failures: Array<{ method: string; failure: ZaloFailure; remaining: number }> = [];
  webhook: { url: string; secret: string } | undefined;
  /** Longest a poll is held, whatever timeout was asked (tests poll with 1 s). */
  maxPollSeconds = 2;
  me: Record<string, unknown> = { ...ZALO_BOT };

  constructor(readonly token = '1234567890:zalo-stand-in-secret-AAAA') {}

  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return this;
  }

  async stop() {
    for (const w of this.waiters.splice(0)) w();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  /** Queues an event for getUpdates (one per poll). */
  push(event: Record<string, any>) {
    this.events.push(event);
    for (const w of this.waiters.splice(0)) w();
    return event;
  }

  fail(method: string, failure: ZaloFailure, count = 1) {
    this.failures.push({ method, failure, remaining: count });
  }

  callsTo(method: string) {
    return this.calls.filter((c) => c.method === method && c.outcome === 'ok');
  }

  /** What was delivered to a chat, in order: texts, and photos as "[photo] <url> <caption>". */
  sent(chatId?: string): ZaloCall[] {
    return this.calls.filter((c) => c.outcome === 'ok' && (c.method === 'sendMessage' || c.method === 'sendPhoto') && (chatId === undefined || c.payload.chat_id === chatId));
  }

  async waitFor(predicate: (calls: ZaloCall[]) => boolean, what = 'condition', timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last calls: ${this.calls.slice(-12).map((c) => `${c.method}:${c.outcome}`).join(', ')}`);
      await new Promise<void>((r) => {
        const timer = setTimeout(r, 50);
        this.changeWaiters.push(() => (clearTimeout(timer), r()));
      });
    }
  }

  /**
   * Zalo's side of the webhook: POSTs `event` to the URL set with setWebhook (or `url`), in the
   * documented envelope or bare, with the given secret (default: the one set). Returns the HTTP status.
   */
  async deliver(event: Record<string, any>, o: { shape?: 'envelope' | 'bare'; secret?: string; url?: string } = {}): Promise<number> {
    const url = o.url ?? this.webhook?.url;
    if (!url) throw new Error('no webhook set');
    const body = o.shape === 'bare' ? event : { ok: true, result: event };
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bot-api-secret-token': o.secret ?? this.webhook?.secret ?? '' },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    return res.status;
  }

  private record(call: ZaloCall, outcome: ZaloCall['outcome']) {
    call.outcome = outcome;
    this.calls.push(call);
    for (const w of this.changeWaiters.splice(0)) w();
  }

  private async route(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    if (!match) return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = match as unknown as [string, string, string];
    if (token !== this.token) return json(res, 200, { ok: false, error_code: 401, description: 'Unauthorized' });
    const call: ZaloCall = { method, payload: {}, at: Date.now(), outcome: 'ok' };
    if (!String(req.headers['content-type'] ?? '').includes('application/json')) {
      this.record(call, 400);
      return json(res, 200, { ok: false, error_code: 400, description: 'Bad request: JSON body expected' });
    }
    try {
      call.payload = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      this.record(call, 400);
      return json(res, 200, { ok: false, error_code: 400, description: 'Bad request' });
    }
    const injected = this.failures.find((f) => f.method === method && f.remaining > 0);
    if (injected) {
      injected.remaining--;
      const f = injected.failure;
      if (f.kind === 'drop') {
        this.record(call, 'dropped');
        return void res.socket?.destroy();
      }
      if (f.kind === 'html') {
        this.record(call, 'html');
        res.writeHead(f.httpStatus ?? 502, { 'content-type': 'text/html' });
        return void res.end('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>');
      }
      const code = f.kind === 'quota' ? 429 : f.code;
      this.record(call, code);
      return json(res, f.kind === 'api' ? (f.httpStatus ?? code) : 200, { ok: false, error_code: code, description: f.kind === 'quota' ? 'Quota exceeded' : (f.description ?? `Error ${code}`) });
    }
    if (method === 'getUpdates') return this.getUpdates(call, res);
    const refusal = refuse(method, call.payload);
    if (refusal) {
      this.refusals.push({ method, description: refusal, payload: call.payload });
      this.record(call, 400);
      return json(res, 200, { ok: false, error_code: 400, description: refusal });
    }
    call.result = this.result(method, call.payload);
    if (call.result === undefined) {
      this.record(call, 404);
      return json(res, 200, { ok: false, error_code: 404, description: 'Not found' });
    }
    this.record(call, 'ok');
    return json(res, 200, { ok: true, result: call.result });
  }

  private result(method: string, p: Record<string, any>): any {
    switch (method) {
      case 'getMe':
        return this.me;
      case 'sendMessage':
      case 'sendPhoto':
        return { message_id: zaloMessageId(), date: Date.now() };
      case 'setWebhook':
        this.webhook = { url: p.url, secret: p.secret_token };
        return { url: p.url, updated_at: Date.now() };
      case 'deleteWebhook':
        this.webhook = undefined;
        return { url: '', updated_at: Date.now() };
      case 'getWebhookInfo':
        return this.webhook ? { url: this.webhook.url, updated_at: Date.now() } : undefined;
      case 'sendChatAction':
        return true;
      default:
        return undefined;
    }
  }

  private async getUpdates(call: ZaloCall, res: ServerResponse) {
    call.payload.timeout = call.payload.timeout ?? '30';
    if (this.webhook) {
      this.record(call, 400);
      return json(res, 200, { ok: false, error_code: 400, description: 'Webhook is set: getUpdates is not available' });
    }
    const timeoutMs = Math.min(Number(call.payload.timeout), this.maxPollSeconds) * 1000;
    if (!this.events.length) {
      await new Promise<void>((r) => {
        const timer = setTimeout(r, timeoutMs);
        this.waiters.push(() => (clearTimeout(timer), r()));
      });
    }
    if (res.destroyed) return;
    const event = this.events.shift();
    if (!event) {
      this.record(call, 408);
      // As measured: an empty poll is HTTP 200 with error 408, after the timeout.
      return json(res, 200, { ok: false, error_code: 408, description: 'Request timeout' });
    }
    call.result = event;
    this.record(call, 'ok');
    return json(res, 200, { ok: true, result: event });
  }
}

/** What Zalo refuses, as documented: why, or undefined. */
export function refuse(method: string, p: Record<string, any>): string | undefined {
  if (['sendMessage', 'sendPhoto', 'sendChatAction'].includes(method) && typeof p.chat_id !== 'string') return 'chat_id must be a string';
  if (method === 'sendMessage') {
    if (typeof p.text !== 'string' || p.text.length === 0) return 'text is empty';
    if (p.text.length > 2000) return `text is longer than 2000 characters (${p.text.length})`;
  }
  if (method === 'sendPhoto') {
    if (typeof p.photo !== 'string' || !/^https?:\/\//.test(p.photo)) return 'photo must be a public http(s) URL';
    if (p.caption !== undefined && (typeof p.caption !== 'string' || p.caption.length < 1 || p.caption.length > 2000)) return 'caption must be 1–2000 characters';
  }
  if (method === 'setWebhook' && (typeof p.url !== 'string' || typeof p.secret_token !== 'string' || p.secret_token.length < 8 || p.secret_token.length > 256)) return 'url and secret_token (8–256) are required';
  return undefined;
}

function json(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
