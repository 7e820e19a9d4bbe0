import type { Db } from './open.js';

/**
 * What a query function runs in: the database, or the transaction it is part of. Every function
 * in `db/queries/` takes one first; code that opens a transaction hands the `tx` it is given to
 * every query inside it, never the outer database.
 *
 * On better-sqlite3 the two are one object. There is one connection and it is synchronous, so a
 * transaction is a state of that connection: whatever runs on it between BEGIN and COMMIT is in
 * the transaction, and nothing else can run in between. drizzle's own transaction object
 * (`Parameters<Parameters<Db['transaction']>[0]>[0]`) would type-check for the query builder, but
 * it has no `$client`, which the prepared statements of the hot paths (statements.ts) need, and
 * building one per transaction is what `inTransaction` exists to avoid. A PostgreSQL adapter
 * makes `Tx` `NodePgDatabase | PgTransaction` and `inTransaction` drizzle's `db.transaction`: the
 * callers already pass along the handle they were given.
 */
export type Tx = Db;

const transactions = new WeakMap<Db, (f: () => unknown) => unknown>();

/**
 * Runs `f` in a transaction (a savepoint when one is already open) and hands it the transaction
 * to run its queries in. It is better-sqlite3's `transaction()` (deferred; rolled back when `f`
 * throws, the error passed on), kept once per connection rather than built on every call as
 * drizzle's `db.transaction` does: each report runs two of these.
 */
export function inTransaction<T>(db: Tx, f: (tx: Tx) => T): T {
  let run = transactions.get(db);
  if (!run) {
    run = db.$client.transaction((g: () => unknown) => g());
    transactions.set(db, run);
  }
  return run(() => f(db)) as T;
}

/**
 * Runs `f` in a transaction that takes the write lock at once (BEGIN IMMEDIATE): for a probe that
 * must know now whether the database accepts a write.
 */
export function inWriteTransaction<T>(db: Tx, f: (tx: Tx) => T): T {
  return db.$client.transaction(() => f(db)).immediate();
}
