import { randomBytes } from 'node:crypto';
import type { Db } from '../open.js';
import { statement } from '../statements.js';

export interface StoredFile {
  id: string;
  name: string;
  contentType: string;
  bytes: Buffer;
  expiresAt: number;
}

/** Keeps a file until `expiresAt`; returns its random id. Files already expired are removed now. */
export function storeFile(db: Db, f: { name: string; contentType: string; bytes: Buffer }, now: number, expiresAt: number): string {
  const id = randomBytes(18).toString('base64url');
  statement(db, 'delete from stored_files where expires_at <= ?').run(now);
  statement(db, 'insert into stored_files (id, name, content_type, bytes, created_at, expires_at) values (?, ?, ?, ?, ?, ?)').run(
    id,
    f.name,
    f.contentType,
    f.bytes,
    now,
    expiresAt,
  );
  return id;
}

export function getStoredFile(db: Db, id: string): StoredFile | undefined {
  return statement(db, 'select id, name, content_type contentType, bytes, expires_at expiresAt from stored_files where id = ?').get(id) as StoredFile | undefined;
}
