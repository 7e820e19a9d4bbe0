// People, chats and inbox events keyed by (channel, external id): the migration that introduced
// them keeps every existing row's id and meaning; a console person with a Telegram person's digits
// is someone else; the inbox dedupes per (channel, event key).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, openDatabase, type Db } from '../../src/db/open.js';
import { chatAddress, chatId, getChat, migrateChat, privateChatOf, upsertChat } from '../../src/db/queries/chats.js';
import { isHandled, markHandled, pendingEvents, pendingUpdates, recordEvent, storeUpdates } from '../../src/db/queries/inbox.js';
import { FIRST_LOCAL_ID, getUser, knownPersonId, personId, touchUser, upsertUser } from '../../src/db/queries/users.js';
import { applyOnce } from '../../src/db/queries/progress-reports.js';
import { schema } from '../../src/db/schema.js';
import { seedPlan } from '../../src/db/seed.js';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.$client.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kh457-ids-'));
  dirs.push(d);
  return d;
};
const open = (path: string) => {
  const db = openDatabase(path);
  dbs.push(db);
  return db;
};
const rows = (db: Db, q: string, ...a: unknown[]) => db.$client.prepare(q).all(...a) as Array<Record<string, unknown>>;

/** A database as the last release left it: migrations up to 0006 only, the plan seeded. */
function databaseAtPreviousSchema(path: string) {
  const folder = join(tempDir(), 'migrations');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
  const before = journal.entries.filter((e) => e.tag < '0007');
  for (const e of before) cpSync(join(MIGRATIONS_DIR, `${e.tag}.sql`), join(folder, `${e.tag}.sql`));
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: before }));
  const sqlite = new Database(path);
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, { schema }) as Db;
  migrate(db, { migrationsFolder: folder });
  seedPlan(db);
  return sqlite;
}

describe('migration to (channel, external id)', () => {
  it('keeps every person, chat, officer, report and inbox event with its id and meaning', () => {
    const path = join(tempDir(), 'old.db');
    const old = databaseAtPreviousSchema(path);
    const task = (old.prepare('select code from tasks order by code limit 1').get() as { code: string }).code;
    const t = 1_760_000_000_000;
    old.prepare("insert into users (id, first_name, last_name, username, locale, private_chat_open, created_at, updated_at) values (900101, 'Minh', 'Trần', 'minh_syt', 'en', 1, ?, ?)").run(t, t);
    old.prepare("insert into users (id, first_name, created_at, updated_at) values (900001, 'Thảo', ?, ?)").run(t, t);
    old.prepare("insert into chats (id, type, title, agency_code, updated_at) values (-1001234567890, 'supergroup', 'Sở Y tế', 'SYT', ?)").run(t);
    old.prepare("insert into chats (id, type, is_coordination, is_digest, updated_at) values (-1009999, 'supergroup', 1, 1, ?)").run(t);
    old.prepare("insert into officers (user_id, agency_code, status, requested_at, decided_at, decided_by) values (900101, 'SYT', 'approved', ?, ?, 900001)").run(t, t);
    old.prepare(
      "insert into updates (task_code, agency_code, year, user_id, chat_id, message_id, telegram_update_id, via, status, percent, note, created_at) values (?, 'SYT', 2026, 900101, -1001234567890, 77, 5001, 'command', 'in_progress', 40, 'Đang làm', ?)",
    ).run(task, t);
    old.prepare("insert into inbox (update_id, payload, received_at, applied_at, handled_at) values (5001, '{\"update_id\":5001}', ?, ?, ?)").run(t, t, t);
    old.prepare("insert into inbox (update_id, payload, received_at) values (5002, '{\"update_id\":5002}', ?)").run(t);
    const before = {
      users: rows(drizzleOf(old), 'select * from users order by id'),
      chats: rows(drizzleOf(old), 'select * from chats order by id'),
      officers: rows(drizzleOf(old), 'select * from officers order by id'),
      updates: rows(drizzleOf(old), 'select * from updates order by id'),
      inbox: rows(drizzleOf(old), 'select * from inbox order by update_id'),
    };
    old.close();

    const db = open(path);
    // Every old column keeps its value; the new ones say Telegram and the id as text.
    const withIds = (r: Record<string, unknown>[], key = 'id') => r.map((x) => ({ ...x, channel: 'telegram', external_id: String(x[key]) }));
    // …and every person stays a person of their own (person_id: migration 0010, linking channels).
    expect(rows(db, 'select * from users order by id')).toEqual(withIds(before.users).map((u) => ({ ...u, person_id: null })));
    expect(rows(db, 'select * from chats order by id')).toEqual(withIds(before.chats));
    expect(rows(db, 'select * from officers order by id')).toEqual(before.officers);
    expect(rows(db, 'select * from updates order by id')).toEqual(before.updates);
    expect(rows(db, 'select * from inbox order by update_id').map(({ event_key, channel, ...r }) => ({ ...r, event_key, channel })))
      .toEqual(before.inbox.map((r) => ({ ...r, event_key: String(r.update_id), channel: 'telegram' })));

    // …and the same meaning: the Telegram user 900101 is still the person of the officer row and the report.
    const minh = touchUser(db, { id: 900101, first_name: 'Minh', last_name: 'Trần', username: 'minh_syt' }, t + 1);
    expect(minh).toEqual({ id: 900101, locale: 'en' });
    expect(rows(db, "select o.status, u.username from officers o join users u on u.id = o.user_id where u.channel = 'telegram' and u.external_id = '900101'"))
      .toEqual([{ status: 'approved', username: 'minh_syt' }]);
    expect(rows(db, 'select u.first_name from updates p join users u on u.id = p.user_id where p.telegram_update_id = 5001')).toEqual([{ first_name: 'Minh' }]);
    expect(chatId(db, 'telegram', '-1001234567890', { type: 'supergroup' }, t)).toBe(-1001234567890);
    expect(getChat(db, -1001234567890)?.agencyCode).toBe('SYT');
    expect(privateChatOf(db, 900101)).toBe(900101);
    // The inbox: the handled update stays handled and is a redelivery; the pending one is replayed.
    expect(recordEvent(db, 'telegram', '5001', { update_id: 5001 })).toEqual({ eventId: 5001, fresh: false });
    expect(isHandled(db, 5001)).toBe(true);
    expect(pendingUpdates(db)).toEqual([{ update_id: 5002 }]);
    // Exactly-once marks made before the migration still hold.
    expect(applyOnce(db, 5001, () => 'again', t).applied).toBe(false);
  });

  it('refuses a row that gives no external id (the placeholder default is never an identity)', () => {
    const db = open(join(tempDir(), 'new.db'));
    expect(() => db.$client.prepare("insert into users (id, first_name, created_at, updated_at) values (5, 'x', 0, 0)").run()).toThrow(/external_id/);
    expect(() => db.$client.prepare("insert into chats (id, type, updated_at) values (5, 'group', 0)").run()).toThrow(/external_id/);
    expect(() => db.$client.prepare("insert into inbox (update_id, payload, received_at) values (5, '{}', 0)").run()).toThrow(/event_key/);
  });
});

function drizzleOf(sqlite: Database.Database): Db {
  return drizzle(sqlite, { schema }) as Db;
}

describe('people and chats per channel', () => {
  it('a console person with the digits of a Telegram person is someone else', () => {
    const db = open(join(tempDir(), 'a.db'));
    const telegram = touchUser(db, { id: 900101, first_name: 'Minh' }, 1).id;
    const console = personId(db, 'console', '900101', { firstName: 'Minh (console)' }, 2);
    expect(telegram).toBe(900101);
    expect(console).not.toBe(900101);
    expect(console).toBeGreaterThanOrEqual(FIRST_LOCAL_ID);
    expect(Number.isSafeInteger(console)).toBe(true);
    expect(getUser(db, telegram)).toMatchObject({ channel: 'telegram', externalId: '900101', firstName: 'Minh' });
    expect(getUser(db, console)).toMatchObject({ channel: 'console', externalId: '900101', firstName: 'Minh (console)' });
    // Seen again: the same ids, names kept current.
    expect(personId(db, 'console', '900101', { firstName: 'Minh C.' }, 3)).toBe(console);
    expect(getUser(db, console)?.firstName).toBe('Minh C.');
    expect(touchUser(db, { id: 900101, first_name: 'Minh' }, 4).id).toBe(telegram);
    expect(knownPersonId(db, 'zalo', '900101')).toBeUndefined();
    // Their private conversations are different chats too.
    expect(privateChatOf(db, telegram)).toBe(900101);
    const consoleChat = privateChatOf(db, console);
    expect(consoleChat).not.toBe(900101);
    expect(chatAddress(db, consoleChat)).toEqual({ channel: 'console', externalId: '900101' });
    expect(chatAddress(db, 900101)).toEqual({ channel: 'telegram', externalId: '900101' });
  });

  it('a Telegram id taken by another channel gets a fresh internal id, and is still found by its Telegram id', () => {
    const db = open(join(tempDir(), 'b.db'));
    // Not something the allocation ever does (other channels count from 2^52); a row put there by hand.
    db.$client.prepare("insert into users (id, channel, external_id, first_name, created_at, updated_at) values (900102, 'zalo', 'z-1', 'Z', 0, 0)").run();
    db.$client.prepare("insert into chats (id, channel, external_id, type, updated_at) values (-4001, 'zalo', 'g-1', 'group', 0)").run();
    const person = touchUser(db, { id: 900102, first_name: 'Lan' }, 1).id;
    expect(person).not.toBe(900102);
    expect(touchUser(db, { id: 900102, first_name: 'Lan' }, 2 + 3_600_000).id).toBe(person);
    const chat = chatId(db, 'telegram', '-4001', { type: 'group', title: 'Nhóm' }, 1);
    expect(chat).not.toBe(-4001);
    expect(chatId(db, 'telegram', '-4001', { type: 'group' }, 2)).toBe(chat);
    expect(chatAddress(db, chat)).toEqual({ channel: 'telegram', externalId: '-4001' });
    expect(chatAddress(db, -4001)).toEqual({ channel: 'zalo', externalId: 'g-1' });
  });

  it('Telegram chats need no row to have an id; upsertChat and migrateChat keep (channel, external id) right', () => {
    const db = open(join(tempDir(), 'c.db'));
    expect(chatId(db, 'telegram', '-100777', { type: 'supergroup' }, 1)).toBe(-100777);
    expect(getChat(db, -100777)).toBeUndefined();
    upsertChat(db, { id: -777, type: 'group', title: 'Nhóm' }, 1, { agencyCode: 'SYT' });
    migrateChat(db, -777, -100777, 2);
    expect(rows(db, 'select id, channel, external_id, type, agency_code, active, migrated_to from chats order by id')).toEqual([
      { id: -100777, channel: 'telegram', external_id: '-100777', type: 'supergroup', agency_code: 'SYT', active: 1, migrated_to: null },
      { id: -777, channel: 'telegram', external_id: '-777', type: 'group', agency_code: 'SYT', active: 0, migrated_to: -100777 },
    ]);
    // upsertUser names people by internal id, as scripts and tests do.
    expect(upsertUser(db, { id: 900200, first_name: 'A' }, 1)).toMatchObject({ id: 900200, channel: 'telegram', externalId: '900200' });
    expect(upsertUser(db, { id: 900200, first_name: 'B' }, 2)).toMatchObject({ id: 900200, firstName: 'B' });
  });
});

describe('inbox per (channel, event key)', () => {
  it('dedupes per channel and key; other channels get negative ids no Telegram update can have', () => {
    const db = open(join(tempDir(), 'd.db'));
    const a = recordEvent(db, 'console', 'thao#1', { line: '/tinhhinh' }, 1);
    expect(a).toEqual({ eventId: -1, fresh: true });
    expect(recordEvent(db, 'console', 'thao#1', { line: '/tinhhinh' }, 2)).toEqual({ eventId: -1, fresh: false });
    // The same key on another channel is another event.
    expect(recordEvent(db, 'zalo', 'thao#1', {}, 3)).toEqual({ eventId: -2, fresh: true });
    expect(recordEvent(db, 'console', 'thao#2', {}, 4)).toEqual({ eventId: -3, fresh: true });
    // A Telegram update keeps its update_id; "1" on the console is not update 1.
    expect(recordEvent(db, 'telegram', '1', { update_id: 1 }, 5)).toEqual({ eventId: 1, fresh: true });
    expect(recordEvent(db, 'console', '1', {}, 6)).toEqual({ eventId: -4, fresh: true });
    expect(storeUpdates(db, [{ update_id: 1 }, { update_id: 2 }], 7)).toEqual([{ update_id: 2 }]);
    expect(() => recordEvent(db, 'telegram', 'abc', {})).toThrow();
    expect(() => recordEvent(db, 'telegram', '-5', {})).toThrow();
    // Replayed oldest first, each channel its own.
    markHandled(db, -3);
    expect(pendingEvents(db, 'console').map((e) => e.eventId)).toEqual([-1, -4]);
    expect(pendingUpdates(db)).toEqual([{ update_id: 1 }, { update_id: 2 }]);
    // Exactly-once writes keyed by the event id hold for a channel without update_id.
    expect(applyOnce(db, a.eventId, () => 1, 8).applied).toBe(true);
    expect(applyOnce(db, recordEvent(db, 'console', 'thao#1', {}, 9).eventId, () => 2, 9).applied).toBe(false);
  });

  it('never numbers an event again, even if old inbox rows were pruned', () => {
    const db = open(join(tempDir(), 'e.db'));
    expect(recordEvent(db, 'console', 'x', {}, 1).eventId).toBe(-1);
    expect(recordEvent(db, 'console', 'y', {}, 1).eventId).toBe(-2);
    db.$client.prepare('delete from inbox').run();
    expect(recordEvent(db, 'console', 'z', {}, 1).eventId).toBe(-3);
  });
});
