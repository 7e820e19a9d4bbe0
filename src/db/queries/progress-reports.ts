import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { nextPercent, type Line } from '../../domain/progress.js';
import type { Status } from '../../domain/status.js';
import { inTransaction, type Tx } from '../tx.js';
import { statement } from '../statements.js';
import { flushSoon } from '../write-soon.js';
import { attachments, botMessages, lineState, reportRevisions, progressReports, users } from '../schema.js';

export interface NewProgressReport {
  taskCode: string;
  agencyCode: string;
  year: number;
  userId: number;
  chatId: number;
  messageId: number | null;
  eventId: number | null;
  via: 'command' | 'button' | 'reply';
  status: Status | null;
  percent: number | null;
  note: string;
  createdAt: number;
  files?: Array<{ kind: 'document' | 'photo'; fileId: string; fileUniqueId: string; fileName?: string | null }>;
}

export type ProgressReportRow = typeof progressReports.$inferSelect;

/**
 * Runs `change` once per event: in one transaction with the mark on the inbox row, so a crash
 * leaves both or neither, and a redelivered or replayed event finds the mark and changes nothing.
 * `change` runs its queries in the transaction it is handed. Returns whether `change` ran.
 */
export function applyOnce<T>(tx: Tx, eventId: number, change: (tx: Tx) => T, now: number): { applied: true; value: T } | { applied: false } {
  return inTransaction(tx, (tx) => {
    const row = statement(tx, 'select applied_at appliedAt from inbox where update_id = ?').get(eventId) as { appliedAt: number | null } | undefined;
    if (row?.appliedAt) return { applied: false as const };
    const value = change(tx);
    // Updates handled outside the poller (tests calling handleUpdate) have no inbox row yet.
    statement(
      tx,
      `insert into inbox (update_id, channel, event_key, payload, received_at, applied_at) values (?, 'telegram', ?, '{}', ?, ?)
       on conflict(update_id) do update set applied_at = excluded.applied_at`,
    ).run(eventId, String(eventId), now, now);
    return { applied: true as const, value };
  });
}

// An update row as drizzle's `select().from(progressReports)` returns it, for the raw statements below.
const UPDATE_COLUMNS = `id, task_code taskCode, agency_code agencyCode, year, user_id userId, chat_id chatId, message_id messageId,
  telegram_update_id eventId, via, status, percent, note, created_at createdAt, edited_at editedAt,
  withdrawn_at withdrawnAt, withdrawn_by_update_id withdrawnByUpdateId`;

export function insertProgressReport(tx: Tx, u: NewProgressReport): ProgressReportRow {
  const { files } = u;
  return inTransaction(tx, (tx) => {
    const saved = statement(
      tx,
      `insert into updates (task_code, agency_code, year, user_id, chat_id, message_id, telegram_update_id, via, status, percent, note, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning ${UPDATE_COLUMNS}`,
    ).get(u.taskCode, u.agencyCode, u.year, u.userId, u.chatId, u.messageId, u.eventId, u.via, u.status, u.percent, u.note, u.createdAt) as ProgressReportRow;
    for (const f of files ?? []) {
      tx.insert(attachments).values({ updateId: saved.id, kind: f.kind, fileId: f.fileId, fileUniqueId: f.fileUniqueId, fileName: f.fileName ?? null }).run();
    }
    appendToLine(tx, saved);
    return saved;
  });
}

/** A new update only moves its line forward: fold it into the stored state instead of re-reading the line. */
function appendToLine(tx: Tx, u: ProgressReportRow) {
  const current = statement(
    tx,
    `select task_code taskCode, agency_code agencyCode, status, percent, last_at lastAt, last_note lastNote, status_at statusAt,
            status_note statusNote, last_user_id lastUserId, update_count updateCount
     from line_state where year = ? and task_code = ? and agency_code = ?`,
  ).get(u.year, u.taskCode, u.agencyCode) as LatestLine | undefined;
  // An update dated before the line's newest (an import, a clock fix) needs the full recompute.
  if (current && u.createdAt < current.lastAt) return refreshLine(tx, u.year, u.taskCode, u.agencyCode);
  const line = foldLine([u], current);
  if (line) writeLine(tx, u.year, line);
}

export function reportByEvent(tx: Tx, eventId: number): ProgressReportRow | undefined {
  return statement(tx, `select ${UPDATE_COLUMNS} from updates where telegram_update_id = ?`).get(eventId) as ProgressReportRow | undefined;
}

export function reportById(tx: Tx, id: number): ProgressReportRow | undefined {
  return tx.select().from(progressReports).where(eq(progressReports.id, id)).get();
}

/** A line's status and figure as they stand (line_state), or undefined when nothing was reported on it. */
export function lineFigure(tx: Tx, year: number, taskCode: string, agencyCode: string): { status: Status | null; percent: number | null } | undefined {
  return statement(tx, 'select status, percent from line_state where year = ? and task_code = ? and agency_code = ?').get(year, taskCode, agencyCode) as
    | { status: Status | null; percent: number | null }
    | undefined;
}

/** The ids of the author's latest reports not withdrawn, newest first. */
export function latestReportIds(tx: Tx, userId: number, limit: number): number[] {
  const rows = statement(tx, `select id from updates where user_id = ? and withdrawn_at is null order by created_at desc, id desc limit ?`).all(userId, limit) as Array<{ id: number }>;
  return rows.map((r) => r.id);
}

/** Every report of the year (of one agency), oldest first, with the columns the yearly report reads: ~100,000 rows at full scale. */
export function yearReportRows<T>(tx: Tx, year: number, agencyCode: string | undefined): T[] {
  return tx.$client
    .prepare(
      `select created_at createdAt, task_code taskCode, agency_code agencyCode, user_id userId, status, percent, note, via,
              edited_at editedAt, withdrawn_at withdrawnAt
       from updates where year = ? ${agencyCode ? 'and agency_code = ?' : ''} order by created_at, id`,
    )
    .all(...(agencyCode ? [year, agencyCode] : [year])) as T[];
}

export function reportByMessage(tx: Tx, chatId: number, messageId: number) {
  return tx.select().from(progressReports).where(and(eq(progressReports.chatId, chatId), eq(progressReports.messageId, messageId))).get();
}

/** Keeps the old version as a revision and puts the edited one in place. */
export function reviseProgressReport(tx: Tx, id: number, next: { status: Status | null; percent: number | null; note: string }, now: number) {
  const old = tx.select().from(progressReports).where(eq(progressReports.id, id)).get();
  if (!old) return undefined;
  return inTransaction(tx, (tx) => {
    tx.insert(reportRevisions).values({ updateId: id, status: old.status, percent: old.percent, note: old.note, replacedAt: now }).run();
    const row = tx.update(progressReports).set({ ...next, editedAt: now }).where(eq(progressReports.id, id)).returning().get();
    refreshLine(tx, old.year, old.taskCode, old.agencyCode);
    return row;
  });
}

export function withdrawProgressReport(tx: Tx, id: number, now: number, byEventId: number) {
  return inTransaction(tx, (tx) => {
    const row = tx
      .update(progressReports)
      .set({ withdrawnAt: now, withdrawnByUpdateId: byEventId })
      .where(and(eq(progressReports.id, id), isNull(progressReports.withdrawnAt)))
      .returning()
      .get();
    if (row) refreshLine(tx, row.year, row.taskCode, row.agencyCode);
    return row;
  });
}

/** One task × agency × year, as the domain sees it. */
export type LatestLine = Line;

interface LineRow {
  year: number;
  taskCode: string;
  agencyCode: string;
  status: Status | null;
  percent: number | null;
  note: string | null;
  createdAt: number;
  userId: number;
}

/**
 * The state of one line from its updates, oldest first: the latest status (from the newest update
 * that set one), when that status began, and the newest activity.
 */
export function foldLine(rows: readonly LineRow[], start?: LatestLine): LatestLine | undefined {
  let line: LatestLine | undefined = start && { ...start };
  for (const r of rows) {
    line ??= {
      taskCode: r.taskCode, agencyCode: r.agencyCode, status: null, percent: null, lastAt: 0, lastNote: null,
      statusAt: null, statusNote: null, lastUserId: r.userId, updateCount: 0,
    };
    if (r.status) {
      if (r.status !== line.status) line.statusAt = r.createdAt;
      line.status = r.status;
      line.percent = nextPercent(line.percent, r.status, r.percent);
      line.statusNote = r.note;
    }
    line.lastAt = r.createdAt;
    line.lastNote = r.note;
    line.lastUserId = r.userId;
    line.updateCount++;
  }
  return line;
}

const lineColumns = {
  year: progressReports.year,
  taskCode: progressReports.taskCode,
  agencyCode: progressReports.agencyCode,
  status: progressReports.status,
  percent: progressReports.percent,
  note: progressReports.note,
  createdAt: progressReports.createdAt,
  userId: progressReports.userId,
};

function writeLine(tx: Tx, year: number, l: LatestLine) {
  statement(
    tx,
    `insert into line_state (year, task_code, agency_code, status, percent, status_at, status_note, last_at, last_note, last_user_id, update_count)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict(year, task_code, agency_code) do update set status = excluded.status, percent = excluded.percent,
       status_at = excluded.status_at, status_note = excluded.status_note, last_at = excluded.last_at, last_note = excluded.last_note,
       last_user_id = excluded.last_user_id, update_count = excluded.update_count`,
  ).run(year, l.taskCode, l.agencyCode, l.status, l.percent, l.statusAt, l.statusNote, l.lastAt, l.lastNote, l.lastUserId, l.updateCount);
}

/** Recomputes one line after an update was added, edited or withdrawn; call inside that transaction. */
export function refreshLine(tx: Tx, year: number, taskCode: string, agencyCode: string) {
  const rows = tx
    .select(lineColumns)
    .from(progressReports)
    .where(and(eq(progressReports.year, year), eq(progressReports.taskCode, taskCode), eq(progressReports.agencyCode, agencyCode), isNull(progressReports.withdrawnAt)))
    .orderBy(progressReports.createdAt, progressReports.id)
    .all();
  const line = foldLine(rows);
  if (line) writeLine(tx, year, line);
  else tx.delete(lineState).where(and(eq(lineState.year, year), eq(lineState.taskCode, taskCode), eq(lineState.agencyCode, agencyCode))).run();
}

/** Rebuilds every line from the updates (after an upgrade, or a bulk import). */
export function rebuildLineStates(tx: Tx) {
  inTransaction(tx, (tx) => {
    tx.delete(lineState).run();
    const stmt = tx.$client.prepare(
      `select year, task_code taskCode, agency_code agencyCode, status, percent, note, created_at createdAt, user_id userId
       from updates where withdrawn_at is null order by year, task_code, agency_code, created_at, id`,
    );
    // Fold while reading (one line's rows at a time), write after: a connection cannot write mid-iteration.
    const lines: Array<[number, LatestLine]> = [];
    let group: LineRow[] = [];
    const flush = () => {
      const line = foldLine(group);
      if (line) lines.push([group[0]!.year, line]);
      group = [];
    };
    for (const r of stmt.iterate() as Iterable<LineRow>) {
      const head = group[0];
      if (head && (head.year !== r.year || head.taskCode !== r.taskCode || head.agencyCode !== r.agencyCode)) flush();
      group.push(r);
    }
    flush();
    for (const [year, line] of lines) writeLine(tx, year, line);
  });
}

/** Which lines' notes to load: all of them (reports), or only blocked lines plus one task's or one agency's. */
export type NotesFor = 'all' | { taskCode?: string; agencyCode?: string };

/**
 * Per task and agency for a year, from the maintained line states. Raw statements, and reading
 * every line's notes is a good part of the cost: a caller that shows none asks for none (/task, the
 * reminders). The year's summary reads them all, and only once per task per change of its lines
 * (core/status.ts). A filter is applied in SQL on the (year, task, agency) index: one task's view
 * reads that task's lines, not the year's 1,860.
 */
export function latestLines(
  tx: Tx,
  year: number,
  filter: { taskCodes?: string[]; agencyCodes?: string[] } = {},
  notes: NotesFor = 'all',
): LatestLine[] {
  const byTask = !!filter.taskCodes;
  const byAgency = !!filter.agencyCodes;
  // Notes only where asked: all of them, or blocked lines plus one task's or one agency's (the
  // same rule as before, decided per row by SQLite instead of by a second query and a join in JS).
  const noteCols =
    notes === 'all'
      ? 'last_note lastNote, status_note statusNote'
      : `case when status = 'blocked' or task_code = ? or agency_code = ? then last_note end lastNote,
         case when status = 'blocked' or task_code = ? or agency_code = ? then status_note end statusNote`;
  const sqlText = `select task_code taskCode, agency_code agencyCode, status, percent, last_at lastAt, status_at statusAt,
            last_user_id lastUserId, update_count updateCount, ${noteCols}
     from line_state where year = ?${byTask ? ' and task_code in (select value from json_each(?))' : ''}${
       byAgency ? ' and agency_code in (select value from json_each(?))' : ''
     }
     order by task_code, agency_code`;
  const args: unknown[] = [];
  if (notes !== 'all') {
    const forNotes = [notes.taskCode ?? null, notes.agencyCode ?? null];
    args.push(...forNotes, ...forNotes);
  }
  args.push(year);
  if (byTask) args.push(JSON.stringify(filter.taskCodes));
  if (byAgency) args.push(JSON.stringify(filter.agencyCodes));
  return statement(tx, sqlText).all(...args) as LatestLine[];
}

export interface HistoryEntry extends ProgressReportRow {
  authorName: string;
  authorUsername: string | null;
  revisions: number;
  files: Array<{ kind: string; fileId: string; fileName: string | null }>;
}

export function taskHistory(tx: Tx, taskCode: string, opts: { agencyCode?: string; offset: number; limit: number }) {
  const where = and(eq(progressReports.taskCode, taskCode), opts.agencyCode ? eq(progressReports.agencyCode, opts.agencyCode) : undefined);
  const total = tx.select({ n: sql<number>`count(*)` }).from(progressReports).where(where).get()?.n ?? 0;
  const rows = tx
    .select({
      u: progressReports,
      firstName: users.firstName,
      lastName: users.lastName,
      username: users.username,
      revisions: sql<number>`(select count(*) from update_revisions r where r.update_id = ${progressReports.id})`,
    })
    .from(progressReports)
    .innerJoin(users, eq(users.id, progressReports.userId))
    .where(where)
    .orderBy(desc(progressReports.createdAt), desc(progressReports.id))
    .limit(opts.limit)
    .offset(opts.offset)
    .all();
  const ids = rows.map((r) => r.u.id);
  const files = ids.length ? tx.select().from(attachments).where(inArray(attachments.updateId, ids)).all() : [];
  const entries: HistoryEntry[] = rows.map((r) => ({
    ...r.u,
    authorName: [r.firstName, r.lastName].filter(Boolean).join(' '),
    authorUsername: r.username,
    revisions: r.revisions,
    files: files.filter((f) => f.updateId === r.u.id).map((f) => ({ kind: f.kind, fileId: f.fileId, fileName: f.fileName })),
  }));
  return { total, entries };
}

export function rememberBotMessage(tx: Tx, row: typeof botMessages.$inferInsert) {
  statement(
    tx,
    `insert into bot_messages (chat_id, message_id, task_code, agency_code, kind, status, percent, note, for_user_id, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
  ).run(row.chatId, row.messageId, row.taskCode, row.agencyCode ?? null, row.kind, row.status ?? null, row.percent ?? null, row.note ?? null, row.forUserId ?? null, row.createdAt);
}

/** Turns a waiting bot message of `kind` into a plain 'summary'; false when it was not waiting (used already, or never). */
export function consumeBotMessage(tx: Tx, chatId: number, messageId: number, kind: 'prompt' | 'undo'): boolean {
  flushSoon(tx);
  return statement(tx, `update bot_messages set kind = 'summary' where chat_id = ? and message_id = ? and kind = ?`).run(chatId, messageId, kind).changes === 1;
}

/** Gives a waiting question with no note yet the note typed over it; false when it is not waiting or holds one. */
export function notePrompt(tx: Tx, chatId: number, messageId: number, note: string): boolean {
  flushSoon(tx);
  return statement(tx, `update bot_messages set note = ? where chat_id = ? and message_id = ? and kind = 'prompt' and note = ''`).run(note, chatId, messageId).changes === 1;
}

/** The notes (offered report ids) of the person's /undo offers made after `since`. */
export function undoOfferNotes(tx: Tx, userId: number, since: number): string[] {
  flushSoon(tx);
  const rows = statement(tx, `select note from bot_messages where kind = 'undo' and for_user_id = ? and created_at > ?`).all(userId, since) as Array<{ note: string }>;
  return rows.map((r) => r.note);
}

// Rows of bot_messages may wait in db/write-soon.ts until the end of the turn: every reader and
// writer of the table here flushes them first.
export function botMessage(tx: Tx, chatId: number, messageId: number) {
  flushSoon(tx);
  return tx.select().from(botMessages).where(and(eq(botMessages.chatId, chatId), eq(botMessages.messageId, messageId))).get();
}

export function attachmentsCount(tx: Tx, updateId: number): number {
  return tx.select({ n: sql<number>`count(*)` }).from(attachments).where(eq(attachments.updateId, updateId)).get()?.n ?? 0;
}

/** Updates created in (from, to], oldest first, for the digest's "what changed". */
export function reportsBetween(tx: Tx, from: number, to: number) {
  return tx
    .select()
    .from(progressReports)
    .where(and(isNull(progressReports.withdrawnAt), sql`${progressReports.createdAt} > ${from}`, sql`${progressReports.createdAt} <= ${to}`))
    .orderBy(progressReports.createdAt, progressReports.id)
    .all();
}

/** The newest update time of each agency (any year). */
export function lastActivityByAgency(tx: Tx): Map<string, number> {
  const rows = tx
    .select({ agencyCode: lineState.agencyCode, at: sql<number>`max(${lineState.lastAt})` })
    .from(lineState)
    .groupBy(lineState.agencyCode)
    .all();
  return new Map(rows.map((r) => [r.agencyCode, r.at]));
}
