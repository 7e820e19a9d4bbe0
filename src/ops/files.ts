// Files for channels that cannot receive a document (Zalo): stored in the database and served by
// the bot's own HTTP server at `${PUBLIC_BASE_URL}/f/<token>`, the token signed and expiring
// (core/links.ts). A token that is missing or forged gets 401, an expired one 403 — never 404, so
// a link that once worked says "no longer" rather than "never was". The token is a credential: it
// is never logged (http-server.ts logs the route, not the path).
import type { I18n } from '../i18n.js';
import { extname } from 'node:path';
import { checkLink, linkSecret, signLink } from '../core/links.js';
import type { Db } from '../db/open.js';
import { getStoredFile, setFileExpiry, storeFile } from '../db/queries/files.js';
import type { Route } from './http-server.js';

export const FILES_PREFIX = '/f/';

const TYPES: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};

export const contentTypeOf = (name: string): string => TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';

/**
 * How long a file waits for its message to be sent before it is removed. Its link is made when the
 * message goes out (signLinkNow), and a message to Zalo can be held by the monthly quota until the
 * month ends: longer than any such hold. No link to it exists meanwhile, so keeping it is harmless.
 */
export const PENDING_FILE_KEEP_MS = 35 * 86_400_000;

/** Stores `bytes` until their link is made (PENDING_FILE_KEEP_MS at most); returns the file's id. */
export function keepFile(db: Db, name: string, bytes: Buffer, now: number): string {
  return storeFile(db, { name, contentType: contentTypeOf(name), bytes }, now, now + PENDING_FILE_KEEP_MS);
}

/**
 * The public link to a stored file, made now: valid for `ttlMs` from `now`, and the file kept
 * exactly that long (so the link and the file end together, as the message says). Undefined when
 * the file is no longer stored.
 */
export function linkToFile(db: Db, baseUrl: string, id: string, now: number, ttlMs: number): { url: string; expiresAt: number } | undefined {
  const expiresAt = now + ttlMs;
  if (!setFileExpiry(db, id, expiresAt)) return undefined;
  return { url: `${baseUrl}${FILES_PREFIX}${signLink(linkSecret(db), { kind: 'f', ref: id, exp: expiresAt })}`, expiresAt };
}

/** Content-Disposition with the file's name: an ASCII fallback and the exact UTF-8 name (RFC 6266). */
function disposition(name: string, inline: boolean): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The route for FILES_PREFIX. `now` is the clock links were signed with. */
export function filesRoute(db: Db, now: () => number, i18n: I18n): Route {
  // Whoever opens a link has no chosen language here: both, Vietnamese first.
  const both = (key: string) => `${i18n.t('vi')(key)} / ${i18n.t('en')(key)}\n`;
  return (req, _body, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const token = (req.url ?? '').split('?')[0]!.slice(FILES_PREFIX.length);
    const check = checkLink(linkSecret(db), token, now());
    const refuse = (status: 401 | 403, text: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(text);
    };
    if (!check.ok && check.why === 'invalid') return refuse(401, both('files.invalid'));
    if (!check.ok || check.claims.kind !== 'f') return refuse(check.ok ? 401 : 403, both('files.expired'));
    const file = getStoredFile(db, check.claims.ref);
    // Removed after its time: the link has expired, whatever its own date said.
    if (!file || file.expiresAt <= now()) return refuse(403, both('files.expired'));
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-length': file.bytes.length,
      'content-disposition': disposition(file.name, file.contentType.startsWith('image/')),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    res.end(req.method === 'HEAD' ? undefined : file.bytes);
  };
}
