import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { backupTo, type Db } from '../db/open.js';
import { fileStampAt } from '../text/dates.js';

const PATTERN = /^kh457-\d{8}-\d{6}\.db$/;

/**
 * An online backup with SQLite's backup API: consistent while the bot keeps writing. Keeps the
 * newest `keep` copies. Names carry the local time of the configured zone (what the operator
 * reads on the clock when choosing a copy to restore) and sort by time, so "newest" is simply the
 * last name — true in any zone without daylight saving, as Asia/Ho_Chi_Minh has none.
 */
export async function backupDatabase(db: Db, dir: string, keep: number, timeZone: string, now = Date.now()): Promise<string> {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  // A copy of every report and name: the bot's user only. A folder owned by someone else (a shared
  // /var/backups) keeps its mode; the copies themselves are still 0600.
  try {
    chmodSync(dir, 0o700);
  } catch {
    /* not ours to change */
  }
  const stamp = fileStampAt(now, timeZone);
  const path = join(dir, `kh457-${stamp}.db`);
  await backupTo(db, path);
  chmodSync(path, 0o600);
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
