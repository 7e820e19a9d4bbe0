// /task keeps a task's card under the plan data revision (core/plan-memo.ts): asked again with
// nothing changed, it computes nothing; after a report, its withdrawal, a deadline, a new day, a
// name changed, or in another language, the officer sees the change at once. Driven through the console channel, as a person
// types it, on a real database file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleApp, type ConsoleApp } from '../../src/app.js';
import type { Printed } from '../../src/channels/console/channel.js';
import { consolePerson } from '../../src/channels/console/identities.js';
import { createRequest, decide } from '../../src/db/queries/officers.js';
import { planRevision } from '../../src/db/queries/revisions.js';
import { createLogger } from '../../src/logger.js';
import { testConfig } from '../support/config.js';
import { vn } from '../support/seed.js';

const TASK = 'III.1.3'; // led by Sở Y tế (SYT) alone
let clock = vn(2026, 8, 14, 10);
let app: ConsoleApp;
let dir: string;
let file: string;
const printed: Printed[] = [];

async function type(person: string, line: string): Promise<string> {
  const from = printed.length;
  await app.console.line(person, person, line);
  await app.outbox.drained();
  return printed.slice(from).map((p) => p.text).join('\n---\n');
}
/** The answer's part under "Tình hình năm 2026": each agency's line, or that none reported. */
const standing = (text: string) => text.slice(text.indexOf('Tình hình năm 2026'));
const NONE = 'Chưa có cơ quan nào cập nhật.';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kh457-task-memo-'));
  file = testConfig(dir).databasePath;
  app = await startConsoleApp(testConfig(dir), createLogger('silent'), {
    schedule: false,
    outboxBackoffMs: 20,
    now: () => clock,
    console: { coordinators: ['thao'], people: { thao: { firstName: 'Thảo' }, minh: { firstName: 'Minh' } }, filesDir: join(dir, 'files'), print: (p) => printed.push(p) },
  });
  const thao = consolePerson(app.db, 'thao', { firstName: 'Thảo' }, clock).id;
  const minh = consolePerson(app.db, 'minh', { firstName: 'Minh' }, clock).id;
  decide(app.db, createRequest(app.db, minh, 'SYT', minh, clock).id, 'approved', thao, clock);
});

afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('/task while the plan data is unchanged, and after it changed', () => {
  it('answers the same twice with nothing changed, and the bot answering moves no revision', async () => {
    const revision = planRevision(app.db);
    const first = await type('minh', `/task ${TASK}`);
    expect(standing(first)).toContain(NONE);
    expect(await type('minh', `/task ${TASK}`)).toBe(first);
    expect(planRevision(app.db)).toBe(revision);
  });

  it('shows a report at once, then its withdrawal', async () => {
    await type('minh', `/capnhat ${TASK} đang thực hiện 40% Đã trình dự thảo`);
    expect(standing(await type('minh', `/task ${TASK}`))).toMatch(/Sở Y tế: .*40\s?%/);
    await type('minh', '/huy');
    const menu = printed.at(-1)!;
    // /huy offers the report to withdraw (numbered); the first one is it.
    if (menu.choices.length) await type('minh', '1');
    expect(standing(await type('minh', `/task ${TASK}`))).toContain(NONE);
  });

  it('shows a name changed by another connection (the names revision, migration 0013)', async () => {
    await type('minh', `/capnhat ${TASK} đang thực hiện 20% Bắt đầu`);
    expect(standing(await type('thao', `/task ${TASK}`))).toMatch(/Sở Y tế: .*· Minh\n/);
    const other = new Database(file);
    other.prepare("update users set last_name = 'Trần Văn' where channel = 'console' and external_id = 'minh'").run();
    other.close();
    expect(standing(await type('thao', `/task ${TASK}`))).toMatch(/Sở Y tế: .*· Minh Trần Văn\n/);
  });

  it('shows a deadline the coordinator sets, and the task falling overdue the next day with no write', async () => {
    await type('thao', `/hanchot ${TASK} 14/08/2026`);
    const onTheDay = await type('minh', `/task ${TASK}`);
    expect(onTheDay).toContain('14/08/2026');
    expect(onTheDay).not.toMatch(/quá hạn/i);
    const revision = planRevision(app.db);
    clock = vn(2026, 8, 15, 9);
    const dayAfter = await type('minh', `/task ${TASK}`);
    expect(planRevision(app.db)).toBe(revision);
    expect(dayAfter).toContain('Hạn: 14/08/2026 (do Sở KH&CN đặt).\n⏰ Quá hạn');
  });

  it('answers in the language of the one asking, right after the same card or view in the other', async () => {
    const vi = await type('thao', `/task ${TASK}`);
    expect(vi).toContain('Tình hình năm 2026');
    await type('minh', '/lang en');
    const en = await type('minh', `/task ${TASK}`);
    expect(en).not.toContain('Tình hình năm 2026');
    expect(en).toMatch(/2026/);
    expect(await type('thao', `/task ${TASK}`)).toBe(vi);
    // /tinhhinh keeps each view's text the same way: the agency's view asked by the coordinator in
    // Vietnamese, then by the agency's officer in English.
    const agencyVi = await type('thao', '/tinhhinh Sở Y tế');
    expect(agencyVi).toContain('Tình hình');
    const agencyEn = await type('minh', '/tinhhinh');
    expect(agencyEn).not.toContain('Tình hình');
    expect(agencyEn).toContain('Sở Y tế');
    await type('minh', '/lang vi');
    expect(await type('minh', '/tinhhinh')).toBe(agencyVi);
  });
});
