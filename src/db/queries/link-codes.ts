import { inTransaction, type Tx } from '../tx.js';
import { statement } from '../statements.js';

// /lienketkenh's one-time codes (hashed) and wrong guesses (usecases/identity.ts holds the rules).

export interface LinkCodeRow {
  id: number;
  personId: number;
  channel: string;
  salt: string;
  hash: string;
  expiresAt: number;
  usedAt: number | null;
  usedByEvent: number | null;
  replacedAt: number | null;
}

/**
 * Stores a person's new code, in one transaction: codes made before `keptSince` and failures
 * before `failuresSince` are deleted, and the person's earlier unused codes stop working.
 */
export function insertLinkCode(
  tx: Tx,
  c: { personId: number; channel: string; salt: string; hash: string; now: number; expiresAt: number; keptSince: number; failuresSince: number },
) {
  inTransaction(tx, (tx) => {
    statement(tx, 'delete from link_codes where created_at < ?').run(c.keptSince);
    statement(tx, 'delete from link_failures where at < ?').run(c.failuresSince);
    statement(tx, 'update link_codes set replaced_at = ? where person_id = ? and used_at is null and replaced_at is null').run(c.now, c.personId);
    // A guess is checked against every code kept (a slow hash each): a person asking again and
    // again keeps only their last two replaced codes, enough to answer "that code was replaced".
    statement(
      tx,
      `delete from link_codes where person_id = ? and replaced_at is not null and id not in
       (select id from link_codes where person_id = ? and replaced_at is not null order by id desc limit 2)`,
    ).run(c.personId, c.personId);
    statement(tx, 'insert into link_codes (person_id, channel, salt, hash, created_at, expires_at) values (?, ?, ?, ?, ?, ?)').run(
      c.personId, c.channel, c.salt, c.hash, c.now, c.expiresAt,
    );
  });
}

/** Codes made since `since`, newest first. */
export function linkCodesSince(tx: Tx, since: number): LinkCodeRow[] {
  return statement(
    tx,
    `select id, person_id personId, channel, salt, hash, expires_at expiresAt, used_at usedAt, used_by_event usedByEvent, replaced_at replacedAt
     from link_codes where created_at >= ? order by id desc`,
  ).all(since) as LinkCodeRow[];
}

/** Uses a code up for an event; false when it was used already. */
export function useLinkCode(tx: Tx, id: number, eventId: number, now: number): boolean {
  return !!statement(tx, 'update link_codes set used_at = ?, used_by_event = ? where id = ? and used_at is null returning id').get(now, eventId, id);
}

export function recordLinkFailure(tx: Tx, personId: number, at: number) {
  statement(tx, 'insert into link_failures (person_id, at) values (?, ?)').run(personId, at);
}

/** A person's wrong codes after `since`, oldest first. */
export function linkFailuresSince(tx: Tx, personId: number, since: number): Array<{ at: number }> {
  return statement(tx, 'select at from link_failures where person_id = ? and at > ? order by at').all(personId, since) as Array<{ at: number }>;
}
