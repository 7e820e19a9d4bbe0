import type Database from 'better-sqlite3';
import type { Db } from './open.js';

// Preparing a statement costs more than running it. The queries every update runs (who is this,
// mark handled, remember the bot's message) keep their prepared statement per connection.
const cache = new WeakMap<Db, Map<string, Database.Statement>>();

export function statement(db: Db, sql: string): Database.Statement {
  let byText = cache.get(db);
  if (!byText) {
    byText = new Map();
    cache.set(db, byText);
  }
  let stmt = byText.get(sql);
  if (!stmt) {
    stmt = db.$client.prepare(sql);
    byText.set(sql, stmt);
  }
  return stmt;
}

const preparedQueries = new WeakMap<Db, Map<string, unknown>>();

/** A drizzle query prepared once per connection (`sql.placeholder` for its parameters). */
export function prepared<T>(db: Db, key: string, build: () => T): T {
  let byKey = preparedQueries.get(db);
  if (!byKey) {
    byKey = new Map();
    preparedQueries.set(db, byKey);
  }
  let q = byKey.get(key) as T | undefined;
  if (!q) {
    q = build();
    byKey.set(key, q);
  }
  return q;
}

const transactions = new WeakMap<Db, (f: () => unknown) => unknown>();

/**
 * Runs `f` in a transaction (a savepoint when one is already open), as drizzle's
 * `db.transaction` does — without building a drizzle transaction object and a fresh
 * better-sqlite3 wrapper on every call: each report runs two of these.
 */
export function inTransaction<T>(db: Db, f: () => T): T {
  let run = transactions.get(db);
  if (!run) {
    run = db.$client.transaction((g: () => unknown) => g());
    transactions.set(db, run);
  }
  return run(f) as T;
}
