// Migration 0011: outbox rows stored with Telegram's method names (before the channels) keep
// their meaning in the channel-neutral words every transport reads.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, expect, it } from 'vitest';
import { MIGRATIONS_DIR, openDatabase, type Db } from '../../src/db/open.js';
import { schema } from '../../src/db/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'kh457-forms-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('renames stored sendMessage, sendDocument and sendPhoto rows to text, document and photo', () => {
  const folder = join(dir, 'migrations');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
  const before = journal.entries.filter((e) => e.tag < '0011');
  for (const e of before) cpSync(join(MIGRATIONS_DIR, `${e.tag}.sql`), join(folder, `${e.tag}.sql`));
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: before }));
  const path = join(dir, 'kh457.db');
  const sqlite = new Database(path);
  migrate(drizzle(sqlite, { schema }) as Db, { migrationsFolder: folder });
  const insert = sqlite.prepare("insert into outbox (dedupe_key, chat_id, kind, method, payload, not_before, created_at) values (?, 1, 'notice', ?, '{}', 0, 0)");
  for (const [key, method] of [['a', 'sendMessage'], ['b', 'sendDocument'], ['c', 'sendPhoto']]) insert.run(key, method);
  sqlite.close();
  const db = openDatabase(path);
  expect(db.$client.prepare('select dedupe_key k, method m from outbox order by k').all()).toEqual([
    { k: 'a', m: 'text' },
    { k: 'b', m: 'document' },
    { k: 'c', m: 'photo' },
  ]);
  db.$client.close();
});
