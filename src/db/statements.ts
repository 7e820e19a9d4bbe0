import type Database from 'better-sqlite3';
import type { Tx } from './tx.js';

// Preparing a statement costs more than running it. The queries every update runs (who is this,
// mark handled, remember the bot's message) keep their prepared statement per connection.
const cache = new WeakMap<Tx, Map<string, Database.Statement>>();

export function statement(db: Tx, sql: string): Database.Statement {
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

const preparedQueries = new WeakMap<Tx, Map<string, unknown>>();

/** A drizzle query prepared once per connection (`sql.placeholder` for its parameters). */
export function prepared<T>(db: Tx, key: string, build: () => T): T {
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
