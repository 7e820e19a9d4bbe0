/**
 * Send-slot scheduler for Telegram's limits: about 1 message/s per chat, 20/min per group, and
 * ~25/s overall. Rate-limit libraries (bottleneck, p-queue) count in fixed windows or token
 * buckets, which allow twice the per-minute limit around a window edge; Telegram counts a rolling
 * minute, so this keeps a short log of reserved send times per chat and checks a true sliding
 * window. Slots are reserved synchronously, so concurrent callers never get the same slot.
 */
export interface LimitRules {
  perChatGapMs: number;
  groupWindowMs: number;
  groupMaxInWindow: number;
  globalGapMs: number;
}

export const TELEGRAM_LIMITS: LimitRules = {
  perChatGapMs: 1000,
  groupWindowMs: 60_000,
  groupMaxInWindow: 20,
  globalGapMs: 40,
};

/** For load tests against a local stand-in only. */
export const NO_LIMITS: LimitRules = { perChatGapMs: 0, groupWindowMs: 60_000, groupMaxInWindow: Number.MAX_SAFE_INTEGER, globalGapMs: 0 };

export class SendLimiter {
  private readonly chats = new Map<string, number[]>();
  private global: number[] = [];

  constructor(
    private readonly rules: LimitRules = TELEGRAM_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reserves the earliest allowed send time for `chatId` and returns it (epoch ms). */
  reserve(chatId: string | number, isGroup: boolean): number {
    const key = String(chatId);
    const now = this.now();
    const log = (this.chats.get(key) ?? []).filter((t) => t > now - this.rules.groupWindowMs);
    let at = now;
    const last = log[log.length - 1];
    if (last !== undefined) at = Math.max(at, last + this.rules.perChatGapMs);
    if (isGroup && log.length >= this.rules.groupMaxInWindow) {
      at = Math.max(at, log[log.length - this.rules.groupMaxInWindow]! + this.rules.groupWindowMs);
    }
    at = this.globalSlotFrom(at, now);
    log.push(at);
    // Only the last minute is kept per chat, so years of chats do not pile up here.
    this.chats.set(key, log);
    if (this.chats.size > 10_000) for (const [k, v] of this.chats) if (!v.some((t) => t > now - this.rules.groupWindowMs)) this.chats.delete(k);
    return at;
  }

  /** Waits for a reserved slot. */
  async acquire(chatId: string | number, isGroup: boolean, sleep = defaultSleep): Promise<void> {
    const at = this.reserve(chatId, isGroup);
    const wait = at - this.now();
    if (wait > 0) await sleep(wait);
  }

  private globalSlotFrom(from: number, now: number): number {
    const gap = this.rules.globalGapMs;
    this.global = this.global.filter((t) => t > now - gap);
    let at = from;
    // Reservations can be out of order across chats, so look for a free gap, not just the tail.
    for (const t of [...this.global].sort((a, b) => a - b)) {
      if (t <= at - gap) continue;
      if (t >= at + gap) break;
      at = t + gap;
    }
    this.global.push(at);
    return at;
  }
}

export const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
