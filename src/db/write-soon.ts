// Writes that may wait for the end of this turn of the event loop and commit together.
//
// Each SQLite commit costs more than the row it writes (the WAL frames and the shared index are
// written per commit). After an answer went out, the bot records what that message was about
// (bot_messages), and the dispatcher marks the update handled: two commits per answer, where one
// does. A write queued here runs in one transaction with everything else queued in the same turn —
// the handled marks among them (Dispatcher.writeMarks calls `flushSoon` inside its transaction).
//
// Readers never see the table without what is queued: every query function that reads or changes
// the rows written this way calls `flushSoon` first, so the delay is invisible to the code, and
// only a kill -9 in that turn can lose a queued write — after which the update it belongs to, not
// marked handled either, is replayed and writes it again.
import type { Tx } from './tx.js';
import { inTransaction } from './tx.js';

interface Queued {
  write: (tx: Tx) => void;
  failed: (err: unknown) => void;
}

const queues = new WeakMap<Tx, Queued[]>();

/**
 * Queues `write` for the end of this turn of the event loop (or the next `flushSoon`). A write that fails is handed
 * to `failed` (it has nobody waiting on it: log it there); the others queued with it still commit.
 */
export function writeSoon(db: Tx, write: (tx: Tx) => void, failed: (err: unknown) => void): void {
  let q = queues.get(db);
  if (!q) {
    q = [];
    queues.set(db, q);
  }
  // Two turns of the check phase: a write queued while an update is answered is followed, in the
  // same turn, by that update's handled mark (Dispatcher.markHandledSoon, one setImmediate), which
  // flushes this queue inside its own transaction. Flushing here first would commit twice.
  if (q.push({ write, failed }) === 1) setImmediate(() => setImmediate(() => flushSoon(db)));
}

/**
 * Runs every queued write now, in the transaction `tx` is in (or one of their own). Called by the
 * readers of what is written this way, and by the dispatcher's batch of handled marks.
 */
export function flushSoon(tx: Tx): void {
  const q = queues.get(tx);
  if (!q?.length) return;
  const batch = q.splice(0);
  // Closed by someone who did not use closeDatabase (which flushes first): nothing can be written;
  // throwing here, in a timer, would end the process.
  if (!tx.$client.open) {
    for (const w of batch) w.failed(new Error('the database was closed before this write'));
    return;
  }
  const run = (tx: Tx) => {
    for (const w of batch) {
      // One bad row (a constraint, say) must not take the others with it: SQLite undoes only the
      // failed statement, the transaction goes on.
      try {
        w.write(tx);
      } catch (err) {
        w.failed(err);
      }
    }
  };
  // Inside the caller's transaction as it is (a savepoint would cost two more statements), or in one of their own.
  if (tx.$client.inTransaction) run(tx);
  else inTransaction(tx, run);
}
