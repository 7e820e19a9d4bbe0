// Recording officers' reports: the one code path behind the command, the buttons and replies.
// Messenger-independent: it takes plain data and returns an outcome for the adapter to render.
import { approvedAgencies } from '../db/queries/officers.js';
import { loadCatalog, type Catalog } from '../db/queries/plan.js';
import {
  applyOnce,
  insertUpdate,
  lastUpdateBy,
  reviseUpdate,
  updateByMessage,
  updateByTelegramId,
  withdrawUpdate,
  lastWithdrawnBy,
  type NewUpdate,
  type UpdateRow,
} from '../db/queries/updates.js';
import type { Db } from '../db/open.js';
import { currentLeads, indexAgencies, isActive, tasksOfAgency, type AgencyIndex } from '../domain/agencies.js';
import { MAX_NOTE_LENGTH, type ParsedReport } from '../domain/status.js';
import { parseTaskCode, suggestCodes } from '../domain/task-code.js';
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
  telegramUpdateId: number;
  via: NewUpdate['via'];
  taskCode: string;
  report: ParsedReport;
  /** An agency the user chose with a button; re-checked like everything else. */
  agencyCode?: string;
  files?: NewUpdate['files'];
  now: number;
  timeZone: string;
}

export type ReportOutcome =
  | { kind: 'saved'; update: UpdateRow; task: Task; agency: Agency; replayed: boolean }
  | { kind: 'unknown_task'; input: string; near: string[] }
  | { kind: 'not_registered' }
  | { kind: 'not_allowed'; task: Task; agencies: Agency[] }
  | { kind: 'choose_agency'; task: Task; candidates: Agency[] }
  | { kind: 'empty_note'; task: Task }
  | { kind: 'note_too_long'; task: Task; max: number };

/**
 * The agencies a person may report for on a task. An officer: their approved agencies that hold
 * the task today (as lead, through a predecessor or group, or as named coordinating agency).
 * A coordinator: any current agency leading it, plus the group's agency when the chat is linked.
 */
export function reportableAgencies(db: Db, catalog: Catalog, index: AgencyIndex, reporter: Reporter, task: Task, chatAgency: string | null) {
  const holds = (code: string) => tasksOfAgency(code, [task], index).length > 0;
  const own = approvedAgencies(db, reporter.userId).filter(holds);
  if (!reporter.isCoordinator) return own;
  // Today's leads, plus every department when the plan gives the task to "Các Sở, ban, ngành".
  const leads = task.lead.some((c) => index.get(c)?.kind === 'group')
    ? catalog.agencies.filter((a) => isActive(a) && tasksOfAgency(a.code, [task], index).some((t) => t.role !== 'coordinating')).map((a) => a.code)
    : currentLeads(task, index);
  const linked = chatAgency && holds(chatAgency) ? [chatAgency] : [];
  return [...new Set([...linked, ...own, ...leads])];
}

export function findTask(catalog: Catalog, input: string): { task: Task } | { near: string[] } {
  const code = parseTaskCode(input);
  const task = code ? catalog.tasks.find((t) => t.code === code) : undefined;
  return task ? { task } : { near: suggestCodes(code, catalog.tasks.map((t) => t.code)) };
}

export function submitReport(db: Db, input: ReportInput): ReportOutcome {
  const catalog = loadCatalog(db);
  const index = indexAgencies(catalog.agencies);
  const found = findTask(catalog, input.taskCode);
  if (!('task' in found)) return { kind: 'unknown_task', input: input.taskCode, near: found.near };
  const task = found.task;

  // A replayed update (crash after saving, before answering) answers with what was saved.
  const existing = updateByTelegramId(db, input.telegramUpdateId);
  if (existing) return { kind: 'saved', update: existing, task, agency: index.get(existing.agencyCode)!, replayed: true };

  const allowed = reportableAgencies(db, catalog, index, input.reporter, task, input.chatAgency);
  if (!allowed.length) {
    const mine = approvedAgencies(db, input.reporter.userId);
    if (!mine.length && !input.reporter.isCoordinator) return { kind: 'not_registered' };
    return { kind: 'not_allowed', task, agencies: mine.map((c) => index.get(c)!).filter(Boolean) };
  }
  let agencyCode: string | undefined;
  if (input.agencyCode) {
    if (!allowed.includes(input.agencyCode)) return { kind: 'not_allowed', task, agencies: allowed.map((c) => index.get(c)!) };
    agencyCode = input.agencyCode;
  } else if (input.chatAgency && allowed.includes(input.chatAgency)) agencyCode = input.chatAgency;
  else if (allowed.length === 1) agencyCode = allowed[0];
  if (!agencyCode) return { kind: 'choose_agency', task, candidates: allowed.map((c) => index.get(c)!) };

  if (!input.report.note) return { kind: 'empty_note', task };
  if (input.report.note.length > MAX_NOTE_LENGTH) return { kind: 'note_too_long', task, max: MAX_NOTE_LENGTH };

  const result = applyOnce(
    db,
    input.telegramUpdateId,
    () =>
      insertUpdate(db, {
        taskCode: task.code,
        agencyCode,
        year: yearAt(input.now, input.timeZone),
        userId: input.reporter.userId,
        chatId: input.chatId,
        messageId: input.messageId,
        telegramUpdateId: input.telegramUpdateId,
        via: input.via,
        status: input.report.status,
        percent: input.report.percent,
        note: input.report.note,
        createdAt: input.now,
        files: input.files,
      }),
    input.now,
  );
  const update = result.applied ? result.value : updateByTelegramId(db, input.telegramUpdateId)!;
  return { kind: 'saved', update, task, agency: index.get(agencyCode)!, replayed: !result.applied };
}

export type EditOutcome =
  | { kind: 'revised'; update: UpdateRow; task: Task; agency: Agency }
  | { kind: 'not_an_update' }
  | { kind: 'unchanged' }
  | { kind: 'empty_note' }
  | { kind: 'withdrawn' };

/** An edited message that carried an update becomes a revision of it (both versions kept). */
export function reviseFromEdit(
  db: Db,
  input: { chatId: number; messageId: number; userId: number; telegramUpdateId: number; report: ParsedReport; now: number },
): EditOutcome {
  const original = updateByMessage(db, input.chatId, input.messageId);
  if (!original || original.userId !== input.userId) return { kind: 'not_an_update' };
  if (original.withdrawnAt) return { kind: 'withdrawn' };
  if (!input.report.note) return { kind: 'empty_note' };
  const next = {
    status: input.report.status ?? original.status,
    percent: input.report.status || input.report.percent !== null ? input.report.percent : original.percent,
    note: input.report.note,
  };
  if (next.status === original.status && next.percent === original.percent && next.note === original.note) return { kind: 'unchanged' };
  const result = applyOnce(db, input.telegramUpdateId, () => reviseUpdate(db, original.id, next, input.now)!, input.now);
  const catalog = loadCatalog(db);
  const update = result.applied ? result.value : updateByMessage(db, input.chatId, input.messageId)!;
  return {
    kind: 'revised',
    update,
    task: catalog.tasks.find((t) => t.code === update.taskCode)!,
    agency: catalog.agencies.find((a) => a.code === update.agencyCode)!,
  };
}

export const UNDO_WINDOW_MS = 24 * 60 * 60 * 1000;

export type UndoOutcome = { kind: 'withdrawn'; update: UpdateRow } | { kind: 'nothing' } | { kind: 'too_old'; update: UpdateRow };

/** Withdraws the author's own latest update if it is recent; it stays in history, marked. */
export function undoLast(db: Db, userId: number, telegramUpdateId: number, now: number): UndoOutcome {
  const replayed = lastWithdrawnBy(db, userId, telegramUpdateId);
  if (replayed) return { kind: 'withdrawn', update: replayed };
  const last = lastUpdateBy(db, userId);
  if (!last) return { kind: 'nothing' };
  if (now - last.createdAt > UNDO_WINDOW_MS) return { kind: 'too_old', update: last };
  const result = applyOnce(db, telegramUpdateId, () => withdrawUpdate(db, last.id, now, telegramUpdateId), now);
  return { kind: 'withdrawn', update: result.applied && result.value ? result.value : last };
}
