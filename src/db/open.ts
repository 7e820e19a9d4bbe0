import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { schema } from './schema.js';
import { seedPlan } from './seed.js';
import { getMeta, setMeta } from './queries/plan.js';
import { rebuildLineStates } from './queries/progress-reports.js';
import { flushSoon } from './write-soon.js';
import { bindGroupsToSuccessors } from './queries/chats.js';

// Bump when the way line states are computed changes: they are rebuilt once at the next start.
const LINE_STATE_VERSION = '3'; // 2: blocked keeps the percentage, an update without one keeps the previous; 3: but in progress does not keep 100 (a line reopened after done)

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations');

/**
 * Opens (creating if needed) the database, applies pending migrations and seeds the plan.
 * WAL lets the digest and report read while updates are written; foreign keys are off by default
 * in SQLite and must be switched on per connection.
 */
/**
 * The database file readable and writable by the bot's user only (0600), and a folder we create
 * 0700. SQLite gives the -wal and -shm files the mode of the database file, so they follow.
 * Existing files from older versions (0644) are tightened at start.
 */
function makePrivate(path: string) {
  const dir = dirname(resolve(path));
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }
  if (!existsSync(path)) writeFileSync(path, '', { mode: 0o600 }); // an empty file is an empty database
  for (const f of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

export function openDatabase(path: string): Db {
  if (path !== ':memory:') makePrivate(path);
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  seedPlan(db);
  bindGroupsToSuccessors(db);
  if (getMeta(db, 'line_state') !== LINE_STATE_VERSION) {
    rebuildLineStates(db);
    setMeta(db, 'line_state', LINE_STATE_VERSION);
  }
  return db;
}

/**
 * The same database opened READ-ONLY by another process (the yearly report's, reports/build-process.ts):
 * WAL lets it read a consistent snapshot while the bot keeps writing, and it can neither change
 * anything nor migrate. The bot opened (migrated, seeded) the file first, so it exists and is current.
 */
export function openReadOnly(path: string): Db {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  return drizzle(sqlite, { schema }) as Db;
}

export function closeDatabase(db: Db) {
  // Writes queued for the end of the turn (write-soon.ts) are committed, not dropped, at a stop.
  if (db.$client.open) flushSoon(db);
  db.$client.close();
}

/** The database's file, for another process to open; undefined for an in-memory database, which only this process sees. */
export function databaseFile(db: Db): string | undefined {
  return db.$client.memory ? undefined : db.$client.name;
}

/** A consistent copy at `path` while the bot keeps writing (SQLite's online backup API). */
export async function backupTo(db: Db, path: string): Promise<void> {
  await db.$client.backup(path);
}
