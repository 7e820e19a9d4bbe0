// Recording officers' reports: the one code path behind the command, the buttons and replies.
// Messenger-independent: it takes plain data and returns an outcome for the adapter to render.
import type { MessageAbout } from '../conversation/reply.js';
import type { MessageRef } from '../conversation/types.js';
import { approvedAgencies } from '../db/queries/officers.js';
import { loadCatalog, type Catalog } from '../db/queries/plan.js';
import {
  applyOnce,
  consumeBotMessage,
  insertProgressReport,
  latestReportIds,
  lineFigure,
  reportById,
  reviseProgressReport,
  undoOfferNotes,
  reportByMessage,
  reportByEvent,
  withdrawProgressReport,
  type NewProgressReport,
  type ProgressReportRow,
  rememberBotMessage,
} from '../db/queries/progress-reports.js';
import type { Db } from '../db/open.js';
import { writeSoon } from '../db/write-soon.js';
import type { Logger } from '../logger.js';
import { currentLeads, indexAgencies, isActive, tasksOfAgency, type AgencyIndex, coordinatesViaGroup } from '../domain/agencies.js';
import { MAX_NOTE_LENGTH, type ParsedReport, type Status } from '../domain/status.js';
import { parseTaskCode, suggestCodes, takeTaskCode } from '../domain/task-code.js';
import type { Agency, Task } from '../domain/types.js';
import { yearAt } from '../text/dates.js';

export interface Reporter {
  userId: number;
  isCoordinator: boolean;
}

export interface ReportInput {
  reporter: Reporter;
  chatId: number;
  chatAgency: string | null;
  messageId: number | null;
  eventId: number;
  via: NewProgressReport['via'];
  taskCode: string;
  report: ParsedReport;
  /** An agency the user chose with a button; re-checked like everything else. */
  agencyCode?: string;
  files?: NewProgressReport['files'];
  /** The waiting prompt (a question, an agency choice) this report answers: used up in the same transaction as the save. */
  consume?: { chatId: number; messageId: number };
  now: number;
  timeZone: string;
}

export type ReportOutcome =
  | { kind: 'saved'; update: ProgressReportRow; task: Task; agency: Agency; replayed: boolean; line: LineFigure | null }
  | { kind: 'unknown_task'; input: string; near: string[] }
  | { kind: 'not_registered' }
  | { kind: 'not_allowed'; task: Task; agencies: Agency[] }
  | { kind: 'choose_agency'; task: Task; candidates: Agency[] }
  | { kind: 'empty_note'; task: Task }
  | { kind: 'note_too_long'; task: Task; max: number }
  /** The prompt it answers was already answered (a second press): nothing saved. */
  | { kind: 'already_handled'; task: Task };

/**
 * The agencies a person may report for on a task. An officer: their approved agencies that hold
 * the task today (as lead, through a predecessor or group, or as coordinating agency, named or
 * through "Các Sở, ngành liên quan").
 * A coordinator: any current agency leading it, plus the group's agency when the chat is linked.
 */
export function reportableAgencies(db: Db, catalog: Catalog, index: AgencyIndex, reporter: Reporter, task: Task, chatAgency: string | null) {
  // Leads and named coordinators hold the task; any department also coordinates where the plan
  // says "Các Sở, ngành liên quan" (Sở Y tế on III.1.1). Their lines are shown apart from the leads'
  // and never decide the task's status (domain/progress.ts).
  const holds = (code: string) => {
    const agency = index.get(code);
    return tasksOfAgency(code, [task], index).length > 0 || (!!agency && coordinatesViaGroup(agency, task));
  };
  const own = approvedAgencies(db, reporter.userId).filter(holds);
  if (!reporter.isCoordinator) return own;
  // Today's leads, plus every department when the plan gives the task to "Các Sở, ban, ngành".
  const leads = task.lead.some((c) => index.get(c)?.kind === 'group')
    ? catalog.agencies.filter((a) => isActive(a) && tasksOfAgency(a.code, [task], index).some((t) => t.role !== 'coordinating')).map((a) => a.code)
    : currentLeads(task, index);
  const linked = chatAgency && holds(chatAgency) ? [chatAgency] : [];
  return [...new Set([...linked, ...own, ...leads])];
}

/** Whether a person may report on a task here and for which agencies; if not, why. */
export type ReportingRight = { kind: 'allowed'; agencies: string[] } | { kind: 'not_registered' } | { kind: 'not_allowed'; own: string[] };

/** The one check behind every way of reporting (a choice, a command, an answer to the bot). */
export function reportingRight(db: Db, catalog: Catalog, index: AgencyIndex, reporter: Reporter, task: Task, chatAgency: string | null): ReportingRight {
  const agencies = reportableAgencies(db, catalog, index, reporter, task, chatAgency);
  if (agencies.length) return { kind: 'allowed', agencies };
  const own = approvedAgencies(db, reporter.userId);
  if (!own.length && !reporter.isCoordinator) return { kind: 'not_registered' };
  return { kind: 'not_allowed', own };
}

/**
 * Whether someone may still change what they reported for an agency (edit it, withdraw it): a
 * coordinator, or an officer whose right for that agency has not been revoked since. Reporting
 * once does not grant it for ever.
 */
export function mayStillActFor(db: Db, who: Reporter, agencyCode: string): boolean {
  return who.isCoordinator || approvedAgencies(db, who.userId).includes(agencyCode);
}

export function findTask(catalog: Catalog, input: string): { task: Task } | { near: string[] } {
  const code = parseTaskCode(input);
  const task = code ? catalog.tasks.find((t) => t.code === code) : undefined;
  return task ? { task } : { near: suggestCodes(code, catalog.tasks.map((t) => t.code)) };
}

/** The task code at the start of `/update …` and the text after it ("II.3:", "III 1 3"). */
export function splitTaskCode(catalog: Catalog, text: string) {
  const known = new Set(catalog.tasks.map((t) => t.code));
  const r = takeTaskCode(text, (c) => known.has(c));
  const task = r.found ? catalog.tasks.find((t) => t.code === r.code) : undefined;
  return { task, typed: r.typed, rest: r.rest, near: task ? [] : suggestCodes(r.code, [...known]) };
}

class AlreadyHandled extends Error {}

/** A line's status and figure as they stand after an update (folded with the one percentage rule). */
export type LineFigure = { status: Status | null; percent: number | null };

export function lineAfter(db: Db, u: Pick<ProgressReportRow, 'year' | 'taskCode' | 'agencyCode'>): LineFigure | null {
  return lineFigure(db, u.year, u.taskCode, u.agencyCode) ?? null;
}

export function submitReport(db: Db, input: ReportInput): ReportOutcome {
  const catalog = loadCatalog(db);
  const index = indexAgencies(catalog.agencies);
  const found = findTask(catalog, input.taskCode);
  if (!('task' in found)) return { kind: 'unknown_task', input: input.taskCode, near: found.near };
  const task = found.task;

  // A replayed update (crash after saving, before answering) answers with what was saved.
  const existing = reportByEvent(db, input.eventId);
  if (existing) return { kind: 'saved', update: existing, task, agency: index.get(existing.agencyCode)!, replayed: true, line: lineAfter(db, existing) };

  const right = reportingRight(db, catalog, index, input.reporter, task, input.chatAgency);
  if (right.kind === 'not_registered') return right;
  if (right.kind === 'not_allowed') return { kind: 'not_allowed', task, agencies: right.own.map((c) => index.get(c)!).filter(Boolean) };
  const allowed = right.agencies;
  let agencyCode: string | undefined;
  if (input.agencyCode) {
    if (!allowed.includes(input.agencyCode)) return { kind: 'not_allowed', task, agencies: allowed.map((c) => index.get(c)!) };
    agencyCode = input.agencyCode;
  } else if (input.chatAgency && allowed.includes(input.chatAgency)) agencyCode = input.chatAgency;
  else if (allowed.length === 1) agencyCode = allowed[0];
  if (!agencyCode) return { kind: 'choose_agency', task, candidates: allowed.map((c) => index.get(c)!) };

  if (!input.report.note) return { kind: 'empty_note', task };
  if (input.report.note.length > MAX_NOTE_LENGTH) return { kind: 'note_too_long', task, max: MAX_NOTE_LENGTH };

  let result;
  try {
    result = applyOnce(
      db,
      input.eventId,
      (tx) => {
        if (input.consume && !consumePrompt(tx, input.consume.chatId, input.consume.messageId, 'prompt')) throw new AlreadyHandled();
        return insertProgressReport(tx, {
          taskCode: task.code,
          agencyCode,
          year: yearAt(input.now, input.timeZone),
          userId: input.reporter.userId,
          chatId: input.chatId,
          messageId: input.messageId,
          eventId: input.eventId,
          via: input.via,
          status: input.report.status,
          percent: input.report.percent,
          note: input.report.note,
          createdAt: input.now,
          files: input.files,
        });
      },
      input.now,
    );
  } catch (e) {
    if (e instanceof AlreadyHandled) return { kind: 'already_handled', task };
    throw e;
  }
  const update = result.applied ? result.value : reportByEvent(db, input.eventId)!;
  return { kind: 'saved', update, task, agency: index.get(agencyCode)!, replayed: !result.applied, line: lineAfter(db, update) };
}

export type EditOutcome =
  | { kind: 'revised'; update: ProgressReportRow; task: Task; agency: Agency; line: LineFigure | null }
  | { kind: 'not_an_update' }
  | { kind: 'unchanged' }
  | { kind: 'empty_note' }
  | { kind: 'withdrawn' }
  | { kind: 'not_allowed' };

/** An edited message that carried an update becomes a revision of it (both versions kept). */
export function reviseFromEdit(
  db: Db,
  input: { chatId: number; messageId: number; userId: number; isCoordinator: boolean; eventId: number; report: ParsedReport; now: number },
): EditOutcome {
  const original = reportByMessage(db, input.chatId, input.messageId);
  if (!original || original.userId !== input.userId) return { kind: 'not_an_update' };
  if (original.withdrawnAt) return { kind: 'withdrawn' };
  if (!mayStillActFor(db, { userId: input.userId, isCoordinator: input.isCoordinator }, original.agencyCode)) return { kind: 'not_allowed' };
  if (!input.report.note) return { kind: 'empty_note' };
  const next = {
    status: input.report.status ?? original.status,
    percent: input.report.status || input.report.percent !== null ? input.report.percent : original.percent,
    note: input.report.note,
  };
  if (next.status === original.status && next.percent === original.percent && next.note === original.note) return { kind: 'unchanged' };
  const result = applyOnce(db, input.eventId, (tx) => reviseProgressReport(tx, original.id, next, input.now)!, input.now);
  const catalog = loadCatalog(db);
  const update = result.applied ? result.value : reportByMessage(db, input.chatId, input.messageId)!;
  return {
    kind: 'revised',
    update,
    task: catalog.tasks.find((t) => t.code === update.taskCode)!,
    agency: catalog.agencies.find((a) => a.code === update.agencyCode)!,
    line: lineAfter(db, update),
  };
}

export const UNDO_WINDOW_MS = 24 * 60 * 60 * 1000;

// Waiting prompts live in bot_messages, written by the channel from a Reply's `about` when it
// sends the message: 'prompt' rows with a note hold a report waiting for a choice (which agency;
// is this what you meant); 'undo' rows hold a /undo offer, the offered update's id in `note`.
// Answering one turns it into a plain 'summary' (replies to it still report on its task), in the
// same transaction as what it decided, so a second press finds it used up. (schema.ts lists the
// kinds for TypeScript only; SQLite stores any text.)
type PromptKind = 'prompt' | 'undo';

/** Uses up a waiting prompt; false when it was already used (or never existed). */
export function consumePrompt(db: Db, chatId: number, messageId: number, kind: PromptKind): boolean {
  return consumeBotMessage(db, chatId, messageId, kind);
}

/** How long an unanswered /undo offer keeps its update out of the next /undo's offer. */
export const UNDO_OFFER_PENDING_MS = 60 * 60 * 1000;

/** Updates offered by /undo and not yet answered, recently. */
function pendingUndoOffers(db: Db, userId: number, now: number): Set<number> {
  return new Set(undoOfferNotes(db, userId, now - UNDO_OFFER_PENDING_MS).map(Number));
}

export type UndoOffer =
  | { kind: 'offer'; update: ProgressReportRow }
  | { kind: 'nothing'; pending: boolean }
  | { kind: 'too_old'; update: ProgressReportRow }
  /** The author's right for that agency was revoked since: withdrawReport would refuse it. */
  | { kind: 'not_allowed'; update: ProgressReportRow };

/**
 * What /undo offers to withdraw: the author's latest update that is not withdrawn and not already
 * offered by an /undo still waiting for its answer. Nothing is withdrawn here.
 */
export function undoCandidate(db: Db, who: Reporter, now: number): UndoOffer {
  const pending = pendingUndoOffers(db, who.userId, now);
  const next = latestReportIds(db, who.userId, pending.size + 1).find((id) => !pending.has(id));
  if (next === undefined) return { kind: 'nothing', pending: pending.size > 0 };
  const update = reportById(db, next)!;
  if (now - update.createdAt > UNDO_WINDOW_MS) return { kind: 'too_old', update };
  // Not offered what the press would refuse (the same rule as withdrawReport).
  if (!mayStillActFor(db, who, update.agencyCode)) return { kind: 'not_allowed', update };
  return { kind: 'offer', update };
}

export type WithdrawOutcome =
  | { kind: 'withdrawn'; update: ProgressReportRow }
  | { kind: 'already'; update: ProgressReportRow }
  | { kind: 'not_yours' }
  /** The author's right for that agency was revoked since. */
  | { kind: 'not_allowed' }
  | { kind: 'too_old'; update: ProgressReportRow }
  | { kind: 'missing' };

/**
 * Withdraws exactly one update — the one a button names — for its author, within the undo
 * window. A second press finds it withdrawn and says so; the offer it came from is used up in
 * the same transaction.
 */
export function withdrawReport(
  db: Db,
  input: { userId: number; isCoordinator: boolean; updateId: number; eventId: number; now: number; offer?: { chatId: number; messageId: number } },
): WithdrawOutcome {
  const row = reportById(db, input.updateId);
  if (!row) return { kind: 'missing' };
  if (row.userId !== input.userId) return { kind: 'not_yours' };
  if (!row.withdrawnAt && !mayStillActFor(db, input, row.agencyCode)) return { kind: 'not_allowed' };
  if (row.withdrawnAt) {
    return row.withdrawnByUpdateId === input.eventId ? { kind: 'withdrawn', update: row } : { kind: 'already', update: row };
  }
  if (input.now - row.createdAt > UNDO_WINDOW_MS) return { kind: 'too_old', update: row };
  const result = applyOnce(
    db,
    input.eventId,
    (tx) => {
      if (input.offer) consumePrompt(tx, input.offer.chatId, input.offer.messageId, 'undo');
      return withdrawProgressReport(tx, row.id, input.now, input.eventId);
    },
    input.now,
  );
  if (result.applied && result.value) return { kind: 'withdrawn', update: result.value };
  const now = reportById(db, row.id)!;
  return now.withdrawnByUpdateId === input.eventId ? { kind: 'withdrawn', update: now } : { kind: 'already', update: now };
}

/**
 * What a message the bot sent is about (a task's details, a question waiting for a note, an /undo
 * offer), stored under the message's id so that an answer or a choice on it is understood later.
 * One mapping for every channel; each channel calls it once it knows the id it sent.
 *
 * The row is written at the end of this turn, in one commit with the update's handled mark
 * (db/write-soon.ts): the readers of bot_messages see it before anything else can ask for it.
 */
export function rememberMessageAbout(db: Db, ref: MessageRef, about: MessageAbout, now: number, log: Pick<Logger, 'warn'>) {
  const row = {
    chatId: ref.chatId,
    messageId: ref.messageId,
    taskCode: about.taskCode,
    agencyCode: about.agencyCode ?? null,
    // 'undo' offers share the table; schema.ts lists the kinds the reporting flow reads.
    kind: about.kind as 'prompt',
    status: about.status ?? null,
    percent: about.percent ?? null,
    note: about.note ?? null,
    forUserId: about.forUserId ?? null,
    createdAt: now,
  };
  // Losing it costs understanding an answer to that one message, not a report: log and go on.
  writeSoon(db, (tx) => rememberBotMessage(tx, row), (err) => log.warn({ err, ref }, 'could not remember what a sent message is about'));
}
