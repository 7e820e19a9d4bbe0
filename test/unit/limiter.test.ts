import { describe, expect, it } from 'vitest';
import { SendLimiter, TELEGRAM_LIMITS } from '../../src/delivery/limiter.js';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('SendLimiter', () => {
  it('spaces messages to one chat by a second', () => {
    const c = clock();
    const l = new SendLimiter(TELEGRAM_LIMITS, c.now);
    const slots = [l.reserve(42, false), l.reserve(42, false), l.reserve(42, false)];
    expect(slots.map((s) => s - c.now())).toEqual([0, 1000, 2000]);
  });

  it('never lets a group get more than 20 messages in any rolling minute', () => {
    const c = clock();
    const l = new SendLimiter(TELEGRAM_LIMITS, c.now);
    const slots = Array.from({ length: 65 }, () => l.reserve(-100, true));
    for (let i = 20; i < slots.length; i++) expect(slots[i]! - slots[i - 20]!).toBeGreaterThanOrEqual(60_000);
    // and it is not slower than it must be: the 21st goes exactly one minute after the 1st
    expect(slots[20]! - slots[0]!).toBe(60_000);
  });

  it('keeps the overall rate under 25 per second across chats', () => {
    const c = clock();
    const l = new SendLimiter(TELEGRAM_LIMITS, c.now);
    const slots = Array.from({ length: 100 }, (_, i) => l.reserve(i + 1, false)).sort((a, b) => a - b);
    for (let i = 1; i < slots.length; i++) expect(slots[i]! - slots[i - 1]!).toBeGreaterThanOrEqual(40);
    expect(slots[99]! - slots[0]!).toBe(99 * 40);
  });

  it('fills a gap left by an out-of-order reservation', () => {
    const c = clock();
    const l = new SendLimiter(TELEGRAM_LIMITS, c.now);
    l.reserve(1, false); // t=0
    const later = l.reserve(1, false); // t=1000 for chat 1
    const other = l.reserve(2, false); // chat 2 can go at t=40, before chat 1's second slot
    expect(later - c.now()).toBe(1000);
    expect(other - c.now()).toBe(40);
  });

  it('forgets old sends', () => {
    const c = clock();
    const l = new SendLimiter(TELEGRAM_LIMITS, c.now);
    l.reserve(7, true);
    c.advance(120_000);
    expect(l.reserve(7, true)).toBe(c.now());
  });
});
