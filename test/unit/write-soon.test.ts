// What a sent message is about is written at the end of the turn, in one commit with the handled
// marks (db/write-soon.ts). The delay must be invisible: every reader of bot_messages sees a row
// queued a moment ago, a bad row does not take the others with it, and a turn later it is on disk
// for any other connection.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { rememberMessageAbout } from '../../src/core/progress-reports.js';
import { openDatabase, type Db } from '../../src/db/open.js';
import { botMessage, consumeBotMessage, undoOfferNotes } from '../../src/db/queries/progress-reports.js';
import { linkPersons, touchPerson } from '../../src/db/queries/users.js';
import { commitHandled, recordEvent } from '../../src/db/queries/inbox.js';
import { inTransaction } from '../../src/db/tx.js';
import { commitQueued, flushSoon, writeSoon } from '../../src/db/write-soon.js';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.$client.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function fresh(): { db: Db; path: string } {
  const d = mkdtempSync(join(tmpdir(), 'kh457-soon-'));
  dirs.push(d);
  const path = join(d, 's.db');
  const db = openDatabase(path);
  dbs.push(db);
  return { db, path };
}
const warnings: unknown[] = [];
const log = { warn: (o: unknown) => void warnings.push(o) };
const onDisk = (path: string, sql: string) => {
  const other = new Database(path, { readonly: true });
  try {
    return other.prepare(sql).all();
  } finally {
    other.close();
  }
};
/** Past the end-of-turn timer (a few milliseconds). */
const later = () => new Promise<void>((r) => setTimeout(r, 30));

describe('writes at the end of the turn', () => {
  it('are seen at once by every reader of bot_messages, and are on disk for others a moment later', async () => {
    const { db, path } = fresh();
    rememberMessageAbout(db, { chatId: 7, messageId: 1 }, { kind: 'task', taskCode: 'II.3' }, 1000, log);
    rememberMessageAbout(db, { chatId: 7, messageId: 2 }, { kind: 'undo', taskCode: 'II.3', forUserId: 42, note: '5' }, 1000, log);
    rememberMessageAbout(db, { chatId: 7, messageId: 3 }, { kind: 'prompt', taskCode: 'I.1' }, 1000, log);
    // Not committed yet: another connection does not see them …
    expect(onDisk(path, 'select * from bot_messages')).toHaveLength(0);
    // … but every reader here does, without waiting.
    expect(botMessage(db, 7, 1)).toMatchObject({ kind: 'task', taskCode: 'II.3' });
    expect(onDisk(path, 'select message_id from bot_messages order by message_id')).toEqual([{ message_id: 1 }, { message_id: 2 }, { message_id: 3 }]);
    rememberMessageAbout(db, { chatId: 7, messageId: 4 }, { kind: 'undo', taskCode: 'I.1', forUserId: 42, note: '9' }, 2000, log);
    expect(undoOfferNotes(db, 42, 1500)).toEqual(['9']);
    rememberMessageAbout(db, { chatId: 7, messageId: 5 }, { kind: 'prompt', taskCode: 'I.2' }, 2000, log);
    expect(consumeBotMessage(db, 7, 5, 'prompt')).toBe(true);
    // Queued and never read: on disk a moment later all the same.
    rememberMessageAbout(db, { chatId: 8, messageId: 1 }, { kind: 'task', taskCode: 'V.1' }, 3000, log);
    await later();
    expect(onDisk(path, 'select task_code from bot_messages where chat_id = 8')).toEqual([{ task_code: 'V.1' }]);
    expect(warnings).toEqual([]);
  });

  it('a write that fails is reported to its caller; the others queued with it commit', () => {
    const { db, path } = fresh();
    const failed: unknown[] = [];
    writeSoon(db, (tx) => tx.$client.prepare("insert into meta (key, value) values ('a', '1')").run(), (e) => failed.push(e));
    writeSoon(db, (tx) => tx.$client.prepare('insert into no_such_table values (1)').run(), (e) => failed.push(e));
    writeSoon(db, (tx) => tx.$client.prepare("insert into meta (key, value) values ('b', '2')").run(), (e) => failed.push(e));
    flushSoon(db);
    expect(failed).toHaveLength(1);
    expect(onDisk(path, "select key from meta where key in ('a', 'b') order by key")).toEqual([{ key: 'a' }, { key: 'b' }]);
  });

  it('commit with the handled mark of their event, or not at all: the mark is never on disk without them', () => {
    const { db, path } = fresh();
    const ev = recordEvent(db, 'zalo', 'm-1', { text: '/capnhat III.1.3 đang 40%' }, 1000).eventId;
    rememberMessageAbout(db, { chatId: 5, messageId: 1 }, { kind: 'prompt', taskCode: 'III.1.3' }, 1000, log);
    commitHandled(db, [ev], 1001);
    expect(onDisk(path, 'select handled_at h from inbox where update_id = ' + ev)).toEqual([{ h: 1001 }]);
    expect(onDisk(path, 'select task_code t from bot_messages where chat_id = 5')).toEqual([{ t: 'III.1.3' }]);
    // The mark's transaction fails: neither is written, and the caller hears of it.
    const ev2 = recordEvent(db, 'zalo', 'm-2', { text: 'x' }, 2000).eventId;
    rememberMessageAbout(db, { chatId: 5, messageId: 2 }, { kind: 'prompt', taskCode: 'V.4' }, 2000, log);
    expect(() => commitQueued(db, () => { throw new Error('the mark failed'); })).toThrow('the mark failed');
    expect(onDisk(path, 'select handled_at h from inbox where update_id = ' + ev2)).toEqual([{ h: null }]);
    expect(onDisk(path, 'select 1 from bot_messages where chat_id = 5 and message_id = 2')).toEqual([]);
    expect(warnings).toHaveLength(1); // the queued row was told
    warnings.length = 0;
  });

  it('a reader inside a transaction that is rolled back sees them, and they are committed later all the same', async () => {
    const { db, path } = fresh();
    rememberMessageAbout(db, { chatId: 6, messageId: 1 }, { kind: 'task', taskCode: 'II.3' }, 1000, log);
    expect(() =>
      inTransaction(db, (tx) => {
        expect(botMessage(tx, 6, 1)?.taskCode).toBe('II.3');
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    await later();
    expect(onDisk(path, 'select task_code t from bot_messages where chat_id = 6')).toEqual([{ t: 'II.3' }]);
  });

  it('a full disk at the end of the turn is told to each write and does not end the process', async () => {
    const { db, path } = fresh();
    const pages = db.$client.pragma('page_count', { simple: true }) as number;
    db.$client.pragma(`max_page_count = ${pages}`);
    const failed: unknown[] = [];
    const big = 'x'.repeat(200_000);
    writeSoon(db, (tx) => tx.$client.prepare("insert into meta (key, value) values ('big', ?)").run(big), (e) => failed.push(e));
    writeSoon(db, (tx) => tx.$client.prepare("insert into meta (key, value) values ('small', '1')").run(), (e) => failed.push(e));
    await later(); // an exception thrown in the timer would fail this test as an unhandled error
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(String(failed[0])).toMatch(/full/i);
    expect(onDisk(path, "select key from meta where key = 'big'")).toEqual([]);
    // Room again: the bot writes as before.
    db.$client.pragma('max_page_count = 1073741823');
    rememberMessageAbout(db, { chatId: 7, messageId: 1 }, { kind: 'task', taskCode: 'I.1' }, 3000, log);
    await later();
    expect(onDisk(path, 'select task_code t from bot_messages where chat_id = 7')).toEqual([{ t: 'I.1' }]);
  });

  it('rows still queued move with the person who joins another', () => {
    const { db } = fresh();
    const tg = touchPerson(db, 'telegram', '900001', { firstName: 'Thảo' }, 1).id;
    const zalo = touchPerson(db, 'zalo', 'z-thao', { firstName: 'Thảo' }, 2).id;
    rememberMessageAbout(db, { chatId: 9, messageId: 1 }, { kind: 'undo', taskCode: 'II.3', forUserId: zalo, note: '3' }, 1000, log);
    const r = linkPersons(db, zalo, tg);
    expect(r.kind).toBe('linked');
    const keep = r.kind === 'linked' ? r.personId : 0;
    expect(botMessage(db, 9, 1)?.forUserId).toBe(keep);
  });
});
