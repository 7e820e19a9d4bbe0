// Writes that may wait for the end of this turn of the event loop and commit together.
//
// Each SQLite commit costs more than the row it writes (the WAL frames and the shared index are
// written per commit). After an answer went out, the bot records what that message was about
// (bot_messages), and marks the update handled: two commits per answer, where one does. A write
// queued here commits with the handled mark of the event it belongs to (`commitQueued`, called by
// commitHandled in queries/inbox.ts on every channel), so the mark is never on disk without it: a
// kill -9 before that commit loses both, and the event, not marked, is replayed and writes it again.
//
// Readers never see the table without what is queued: every query function that reads or changes
// the rows written this way calls `flushSoon` first, so the delay is invisible to the code.
//
// A queued write must be idempotent (bot_messages: `on conflict do nothing`): a reader inside a
// transaction runs the queue in that transaction, to see it, and leaves it queued, since the
// transaction may still be rolled back; the next commit runs it again.
import type { Tx } from './tx.js';
import { inTransaction } from './tx.js';

interface Queued {
  write: (tx: Tx) => void;
  failed: (err: unknown) => void;
}

const queues = new WeakMap<Tx, Queued[]>();

/**
 * Queues `write` for the end of this turn of the event loop (or the next commit of the queue). A
 * write that fails is handed to `failed` (nobody waits on it: log it there); a statement that fails
 * alone does not take the others with it.
 */
export function writeSoon(db: Tx, write: (tx: Tx) => void, failed: (err: unknown) => void): void {
  let q = queues.get(db);
  if (!q) {
    q = [];
    queues.set(db, q);
  }
  // A few milliseconds: the handled mark of the event being answered follows in the same turn (the
  // Telegram dispatcher batches its marks with one setImmediate) and commits this queue with it. The
  // timer is for what no mark follows (an answer the outbox delivers later, on Zalo); an earlier
  // one (two setImmediates) also took rows queued in the next turn, a commit of their own for half
  // the batches.
  if (q.push({ write, failed }) === 1) setTimeout(() => commitInTimer(db), 5);
}

/** The timer's commit: a failure was told to each write's `failed`; a timer must not throw. */
function commitInTimer(db: Tx) {
  try {
    commitQueued(db);
  } catch {
    // told already
  }
}

/**
 * Commits what is queued, with `alsoWrite` in the same transaction (an event's handled mark).
 * Throws when that transaction fails — the caller's own write failed with it — after telling each
 * queued write. Inside a transaction the caller opened, the queue runs in it and stays queued
 * (that transaction may be rolled back; the writes are idempotent and run again at the next commit).
 */
export function commitQueued(db: Tx, alsoWrite?: (tx: Tx) => void): void {
  const q = queues.get(db) ?? [];
  if (!db.$client.open) {
    // Closed by someone who did not use closeDatabase (which commits the queue first).
    const err = new Error('the database was closed before this write');
    for (const w of q.splice(0)) w.failed(err);
    if (alsoWrite) throw err;
    return;
  }
  if (db.$client.inTransaction) {
    runAll(db, [...q]);
    alsoWrite?.(db);
    return;
  }
  if (!q.length && !alsoWrite) return;
  const batch = q.splice(0);
  try {
    inTransaction(db, (tx) => {
      runAll(tx, batch);
      alsoWrite?.(tx);
    });
  } catch (err) {
    // The whole transaction is gone (disk full, I/O error, or the caller's write): so are the
    // queued rows. Their events are not marked handled either, and are replayed.
    for (const w of batch) w.failed(err);
    throw err;
  }
}

/** Makes what is queued visible to a reader: committed now, or run in the reader's open transaction. */
export function flushSoon(tx: Tx): void {
  if (!queues.get(tx)?.length) return;
  if (!tx.$client.inTransaction) return commitInTimer(tx);
  commitQueued(tx);
}

function runAll(tx: Tx, batch: readonly Queued[]) {
  for (const w of batch) {
    try {
      w.write(tx);
    } catch (err) {
      // SQLite undoes only the failed statement — unless the error ends the transaction itself
      // (SQLITE_FULL, IOERR, NOMEM roll it back): then nothing more can be written in it.
      if (!tx.$client.inTransaction) throw err;
      w.failed(err);
    }
  }
}
