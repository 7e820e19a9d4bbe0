// Groups linked, before /lienket mapped old names to today's agency, to a body the 2025
// reorganisation renamed or merged are bound to that agency when the bot starts (attack review:
// reports typed there were filed under a name that no longer reports). Split bodies are left for
// the coordinator, who is asked which successor.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/open.js';

const dir = mkdtempSync(join(tmpdir(), 'kh457-successors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('groups bound to a renamed or merged body', () => {
  it('are bound to today’s agency at the next start; a split body’s group is left as it was', () => {
    const path = join(dir, 'kh457.db');
    const first = openDatabase(path);
    const insert = first.$client.prepare("insert into chats (id, type, title, agency_code, updated_at, channel, external_id) values (?, 'supergroup', ?, ?, 0, 'telegram', ?)");
    insert.run(-1001, 'Cục Thống kê', 'CTK', '-1001');
    insert.run(-1002, 'Sở NN&PTNT', 'SNNPTNT', '-1002');
    insert.run(-1003, 'Sở LĐ-TB&XH', 'SLDTBXH', '-1003');
    insert.run(-1004, 'Sở Y tế', 'SYT', '-1004');
    closeDatabase(first);
    const again = openDatabase(path);
    const bound = Object.fromEntries((again.$client.prepare('select id, agency_code a from chats order by id desc').all() as Array<{ id: number; a: string }>).map((r) => [r.id, r.a]));
    closeDatabase(again);
    expect(bound).toEqual({ '-1001': 'TKT', '-1002': 'SNNMT', '-1003': 'SLDTBXH', '-1004': 'SYT' });
  });
});
