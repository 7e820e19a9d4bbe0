// Signed, expiring links to the bot's own HTTP server: files on channels that cannot receive them
// (Zalo) and the leaders' status page. A token carries what it opens and until when, signed with
// a secret only this installation knows (kept in the database, made on first use), so a link
// cannot be forged or stretched; what can be revoked is checked by its owner against the database.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/open.js';
import { getMeta, setMeta } from '../db/queries/plan.js';

export interface LinkClaims {
  /** What the link opens: 'f' a stored file, 'w' the status page. */
  kind: 'f' | 'w';
  /** Which one (a file id, a web link id). */
  ref: string;
  /** Expiry, ms since the epoch. */
  exp: number;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; why: 'invalid' | 'expired' };

const b64 = (b: Buffer) => b.toString('base64url');

/** The installation's signing secret; made once and kept with the data it protects. */
export function linkSecret(db: Db): Buffer {
  let hex = getMeta(db, 'link_secret');
  if (!hex) {
    hex = randomBytes(32).toString('hex');
    setMeta(db, 'link_secret', hex);
  }
  return Buffer.from(hex, 'hex');
}

export function signLink(secret: Buffer, claims: LinkClaims): string {
  const body = b64(Buffer.from(`${claims.kind}.${claims.ref}.${claims.exp}`, 'utf8'));
  return `${body}.${b64(createHmac('sha256', secret).update(body).digest())}`;
}

/** Checks a token's signature (in constant time) and its expiry; never throws on garbage. */
export function checkLink(secret: Buffer, token: string, now: number): LinkCheck {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined || !/^[A-Za-z0-9_-]+$/.test(body + sig)) return { ok: false, why: 'invalid' };
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, why: 'invalid' };
  const m = /^([fw])\.([A-Za-z0-9_-]{1,64})\.(\d{1,15})$/.exec(Buffer.from(body, 'base64url').toString('utf8'));
  if (!m) return { ok: false, why: 'invalid' };
  const claims: LinkClaims = { kind: m[1] as 'f' | 'w', ref: m[2]!, exp: Number(m[3]) };
  return claims.exp <= now ? { ok: false, why: 'expired' } : { ok: true, claims };
}
