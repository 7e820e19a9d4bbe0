// A local stand-in for the Telegram Bot API: answers POST /bot<token>/<method> like Telegram does,
// records every call, serves pushed updates through getUpdates (long polling with offset), and
// can inject failures (429 with retry_after, 500, dropped connections, any error code).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { telegramRefusal } from './telegram-rules.js';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  payload: Record<string, any>;
  at: number;
  /** What the stand-in answered: ok, or the error code it injected. */
  outcome: 'ok' | number | 'dropped';
  result?: any;
}

export type Failure =
  | { kind: 'status'; code: number; description?: string; parameters?: Record<string, unknown> }
  | { kind: 'retry_after'; seconds: number }
  | { kind: 'drop' };

export const BOT_USER = { id: 7000001, is_bot: true, first_name: 'KH457 Bot', username: 'kh457_bot' };

export class BotApiStub {
  readonly calls: RecordedCall[] = [];
  private server: Server | undefined;
  private updates: Array<Record<string, any>> = [];
  private nextUpdateId = 1000;
  private nextMessageId = 1;
  private waiters: Array<() => void> = [];
  private failures: Array<{ method: string; failure: Failure; remaining: number; when?: (p: any) => boolean }> = [];
  private changeWaiters: Array<() => void> = [];
  /** Every delivered getUpdates result (for redelivery tests). */
  lastDelivered: Array<Record<string, any>> = [];
  me: Record<string, unknown> = { ...BOT_USER, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };

  constructor(readonly token = '123456789:TEST-token-for-the-stand-in-AAAAAAAA') {}

  get apiRoot(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return this;
  }

  async stop(): Promise<void> {
    for (const w of this.waiters.splice(0)) w();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  /** Queues an update for getUpdates; assigns update_id when missing. Returns the update. */
  push(update: Record<string, any>): Record<string, any> {
    const u = { update_id: update.update_id ?? this.nextUpdateId++, ...update };
    this.nextUpdateId = Math.max(this.nextUpdateId, u.update_id + 1);
    this.updates.push(u);
    for (const w of this.waiters.splice(0)) w();
    return u;
  }

  private readonly hanging = new Set<string>();
  /** Epoch ms at which each method was first requested. */
  readonly firstArrival = new Map<string, number>();
  /** Calls received for a hanging method, in order (they are never answered, so never in `calls`). */
  readonly hungCalls: string[] = [];

  /** Makes every call of `method` hang with no answer, as a Bot API that stopped responding. */
  hang(method: string) {
    this.hanging.add(method);
  }

  /** Makes the next `count` calls of `method` fail as described. */
  fail(method: string, failure: Failure, count = 1, when?: (payload: any) => boolean) {
    this.failures.push({ method, failure, remaining: count, when });
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.outcome === 'ok');
  }

  /** Successful sendMessage texts to a chat, in order. */
  sentTexts(chatId?: number): string[] {
    return this.callsTo('sendMessage')
      .filter((c) => chatId === undefined || Number(c.payload.chat_id) === chatId)
      .map((c) => String(c.payload.text));
  }

  /** Waits until `predicate` holds over the recorded calls; fails after `timeoutMs` with a clear message. */
  async waitFor(predicate: (calls: RecordedCall[]) => boolean, what = 'condition', timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      if (Date.now() > deadline) {
        const summary = this.calls.map((c) => `${c.method}:${c.outcome}`).slice(-15).join(', ');
        throw new Error(`timed out waiting for ${what}; last calls: ${summary}`);
      }
      await new Promise<void>((r) => {
        const timer = setTimeout(r, 50);
        this.changeWaiters.push(() => {
          clearTimeout(timer);
          r();
        });
      });
    }
  }

  /** Waits for `n` more successful sendMessage calls than were recorded before `since`. */
  async waitForMessages(n: number, since = 0, chatId?: number): Promise<RecordedCall[]> {
    const matching = () =>
      this.calls.slice(since).filter((c) => c.method === 'sendMessage' && c.outcome === 'ok' && (chatId === undefined || Number(c.payload.chat_id) === chatId));
    await this.waitFor(() => matching().length >= n, `${n} message(s)`);
    return matching();
  }

  private async route(req: IncomingMessage, res: ServerResponse) {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const body = await readBody(req);
    if (!match) return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = match;
    if (token !== this.token) return json(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const payload = parsePayload(req.headers['content-type'] ?? '', body);
    // When each method was first asked for (a long poll is recorded only when it answers).
    if (!this.firstArrival.has(method!)) this.firstArrival.set(method!, Date.now());
    const record: RecordedCall = { method: method!, payload, at: Date.now(), outcome: 'ok' };

    // A method made to hang never answers (until the stand-in stops): a Bot API that does not respond.
    if (this.hanging.has(method!)) {
      this.hungCalls.push(method!);
      return;
    }
    const injected = this.failures.find((f) => f.method === method && f.remaining > 0 && (!f.when || f.when(payload)));
    if (injected && method !== 'getUpdates') {
      injected.remaining--;
      this.record(record, injected.failure.kind === 'drop' ? 'dropped' : injected.failure.kind === 'retry_after' ? 429 : injected.failure.code);
      return this.respondFailure(res, injected.failure);
    }
    if (method === 'getUpdates') return this.getUpdates(payload, res, record, injected);
    // What the real Bot API refuses is refused here too (and recorded as a 400), so no test can
    // pass on a message Telegram would not deliver.
    const refusal = telegramRefusal(method!, payload);
    if (refusal) {
      this.refusals.push({ method: method!, description: refusal, payload });
      this.record(record, 400);
      return json(res, 400, { ok: false, error_code: 400, description: refusal });
    }
    record.result = this.result(method!, payload);
    this.record(record, 'ok');
    return json(res, 200, { ok: true, result: record.result });
  }

  /** Every call the stand-in refused as Telegram would (400), with its reason. */
  readonly refusals: Array<{ method: string; description: string; payload: Record<string, any> }> = [];

  private record(call: RecordedCall, outcome: RecordedCall['outcome']) {
    call.outcome = outcome;
    this.calls.push(call);
    for (const w of this.changeWaiters.splice(0)) w();
  }

  private respondFailure(res: ServerResponse, f: Failure) {
    if (f.kind === 'drop') {
      res.socket?.destroy();
      return;
    }
    if (f.kind === 'retry_after') {
      return json(res, 429, {
        ok: false,
        error_code: 429,
        description: `Too Many Requests: retry after ${f.seconds}`,
        parameters: { retry_after: f.seconds },
      });
    }
    return json(res, f.code, { ok: false, error_code: f.code, description: f.description ?? `Error ${f.code}`, parameters: f.parameters });
  }

  private async getUpdates(payload: Record<string, any>, res: ServerResponse, call: RecordedCall, injected?: (typeof this.failures)[number]) {
    if (injected) {
      injected.remaining--;
      this.record(call, injected.failure.kind === 'drop' ? 'dropped' : 409);
      return this.respondFailure(res, injected.failure);
    }
    const offset = Number(payload.offset ?? 0);
    // Confirming an offset forgets everything before it, as Telegram does.
    if (offset > 0) this.updates = this.updates.filter((u) => u.update_id >= offset);
    const timeoutMs = Math.min(Number(payload.timeout ?? 0), 2) * 1000;
    if (!this.updates.length && timeoutMs > 0) {
      await new Promise<void>((r) => {
        const timer = setTimeout(r, timeoutMs);
        this.waiters.push(() => {
          clearTimeout(timer);
          r();
        });
      });
    }
    if (res.destroyed) return;
    const limit = Number(payload.limit ?? 100);
    const batch = this.updates.slice(0, limit);
    this.lastDelivered = batch;
    this.record(call, 'ok');
    json(res, 200, { ok: true, result: batch });
  }

  private result(method: string, p: Record<string, any>): unknown {
    switch (method) {
      case 'getMe':
        return this.me;
      case 'sendMessage':
      case 'sendDocument':
      case 'sendPhoto':
        return {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(p.chat_id), type: Number(p.chat_id) < 0 ? 'supergroup' : 'private' },
          from: BOT_USER,
          ...(method === 'sendMessage' ? { text: p.text } : { caption: p.caption }),
        };
      case 'editMessageText':
        return { message_id: Number(p.message_id), date: 0, chat: { id: Number(p.chat_id), type: 'private' }, text: p.text };
      case 'getWebhookInfo':
        return { url: '', has_custom_certificate: false, pending_update_count: 0 };
      default:
        return true;
    }
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parsePayload(contentType: string, body: Buffer): Record<string, any> {
  if (!body.length) return {};
  if (contentType.includes('application/json')) return JSON.parse(body.toString('utf8'));
  if (contentType.includes('multipart/form-data')) {
    const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
    const out: Record<string, any> = {};
    if (!boundary) return out;
    for (const part of body.toString('latin1').split(`--${boundary}`)) {
      const name = /name="([^"]+)"/.exec(part)?.[1];
      if (!name) continue;
      const filename = /filename="([^"]*)"/.exec(part)?.[1];
      const value = part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, '');
      out[name] = filename !== undefined ? { filename, bytes: Buffer.from(value, 'latin1') } : Buffer.from(value, 'latin1').toString('utf8');
    }
    return out;
  }
  return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
}

function json(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
