import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/open.js';

const PATTERN = /^kh457-\d{8}-\d{6}\.db$/;

/**
 * An online backup with SQLite's backup API: consistent while the bot keeps writing. Keeps the
 * newest `keep` copies. Names sort by time, so "newest" is simply the last name.
 */
export async function backupDatabase(db: Db, dir: string, keep: number, now = Date.now()): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const path = join(dir, `kh457-${stamp}.db`);
  await db.$client.backup(path);
  const copies = readdirSync(dir).filter((f) => PATTERN.test(f)).sort();
  for (const old of copies.slice(0, Math.max(0, copies.length - keep))) rmSync(join(dir, old));
  return path;
}

export function listBackups(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => PATTERN.test(f)).sort().map((f) => join(dir, f));
  } catch {
    return [];
  }
}
