// Roles follow the person: a coordinator is a person any of whose identities the configuration
// names (Telegram ids, Zalo ids, console ids); "the coordinators" are persons, each once, written
// to on the channel they wrote from last. Linking moves every row that names a person.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { coordinatorPersons, isCoordinator } from '../../src/core/roles.js';
import { personOf } from '../../src/core/identity.js';
import { openDatabase, type Db } from '../../src/db/open.js';
import { chatAddress, privateChatOf } from '../../src/db/queries/chats.js';
import { canWritePrivately, linkPersons, markPrivateChatOpen, PERSON_COLUMNS, touchPerson } from '../../src/db/queries/users.js';
import { schema } from '../../src/db/schema.js';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.$client.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function fresh(): Db {
  const d = mkdtempSync(join(tmpdir(), 'kh457-roles-'));
  dirs.push(d);
  const db = openDatabase(join(d, 'r.db'));
  dbs.push(db);
  return db;
}

const config = (c: Partial<Pick<Config, 'coordinatorIds' | 'consoleCoordinatorIds'>> & { zalo?: string[] } = {}) => ({
  coordinatorIds: c.coordinatorIds ?? [],
  consoleCoordinatorIds: c.consoleCoordinatorIds,
  zalo: c.zalo ? ({ coordinatorIds: c.zalo } as Config['zalo']) : undefined,
});

describe('isCoordinator', () => {
  it('names people by their id on each channel; someone else with the same digits elsewhere is not one', () => {
    const db = fresh();
    const cfg = config({ coordinatorIds: [900001], zalo: ['z-thao'], consoleCoordinatorIds: ['lan'] });
    const tg = touchPerson(db, 'telegram', '900001', { firstName: 'Thảo' }, 1).id;
    const zalo = touchPerson(db, 'zalo', 'z-thao', { firstName: 'Thảo Z' }, 1).id;
    const lan = touchPerson(db, 'console', 'lan', { firstName: 'Lan' }, 1).id;
    const sameDigits = touchPerson(db, 'zalo', '900001', { firstName: 'Khác' }, 1).id;
    const officer = touchPerson(db, 'telegram', '900101', { firstName: 'Minh' }, 1).id;
    expect([tg, zalo, lan].map((id) => isCoordinator(db, cfg, id))).toEqual([true, true, true]);
    expect(isCoordinator(db, cfg, sameDigits)).toBe(false);
    expect(isCoordinator(db, cfg, officer)).toBe(false);
    // A Telegram coordinator never seen yet is named by their Telegram id, their id to be.
    expect(isCoordinator(db, config({ coordinatorIds: [900002] }), 900002)).toBe(true);
    expect(isCoordinator(db, config(), tg)).toBe(false);
  });

  it('follows the person once linked, from either side; personOf says so on every channel', () => {
    const db = fresh();
    const cfg = config({ zalo: ['z-thao'] });
    const tg = touchPerson(db, 'telegram', '900001', { firstName: 'Thảo' }, 1).id;
    const zalo = touchPerson(db, 'zalo', 'z-thao', { firstName: 'Thảo' }, 2).id;
    expect(personOf(db, cfg, 'telegram', '900001', { firstName: 'Thảo' }, 3)).toMatchObject({ id: tg, isCoordinator: false });
    expect(linkPersons(db, zalo, tg)).toEqual({ kind: 'linked', personId: tg, joined: zalo });
    expect(personOf(db, cfg, 'telegram', '900001', { firstName: 'Thảo' }, 4)).toEqual({ id: tg, locale: null, isCoordinator: true });
    expect(personOf(db, cfg, 'zalo', 'z-thao', { firstName: 'Thảo' }, 4)).toEqual({ id: tg, locale: null, isCoordinator: true });
    expect(linkPersons(db, tg, zalo)).toEqual({ kind: 'already' });
  });
});

describe('the coordinators, as persons', () => {
  it('each once, linked identities included; a Zalo coordinator who never wrote is left out (Zalo: users write first)', () => {
    const db = fresh();
    const cfg = config({ coordinatorIds: [900001, 900002], zalo: ['z-thao', 'z-never'] });
    const tg = touchPerson(db, 'telegram', '900001', { firstName: 'Thảo' }, 1).id;
    const zalo = touchPerson(db, 'zalo', 'z-thao', { firstName: 'Thảo' }, 2).id;
    expect(coordinatorPersons(db, cfg)).toEqual([tg, 900002, zalo]);
    linkPersons(db, tg, zalo);
    expect(coordinatorPersons(db, cfg)).toEqual([tg, 900002]);
  });

  it('are written to where their private chat is open, on the channel they wrote from last', () => {
    const db = fresh();
    const hour = 3_600_000;
    const tg = touchPerson(db, 'telegram', '900001', { firstName: 'Thảo' }, 1).id;
    touchPerson(db, 'console', 'thao', { firstName: 'Thảo' }, 2);
    linkPersons(db, tg, touchPerson(db, 'console', 'thao', { firstName: 'Thảo' }, 2).id);
    // Neither open: the one seen last (the console), where nothing will be delivered until opened.
    expect(canWritePrivately(db, tg)).toBe(false);
    // Telegram opened (/start there): Telegram, though the console was seen later.
    markPrivateChatOpen(db, tg, true, 'telegram');
    expect(chatAddress(db, privateChatOf(db, tg))).toEqual({ channel: 'telegram', externalId: '900001' });
    // Both open: the channel written from last wins.
    markPrivateChatOpen(db, tg, true, 'console');
    touchPerson(db, 'console', 'thao', { firstName: 'Thảo' }, 2 + hour);
    expect(chatAddress(db, privateChatOf(db, tg))).toEqual({ channel: 'console', externalId: 'thao' });
    touchPerson(db, 'telegram', '900001', { firstName: 'Thảo' }, 3 + 2 * hour);
    expect(chatAddress(db, privateChatOf(db, tg))).toEqual({ channel: 'telegram', externalId: '900001' });
    expect(canWritePrivately(db, tg)).toBe(true);
  });
});

describe('linking persons', () => {
  it('PERSON_COLUMNS names every column of the schema that holds a person id', () => {
    // Columns named like a person (…user_id, …_by, actor_id, person_id) that are not one.
    const notPersons = new Set(['updates.withdrawn_by_update_id', 'users.person_id']);
    const looksLikePerson = /(^|_)(user_id|by|actor_id|person_id)$/;
    const found: string[] = [];
    for (const table of Object.values(schema)) {
      const { name, columns } = getTableConfig(table as SQLiteTable);
      for (const c of columns) if (looksLikePerson.test(c.name) && !notPersons.has(`${name}.${c.name}`)) found.push(`${name}.${c.name}`);
    }
    expect(PERSON_COLUMNS.map(([t, c]) => `${t}.${c}`).sort()).toEqual(found.sort());
  });

  it('moves every row of the joining person to the one kept; refuses two identities on one channel', () => {
    const db = fresh();
    const a = touchPerson(db, 'telegram', '1', { firstName: 'A' }, 1).id;
    const b = touchPerson(db, 'console', 'b', { firstName: 'B' }, 2).id;
    const c = touchPerson(db, 'telegram', '3', { firstName: 'C' }, 3).id;
    db.$client.prepare("insert into officers (user_id, agency_code, status, requested_at, decided_by) values (?, 'SYT', 'approved', 0, ?)").run(b, b);
    db.$client.prepare("insert into deadlines (task_code, year, due_date, set_by, set_at) values ('I.1', 2026, '2026-12-10', ?, 0)").run(b);
    expect(linkPersons(db, b, a)).toMatchObject({ kind: 'linked', personId: a });
    expect(db.$client.prepare('select user_id u, decided_by d from officers').all()).toEqual([{ u: a, d: a }]);
    expect(db.$client.prepare('select set_by s from deadlines').all()).toEqual([{ s: a }]);
    // C is on Telegram, and so is A: refused, nothing changed.
    expect(linkPersons(db, c, b)).toEqual({ kind: 'same_channel', channel: 'telegram' });
    expect(db.$client.prepare('select id, person_id p from users order by id').all()).toEqual([{ id: 1, p: null }, { id: 3, p: null }, { id: b, p: a }]);
  });
});
