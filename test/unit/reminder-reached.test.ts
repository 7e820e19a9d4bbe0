// Whether a reminder reached anyone is read from the outbox rows the reminder job wrote for it
// (db/queries/reminders.ts): the escalation names an agency "not reporting after being reminded"
// only when one was delivered, and names apart those no reminder reached — refused for good, or
// still being retried when the escalation comes (attack review: a send retried for ever).
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/open.js';
import { reminderReached } from '../../src/db/queries/reminders.js';

const db = openDatabase(':memory:');
afterAll(() => closeDatabase(db));
const row = db.$client.prepare(
  "insert into outbox (dedupe_key, chat_id, kind, method, payload, status, not_before, created_at) values (?, ?, 'reminder', 'text', '{}', ?, 0, 0)",
);

describe('reminderReached', () => {
  it('is true when one of the reminder’s messages was sent, its continuation parts included', () => {
    row.run('reminder:SYT:2026-11-25:-100', -100, 'dead');
    row.run('reminder:SYT:2026-11-25:-200', -200, 'pending');
    row.run('reminder:SYT:2026-11-25:-300:1', -300, 'sent');
    expect(reminderReached(db, 'SYT', '2026-11-25')).toBe(true);
  });

  it('is false when every message was refused, or is still being tried', () => {
    row.run('reminder:SCT:2026-11-25:-400', -400, 'dead');
    row.run('reminder:SCT:2026-11-25:-500', -500, 'pending');
    expect(reminderReached(db, 'SCT', '2026-11-25')).toBe(false);
  });

  it('reads only that agency’s messages of that day', () => {
    row.run('reminder:SCT2:2026-11-26:-600', -600, 'sent');
    row.run('reminder:SCT:2026-11-26:-400', -400, 'sent');
    expect(reminderReached(db, 'SCT', '2026-11-25')).toBe(false);
  });

  it('counts a reminder with no message on record (recorded before messages were kept with it) as reached', () => {
    expect(reminderReached(db, 'CAT', '2026-11-25')).toBe(true);
  });
});
