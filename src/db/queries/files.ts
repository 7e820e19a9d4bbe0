import { randomBytes } from 'node:crypto';
import type { Tx } from '../tx.js';
import { statement } from '../statements.js';

export interface StoredFile {
  id: string;
  name: string;
  contentType: string;
  bytes: Buffer;
  expiresAt: number;
}

/** Keeps a file until `expiresAt`; returns its random id. Files already expired are removed now. */
export function storeFile(tx: Tx, f: { name: string; contentType: string; bytes: Buffer }, now: number, expiresAt: number): string {
  const id = randomBytes(18).toString('base64url');
  statement(tx, 'delete from stored_files where expires_at <= ?').run(now);
  statement(tx, 'insert into stored_files (id, name, content_type, bytes, created_at, expires_at) values (?, ?, ?, ?, ?, ?)').run(
    id,
    f.name,
    f.contentType,
    f.bytes,
    now,
    expiresAt,
  );
  return id;
}

export function getStoredFile(tx: Tx, id: string): StoredFile | undefined {
  return statement(tx, 'select id, name, content_type contentType, bytes, expires_at expiresAt from stored_files where id = ?').get(id) as StoredFile | undefined;
}

/** Sets when a stored file goes (its link is made now, for its time from now); false when it is gone. */
export function setFileExpiry(tx: Tx, id: string, expiresAt: number): boolean {
  return statement(tx, 'update stored_files set expires_at = ? where id = ?').run(expiresAt, id).changes > 0;
}
