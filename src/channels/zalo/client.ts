// Our own client for the Zalo Bot Platform (../shared/zalo-bot-api.md): the published SDKs are
// obfuscated or pull in native modules, and the API is a handful of JSON methods. Every call is a
// POST of JSON to `${apiRoot}/bot${token}/${method}`; the answer is the envelope
// {ok, result, error_code, description}, checked whatever the HTTP status (Zalo answers an empty
// poll with HTTP 200 and error 408, and the status of its other errors is not documented).
// The token is part of every URL: no URL is ever put into an error or a log line here.

/** What went wrong, in the terms the callers decide on. */
export type ZaloFailure =
  /** The API answered with an error envelope (`code` is its error_code, or the HTTP status). */
  | 'api'
  /** An HTML page or something that is not JSON: a proxy in front of the API (nginx when polled too fast). */
  | 'html'
  /** No answer: connection refused or reset, DNS, or our own time limit. */
  | 'network';

export class ZaloError extends Error {
  constructor(
    readonly method: string,
    readonly failure: ZaloFailure,
    /** error_code from the envelope; the HTTP status when the envelope has none. */
    readonly code: number | undefined,
    readonly description: string,
    readonly httpStatus?: number,
  ) {
    super(`Zalo ${method}: ${failure}${code !== undefined ? ` ${code}` : ''} ${description}`.trim());
    this.name = 'ZaloError';
  }

  /** 408 on getUpdates: nothing arrived during the poll. */
  get isEmptyPoll(): boolean {
    return this.failure === 'api' && this.code === 408;
  }

  /** 429 "Quota exceeded": the month's messages are used up (Zalo gives no retry_after). */
  get isQuota(): boolean {
    return this.failure === 'api' && this.code === 429;
  }

  /** Worth trying again later: no answer, a proxy page, a server error, a timeout, a quota. */
  get isTransient(): boolean {
    if (this.failure !== 'api') return true;
    const c = this.code ?? 0;
    // 403 is documented as "Internal server error" (sic).
    return c >= 500 || c === 403 || c === 408 || c === 429 || (this.httpStatus ?? 0) >= 500;
  }
}

export interface ZaloMe {
  id: string;
  account_name?: string;
  display_name?: string;
  account_type?: string;
  can_join_groups?: boolean;
}

export interface ZaloUpdate {
  event_name: string;
  message: Record<string, any>;
}

export interface CallOptions {
  /** Our own limit on the whole call (for getUpdates: above the poll's timeout). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export class ZaloClient {
  constructor(
    private readonly token: string,
    private readonly apiRoot: string,
    private readonly defaultTimeoutMs = 30_000,
  ) {}

  async call<T>(method: string, params: Record<string, unknown> = {}, opts: CallOptions = {}): Promise<T> {
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? this.defaultTimeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    let res: Response;
    let body: string;
    try {
      res = await fetch(`${this.apiRoot}/bot${this.token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal,
      });
      body = await res.text();
    } catch (err) {
      // fetch's own errors may carry the URL in a cause: only the kind of failure is kept.
      const name = err instanceof Error ? (err.name === 'TimeoutError' || err.name === 'AbortError' ? err.name : 'fetch failed') : 'fetch failed';
      throw new ZaloError(method, 'network', undefined, name);
    }
    let envelope: { ok?: unknown; result?: unknown; error_code?: unknown; description?: unknown };
    try {
      envelope = JSON.parse(body) as typeof envelope;
      if (!envelope || typeof envelope !== 'object') throw new Error('not an object');
    } catch {
      throw new ZaloError(method, 'html', res.status, `not JSON (HTTP ${res.status}, ${body.slice(0, 60).replace(/\s+/g, ' ')})`, res.status);
    }
    if (envelope.ok !== true) {
      const code = typeof envelope.error_code === 'number' ? envelope.error_code : res.status;
      throw new ZaloError(method, 'api', code, typeof envelope.description === 'string' ? envelope.description : '', res.status);
    }
    return envelope.result as T;
  }

  getMe(): Promise<ZaloMe> {
    return this.call<ZaloMe>('getMe');
  }

  /**
   * One update, or none (null) when the poll timed out empty. The HTTP call is allowed ten seconds
   * more than the poll, so a slow empty answer is not mistaken for a dead connection.
   */
  async getUpdates(timeoutSeconds: number, signal?: AbortSignal): Promise<ZaloUpdate | ZaloUpdate[] | null> {
    try {
      return await this.call<ZaloUpdate | ZaloUpdate[]>('getUpdates', { timeout: String(timeoutSeconds) }, { timeoutMs: (timeoutSeconds + 10) * 1000, signal });
    } catch (err) {
      if (err instanceof ZaloError && err.isEmptyPoll) return null;
      throw err;
    }
  }

  sendMessage(chatId: string, text: string): Promise<{ message_id?: string; date?: number }> {
    return this.call('sendMessage', { chat_id: chatId, text });
  }

  sendPhoto(chatId: string, photo: string, caption?: string): Promise<{ message_id?: string; date?: number }> {
    return this.call('sendPhoto', { chat_id: chatId, photo, ...(caption ? { caption } : {}) });
  }

  setWebhook(url: string, secretToken: string): Promise<unknown> {
    return this.call('setWebhook', { url, secret_token: secretToken });
  }

  deleteWebhook(): Promise<unknown> {
    return this.call('deleteWebhook');
  }
}
