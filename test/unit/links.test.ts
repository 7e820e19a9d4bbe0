import { describe, expect, it } from 'vitest';
import { checkLink, signLink } from '../../src/core/links.js';

const secret = Buffer.alloc(32, 7);
const now = Date.UTC(2026, 11, 1);

describe('signed links', () => {
  it('opens what it was signed for until it expires', () => {
    const token = signLink(secret, { kind: 'f', ref: '42', exp: now + 1000 });
    expect(checkLink(secret, token, now)).toEqual({ ok: true, claims: { kind: 'f', ref: '42', exp: now + 1000 } });
    expect(checkLink(secret, token, now + 1000)).toEqual({ ok: false, why: 'expired' });
  });
  it('refuses a token signed elsewhere, stretched, truncated or garbage', () => {
    const token = signLink(secret, { kind: 'w', ref: 'abc', exp: now + 1000 });
    const [, sig] = token.split('.');
    const stretched = `${Buffer.from(`w.abc.${now + 10 ** 9}`).toString('base64url')}.${sig}`;
    for (const bad of [signLink(Buffer.alloc(32, 8), { kind: 'w', ref: 'abc', exp: now + 1000 }), stretched, token.slice(0, -2), '', '..', 'a.b.c', '%00.%00'])
      expect(checkLink(secret, bad, now)).toEqual({ ok: false, why: 'invalid' });
  });
});
