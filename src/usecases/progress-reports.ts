// Reporting progress, the heart of the bot. Officers report three ways — /update (also as a file's
// caption), choices, or text answering one of the bot's messages — and all three end in `submit`,
// which calls the one core function that records a report (core/progress-reports.ts). /undo withdraws one.
import { actingAgencies } from '../core/acting.js';
import {
  consumePrompt,
  reportingRight,
  splitTaskCode,
  submitReport,
  undoCandidate,
  withdrawReport,
  type LineFigure,
  type ReportOutcome,
} from '../core/progress-reports.js';
import { loadCatalog } from '../db/queries/plan.js';
import { botMessage, notePrompt, reportById, type ProgressReportRow } from '../db/queries/progress-reports.js';
import { indexAgencies, tasksOfAgency } from '../domain/agencies.js';
import { isConsistent, normalizeNote, parseReportText, STATUS_SHORT, STATUSES, statusFromShort, takeStatus, type ParsedReport, type Question, type Status } from '../domain/status.js';
import { parseTaskCode } from '../domain/task-code.js';
import type { Agency, Task } from '../domain/types.js';
import { renderSaved, STATUS_ICON, statusLabel } from '../render/progress-reports.js';
import { shortTitle } from '../render/plan.js';
import { clip } from '../text/clip.js';
import { fold } from '../text/fold.js';
import { formatDateTime } from '../text/dates.js';
import { CHOICES } from '../conversation/choices.js';
import type { Choice, Reply } from '../conversation/reply.js';
import { bold, esc, italic, mention, type Rich } from '../conversation/rich.js';
import type { Routes } from '../conversation/router.js';
import { answer, refuse, say, type MessageRef, type Outcome, type Request } from '../conversation/types.js';
import type { TFunction } from '../i18n.js';

type Via = 'command' | 'button' | 'reply';

interface Submission {
  taskCode: string;
  report: ParsedReport;
  via: Via;
  agencyCode?: string;
  /** The waiting question this report answers, used up with the save. */
  consume?: { chatId: number; messageId: number };
}

/** Data of a choice the router sent here; '' for other inputs (which decodes as nothing). */
const dataOf = (req: Request) => (req.input.kind === 'choice' ? req.input.data : '');
const filesOf = (req: Request) => (req.input.kind === 'choice' ? [] : req.input.files);
const reporterOf = (req: Request) => ({ userId: req.actor.id, isCoordinator: req.actor.isCoordinator });
const actingOf = (req: Request) => actingAgencies(req.deps.db, reporterOf(req), req.conversation);

/** Data the router sends here that no codec reads: a forged or outdated choice, answered as stale. */
const stale = (req: Request) => refuse(req.t('fallback.stale_button'));

// ── /update ─────────────────────────────────────────────────────────────────────────────────────

function updateCommand(req: Request): Outcome {
  const { actor, t, deps } = req;
  if (actor.faceless) return say({ text: t('report.faceless') });
  const args = req.input.kind === 'command' ? req.input.args : '';
  if (!args.trim()) return offerTasks(req);
  const found = splitTaskCode(loadCatalog(deps.db), args);
  if (!found.task) return say({ text: t('report.unknown_task', { code: esc(found.typed.slice(0, 40)), near: found.near.join(', ') }) });
  const rest = found.rest.replace(/^[\s.,:;!?…–—-]+$/u, '').trim();
  if (!rest) {
    const allowed = allowedTask(req, found.task.code);
    if ('refusal' in allowed) return say({ text: allowed.refusal });
    return say({ text: chooseStatusText(req, allowed.task), choices: statusChoices(t, allowed.task.code) });
  }
  const parsed = parseReportText(rest, undefined, 'command');
  if (!parsed.ok) return say({ text: t(`report.${parsed.error}`) });
  return decide(req, found.task.code, parsed.report, parsed.question, { via: 'command' });
}

/** /update with nothing else: the tasks this person can report on, as choices. */
function offerTasks(req: Request): Outcome {
  const { t, deps, actor } = req;
  const catalog = loadCatalog(deps.db);
  const index = indexAgencies(catalog.agencies);
  const { agencies } = actingOf(req);
  if (!agencies.length && !actor.isCoordinator) return say({ text: t('report.not_registered') });
  const tasks = agencies.length
    ? [...new Map(agencies.flatMap((a) => tasksOfAgency(a, catalog.tasks, index)).map((x) => [x.task.code, x.task])).values()]
    : catalog.tasks;
  const data = (x: Task) => CHOICES.reportTask.encode({ task: x.code });
  const choices = tasks.length > 8
    ? chunk(tasks.map((x) => ({ label: x.code, data: data(x) })), 4)
    : tasks.map((x) => [{ label: `${x.code} ${shortTitle(x.content, 40)}`, data: data(x) }]);
  return say({ text: t('report.choose_task', { count: tasks.length }), choices });
}

// ── choices ─────────────────────────────────────────────────────────────────────────────────────

/** up:t — a task was chosen; offer the statuses. */
function chooseTask(req: Request): Outcome {
  const d = CHOICES.reportTask.decode(dataOf(req));
  if (!d) return stale(req);
  const allowed = allowedTask(req, d.task);
  if ('refusal' in allowed) return refuse(allowed.refusal);
  return answer({}, { text: chooseStatusText(req, allowed.task), choices: statusChoices(req.t, allowed.task.code), quote: false });
}

/** up:s — a status was chosen; ask for the note with a question. */
function chooseStatus(req: Request): Outcome {
  const d = CHOICES.reportStatus.decode(dataOf(req));
  if (!d) return stale(req);
  const allowed = allowedTask(req, d.task);
  if ('refusal' in allowed) return refuse(allowed.refusal);
  return answer({}, askForNote(req, allowed.task, { status: statusFromShort(d.status)!, percent: null, note: '' }));
}

/** up:c — the agency a waiting report is for; the report itself waits in the database. */
function chooseAgency(req: Request): Outcome {
  const d = CHOICES.reportAgency.decode(dataOf(req));
  if (!d) return stale(req);
  const pending = ownWaitingReport(req);
  if ('refusal' in pending) return refuse(pending.refusal);
  if (!pending.note) return refuse(req.t('report.button_not_yours'));
  const { replies } = submit(req, {
    taskCode: pending.taskCode,
    report: { status: pending.status, percent: pending.percent, note: pending.note },
    via: 'button',
    agencyCode: d.agency,
    consume: pending.ref,
  });
  return answer({}, ...replies);
}

/**
 * up:k — the answer to "is this what you meant?": what the officer meant (`up:k:<status><percent>:<via>`),
 * or "I will type it again" (up:k:r), or cancel (up:k:x). The note waits in the database.
 */
function answerQuestion(req: Request): Outcome {
  const again = CHOICES.reportRetype.decode(dataOf(req));
  if (again) return retypeOrCancel(req, again.action);
  const d = CHOICES.reportMeant.decode(dataOf(req));
  const m = d && /^([npdbo])(\d{1,3}|-)$/.exec(d.meant);
  if (!d || !m) return stale(req);
  const { t, deps } = req;
  const pending = ownWaitingReport(req);
  if ('refusal' in pending) return refuse(pending.refusal);
  const report: ParsedReport = {
    status: m[1] === 'o' ? null : statusFromShort(m[1]!)!,
    percent: m[2] === '-' ? null : Number(m[2]),
    note: pending.note ?? '',
  };
  if (pending.note === null || !isConsistent(report)) return refuse(t('report.invalid_button'));
  const allowed = allowedTask(req, pending.taskCode);
  if ('refusal' in allowed) return refuse(allowed.refusal);
  const agencyCode = pending.agencyCode ?? undefined;
  if (!report.note) {
    if (!consumePrompt(deps.db, pending.ref.chatId, pending.ref.messageId, 'prompt')) return answer({}, { text: t('report.already_answered') });
    return answer({}, askForNote(req, allowed.task, report, agencyCode));
  }
  const via = ({ c: 'command', r: 'reply', b: 'button' } as const)[d.via as 'c' | 'r' | 'b'];
  const { outcome, replies } = submit(req, { taskCode: allowed.task.code, report, via, agencyCode, consume: pending.ref });
  // Asked on (which agency, say): this question is answered; the new question holds the report.
  if (outcome.kind !== 'saved' && outcome.kind !== 'already_handled') consumePrompt(deps.db, pending.ref.chatId, pending.ref.messageId, 'prompt');
  return answer({}, ...replies);
}

/** up:k:r — "no, I will type it again"; up:k:x — cancel. Nothing is saved either way. */
function retypeOrCancel(req: Request, action: string): Outcome {
  const { t, deps } = req;
  const pending = ownWaitingReport(req);
  if ('refusal' in pending) return refuse(pending.refusal);
  if (pending.note === null) return refuse(t('report.invalid_button'));
  if (!consumePrompt(deps.db, pending.ref.chatId, pending.ref.messageId, 'prompt')) return refuse(t('report.already_answered'));
  if (action === 'x') return answer({}, { text: t('report.cancelled') });
  const task = loadCatalog(deps.db).tasks.find((x) => x.code === pending.taskCode)!;
  return answer({}, askForNote(req, task, { status: null, percent: null, note: '' }, pending.agencyCode ?? undefined, 'report.ask_retype'));
}

type WaitingReport = NonNullable<ReturnType<typeof botMessage>> & { ref: MessageRef };

/** The waiting report behind a chosen choice, if it is the chooser's and still waiting; otherwise why not. */
function ownWaitingReport(req: Request): WaitingReport | { refusal: Rich } {
  const on = req.input.kind === 'choice' ? req.input.on : null;
  const row = on ? botMessage(req.deps.db, on.chatId, on.messageId) : undefined;
  if (!row || row.forUserId !== req.actor.id || (row.kind !== 'prompt' && row.kind !== 'summary')) return { refusal: req.t('report.button_not_yours') };
  if (row.kind !== 'prompt') return { refusal: req.t('report.already_answered') };
  return { ...row, ref: { chatId: row.chatId, messageId: row.messageId } };
}

// ── text answering the bot ──────────────────────────────────────────────────────────────────────

/**
 * Text (or a file's caption) answering one of the bot's messages: the note a question asked for,
 * a report typed again over a question waiting for a choice, or a report on the task a message
 * was about.
 */
function answerBot(req: Request): Outcome {
  const { t, deps, actor } = req;
  if (req.input.kind !== 'text' || !req.input.answers) return say();
  const about = botMessage(deps.db, req.input.answers.chatId, req.input.answers.messageId);
  if (!about) return say({ text: t('report.reply_not_about_task') });
  if (actor.faceless) return say({ text: t('report.faceless') });
  const ownPrompt = about.kind === 'prompt' && about.forUserId === actor.id;
  // An answer to a question that waits for a choice is the report typed again: it replaces the waiting one.
  const retyped = ownPrompt && about.note !== null;
  if (retyped) {
    // A note alone typed over a question about the status ("100%" asked: done, or in progress?) would
    // drop the status the officer gave: nothing changes, and the question keeps waiting for its answer.
    // So is any text that does not start with a status word ("Đã nghiệm thu, giải ngân 100% vốn"):
    // it is a note, not the report typed again. A report typed again starts with its status.
    if (about.status !== null && !takeStatus(req.input.text)) {
      // A question that holds no note yet ("100%" alone) takes this as its note: the officer's words
      // are kept, and choosing the status saves them (new-user review: they had to be typed again).
      const typedNote = normalizeNote(req.input.text);
      if (about.note === '' && !filesOf(req).length && looksLikeNote(typedNote) && notePrompt(deps.db, about.chatId, about.messageId, typedNote)) {
        return say({ text: t('report.note_kept_choose', { code: about.taskCode, note: esc(clip(typedNote.replace(/\s+/g, ' '), 120)) }) });
      }
      return say({ text: t('report.choice_still_waiting', { code: about.taskCode, note: esc(clip(req.input.text.replace(/\s+/g, ' ').trim(), 80)) }) });
    }
    consumePrompt(deps.db, about.chatId, about.messageId, 'prompt');
  }
  const asked = ownPrompt && !retyped;
  // A number alone ("50", "50.", "50 %") answering "send the note; you may give a figure": for work
  // in progress or blocked, a figure from 0 to 100 is the figure, as "50%" is — the note is asked
  // for next, the figure shown, nothing saved yet. Otherwise it is no note: said so, and the prompt
  // waits for one.
  const bare = asked ? /^\s*(\d+)\s*[.%]?\s*$/.exec(req.input.text) : null;
  const figure = bare && (about.status === 'in_progress' || about.status === 'blocked') && Number(bare[1]) <= 100 ? Number(bare[1]) : null;
  if (bare && figure === null) return say({ text: t('report.number_is_no_note', { n: bare[1], code: about.taskCode }) });
  const text = figure !== null ? `${figure}%` : req.input.text;
  const parsed = parseReportText(text, asked ? { status: about.status, percent: about.percent } : undefined);
  if (!parsed.ok) return say({ text: t(`report.${parsed.error}`) });
  return decide(req, about.taskCode, parsed.report, parsed.question, {
    via: asked ? 'button' : 'reply',
    agencyCode: ownPrompt ? (about.agencyCode ?? undefined) : undefined,
  });
}

/**
 * Whether words typed over a question can be taken as its note: not a task code or a figure first
 * (a report for another task, "50% …", a mistyped "1."), not a pasted choice, not a word of
 * acknowledgement ("ok", "Hủy", "Cảm ơn bot"). Anything else is an officer's sentence (attack review).
 */
function looksLikeNote(text: string): boolean {
  const head = text.trim();
  if (!head || /^[IVX]+(\s*[.\s]\s*\d+)+/i.test(head) || /^\d/.test(head) || /^\p{Extended_Pictographic}/u.test(head)) return false;
  const words = fold(head).replace(/[^a-z0-9\s]/g, ' ').trim().split(/\s+/);
  if (words.length < 2) return false;
  return !/^(cam on|ok|oke|vang|da vang|dung roi|huy|khong|co)\b/.test(words.join(' '));
}

// ── deciding and saving ─────────────────────────────────────────────────────────────────────────

/** Saves what is certain; asks first about anything that is not — nothing is stored until the officer chooses. */
function decide(req: Request, taskCode: string, report: ParsedReport, question: Question | null, s: Omit<Submission, 'report' | 'taskCode'>): Outcome {
  if (!question) return say(...submit(req, { ...s, taskCode, report }).replies);
  const allowed = allowedTask(req, taskCode);
  if ('refusal' in allowed) return say({ text: allowed.refusal });
  const { task } = allowed;
  const t = req.t;
  const single = question.choices.length === 1;
  const label = (r: ParsedReport) => choiceLabel(r, question, t);
  const parts = [`❓ ${bold(task.code)} ${esc(shortTitle(task.content, 60))}`];
  if (question.typed) parts.push(t('report.ask_typed', { typed: esc(question.typed.slice(0, 60)) }));
  if (question.conflict) parts.push(t('report.ask_conflict'));
  if (question.figures.length) parts.push(t('report.ask_figure', { figures: question.figures.map((f) => `${f}%`).join(', ') }));
  if (question.against) parts.push(t('report.ask_against', { chosen: statusLabel(question.against.chosen, null, t), words: esc(question.against.words) }));
  else if (question.doubt) parts.push(t(question.fullFigure ? 'report.ask_full_figure' : 'report.ask_doubt'));
  parts.push(single ? t('report.ask_confirm', { status: label(report), code: task.code }) : t('report.ask_choose', { code: task.code }));
  if (report.note) parts.push(t('report.ask_note_excerpt', { note: esc(excerpt(report.note, 300)) }));
  // A file cannot wait in the database with the question: ask for it again with a clear caption.
  if (filesOf(req).length) return say({ text: [...parts, t('report.ask_resend_file', { code: task.code })].join('\n') });
  parts.push(italic(t('report.ask_nothing_saved')));
  const via = ({ command: 'c', reply: 'r', button: 'b' } as const)[s.via];
  const data = (r: ParsedReport) => CHOICES.reportMeant.encode({ meant: `${r.status ? STATUS_SHORT[r.status] : 'o'}${r.percent ?? '-'}`, via });
  const choices: Choice[][] = single
    ? [[{ label: t('report.choice_yes'), data: data(report) }, { label: t('report.choice_retype'), data: CHOICES.reportRetype.encode({ action: 'r' }) }]]
    : [...question.choices.map((r) => [{ label: label(r), data: data(r) }]), [{ label: t('report.choice_cancel'), data: CHOICES.reportRetype.encode({ action: 'x' }) }]];
  return say({
    text: parts.join('\n'),
    choices,
    about: { kind: 'prompt', taskCode: task.code, agencyCode: s.agencyCode ?? null, status: report.status, percent: report.percent, note: report.note, forUserId: req.actor.id },
  });
}

/** "🔄 Đang thực hiện (56%)", "✅ Hoàn thành (100%)", "📝 Chỉ ghi nội dung": one choice's label. */
function choiceLabel(r: ParsedReport, q: Question, t: TFunction): string {
  if (!r.status) return t('report.choice_note_only');
  if (r.status === 'done') return `${STATUS_ICON.done} ${t('status.done')} (100%)`;
  const base = statusLabel(r.status, r.percent, t);
  return r.percent === null && q.figures.length && r.status !== 'not_started' ? `${base} · ${t('report.choice_no_figure')}` : base;
}

const excerpt = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Records the report through the one core function, and says what became of it. */
function submit(req: Request, s: Submission): { outcome: ReportOutcome; replies: Reply[] } {
  const { deps } = req;
  const files = filesOf(req);
  const outcome = submitReport(deps.db, {
    reporter: reporterOf(req),
    chatId: req.conversation.id,
    chatAgency: actingOf(req).bound,
    messageId: req.input.kind === 'choice' ? null : req.input.messageId,
    eventId: req.eventId,
    via: s.via,
    taskCode: s.taskCode,
    report: s.report,
    agencyCode: s.agencyCode,
    files,
    consume: s.consume,
    now: deps.now(),
    timeZone: deps.config.timeZone,
  });
  return { outcome, replies: [respond(req, outcome, s, files.length)] };
}

function respond(req: Request, o: ReportOutcome, s: Submission, files: number): Reply {
  const { t } = req;
  switch (o.kind) {
    case 'saved':
      return {
        ...savedEcho(t, o, req.actor.name, files, req.deps.config.timeZone, false),
        about: { kind: 'summary', taskCode: o.task.code, agencyCode: o.agency.code },
      };
    case 'already_handled':
      return { text: t('report.already_answered') };
    case 'unknown_task':
      return { text: t('report.unknown_task', { code: esc(o.input.slice(0, 40)), near: o.near.join(', ') }) };
    case 'not_registered':
      return { text: t('report.not_registered') };
    case 'not_allowed':
      return { text: t('report.not_allowed', { code: o.task.code, agencies: o.agencies.map((a) => esc(a.short)).join(', ') || '—' }) };
    case 'choose_agency':
      return {
        text: t('report.choose_agency', { code: o.task.code }),
        choices: o.candidates.slice(0, 20).map((a) => [{ label: a.short, data: CHOICES.reportAgency.encode({ agency: a.code }) }]),
        about: { kind: 'prompt', taskCode: o.task.code, status: s.report.status, percent: s.report.percent, note: s.report.note || null, forUserId: req.actor.id },
      };
    case 'empty_note':
      if (s.report.status) return askForNote(req, o.task, s.report, s.agencyCode);
      return { text: t('report.empty_note', { code: o.task.code }) };
    case 'note_too_long':
      return { text: t('report.note_too_long', { max: o.max }) };
  }
}

/**
 * The echo of a saved (or, from an edit, revised) report, with the choice that withdraws exactly
 * this report. Shared with the Telegram channel's edits.
 */
export function savedEcho(
  t: TFunction,
  o: { update: ProgressReportRow; task: Task; agency: Agency; line: LineFigure | null },
  author: string,
  files: number,
  timeZone: string,
  edited: boolean,
): Reply {
  return {
    text: renderSaved(o.update, o.task, o.agency, { name: author }, files, timeZone, t, edited, o.line),
    choices: [[{ label: t('report.undo_button'), data: CHOICES.withdraw.encode({ report: o.update.id }) }]],
  };
}

/** Asks for the note as a question; the choice so far waits with it. */
function askForNote(req: Request, task: Task, report: ParsedReport, agencyCode?: string, key = 'report.ask_note'): Reply {
  const { t, actor } = req;
  // "You may give a figure" only while none is known: not after "60" or "Hoàn thành" was chosen.
  const figureKnown = report.percent !== null || report.status === 'done' || report.status === 'not_started';
  const k = key === 'report.ask_note' && figureKnown ? 'report.ask_note_no_figure' : key;
  return {
    text: [t(k, { mention: mention(actor.name, actor.ref), code: task.code, status: statusLabel(report.status, report.percent, t) }), onBehalf(req, task, agencyCode)].filter(Boolean).join('\n'),
    question: { placeholder: t('report.note_placeholder') },
    about: { kind: 'prompt', taskCode: task.code, agencyCode: agencyCode ?? null, status: report.status, percent: report.percent, forUserId: actor.id },
  };
}

/** The task named by a choice or a command, if this person may report on it here; otherwise why not. */
function allowedTask(req: Request, code: string): { task: Task } | { refusal: Rich } {
  const { t, deps, actor } = req;
  const catalog = loadCatalog(deps.db);
  const canonical = parseTaskCode(code);
  const task = catalog.tasks.find((x) => x.code === canonical);
  if (!task) return { refusal: t('report.invalid_button') };
  if (actor.faceless) return { refusal: t('report.faceless') };
  const index = indexAgencies(catalog.agencies);
  const right = reportingRight(deps.db, catalog, index, reporterOf(req), task, actingOf(req).bound);
  if (right.kind === 'allowed') return { task };
  if (right.kind === 'not_registered') return { refusal: t('report.not_registered') };
  return { refusal: t('report.not_allowed', { code: task.code, agencies: right.own.map((c) => esc(index.get(c)?.short ?? c)).join(', ') || '—' }) };
}

const chooseStatusText = (req: Request, task: Task) =>
  [req.t('report.choose_status', { code: task.code, title: esc(shortTitle(task.content)) }), onBehalf(req, task)].filter(Boolean).join('\n');

/**
 * "Bạn đang báo cáo thay Sở Công Thương": said to a coordinator reporting for an agency they are not
 * an officer of, before anything is saved — the report becomes that agency's line (new-user review:
 * a coordinator's test report replaced an agency's "Hoàn thành" with nothing to warn of it).
 */
function onBehalf(req: Request, task: Task, agencyCode?: string): string {
  if (!req.actor.isCoordinator) return '';
  const { db } = req.deps;
  const catalog = loadCatalog(db);
  const index = indexAgencies(catalog.agencies);
  const acting = actingOf(req);
  const right = reportingRight(db, catalog, index, reporterOf(req), task, acting.bound);
  const code = agencyCode ?? (right.kind === 'allowed' && right.agencies.length === 1 ? right.agencies[0] : undefined);
  // Their own agencies (an officer too), not the group's: in a group bound to an agency, a
  // coordinator reports for it without being one of its officers (attack review).
  if (!code || acting.own.includes(code)) return '';
  return req.t('report.on_behalf', { agency: esc(index.get(code)?.name ?? code) });
}

function statusChoices(t: TFunction, code: string): Choice[][] {
  const choice = (s: Status) => ({ label: statusLabel(s, null, t), data: CHOICES.reportStatus.encode({ task: code, status: STATUS_SHORT[s] }) });
  return [[choice(STATUSES[1]), choice(STATUSES[2])], [choice(STATUSES[3]), choice(STATUSES[0])]];
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

// ── /undo ───────────────────────────────────────────────────────────────────────────────────────
// The echo's "↩️ Rút lại" choice withdraws exactly that report; /undo first shows which report it
// would withdraw and waits for a choice. Never two withdrawals from one choice or one command.

function undoCommand(req: Request): Outcome {
  const { t, deps, actor } = req;
  if (actor.faceless) return say({ text: t('report.faceless') });
  const o = undoCandidate(deps.db, reporterOf(req), deps.now());
  if (o.kind === 'nothing') return say({ text: t(o.pending ? 'undo.nothing_more' : 'undo.nothing') });
  if (o.kind === 'too_old') return say({ text: t('undo.too_old', { code: o.update.taskCode }) });
  if (o.kind === 'not_allowed') return say({ text: t('undo.not_allowed') });
  return say(undoOffer(req, o.update));
}

/** "Withdraw this report?" with its two choices; the offer names the report it is about. */
function undoOffer(req: Request, u: ProgressReportRow): Reply {
  const { t, actor } = req;
  return {
    text: `${t('undo.confirm')}\n${describe(req, u)}`,
    choices: [[
      { label: t('undo.confirm_button'), data: CHOICES.withdraw.encode({ report: u.id }) },
      { label: t('undo.keep_button'), data: CHOICES.keepReport.encode({ keep: 'x' }) },
    ]],
    // The offer holds the offered report's id, so the next /undo offers another one meanwhile.
    about: { kind: 'undo', taskCode: u.taskCode, agencyCode: u.agencyCode, note: String(u.id), forUserId: actor.id },
  };
}

/** un:<id> — withdraw exactly this report (from the echo, or from an /undo offer); un:x — keep it. */
function withdraw(req: Request): Outcome {
  if (CHOICES.keepReport.decode(dataOf(req))) return keepReport(req);
  const d = CHOICES.withdraw.decode(dataOf(req));
  if (!d) return stale(req);
  const { t, deps, actor } = req;
  const on = req.input.kind === 'choice' ? req.input.on : null;
  const offer = on ? botMessage(deps.db, on.chatId, on.messageId) : undefined;
  // 'undo' rows are the /undo offers; schema.ts does not list the kind.
  const fromOffer = (offer?.kind as string | undefined) === 'undo' && offer?.note === String(d.report);
  // Typed as a number, the echo's "↩️ Rút lại" may be a number meant for an older list: asked first.
  if (!fromOffer && req.conversation.numberedChoices) {
    const u = reportById(deps.db, d.report);
    if (u && u.userId === actor.id && u.withdrawnAt === null) return answer({}, undoOffer(req, u));
  }
  const o = withdrawReport(deps.db, {
    userId: actor.id,
    isCoordinator: actor.isCoordinator,
    updateId: d.report,
    eventId: req.eventId,
    now: deps.now(),
    offer: fromOffer && on ? on : undefined,
  });
  switch (o.kind) {
    case 'missing':
      return refuse(t('report.invalid_button'));
    case 'not_yours':
      return refuse(t('undo.not_yours'));
    case 'not_allowed':
      return refuse(t('undo.not_allowed'));
    case 'already':
      return refuse(t('undo.already', { code: o.update.taskCode }));
    case 'too_old':
      return refuse(t('undo.too_old_one', { code: o.update.taskCode }));
    case 'withdrawn':
      return answer({}, { text: `${t('undo.done', { code: o.update.taskCode })}\n${describe(req, o.update)}` });
  }
}

/** un:x — keep the report /undo offered; the offer is used up. */
function keepReport(req: Request): Outcome {
  const { t, deps, actor } = req;
  const on = req.input.kind === 'choice' ? req.input.on : null;
  const offer = on ? botMessage(deps.db, on.chatId, on.messageId) : undefined;
  if (!offer || offer.forUserId !== actor.id) return refuse(t('undo.not_yours'));
  if (!consumePrompt(deps.db, offer.chatId, offer.messageId, 'undo')) return refuse(t('report.already_answered'));
  return answer({}, { text: t('undo.kept', { code: offer.taskCode }) });
}

/** "**II.3** · Sở Y tế · 🔄 Đang thực hiện (40%) · 14:05 12/03/2026" and the note's start. */
function describe(req: Request, u: ProgressReportRow): Rich {
  const { t, deps } = req;
  const agency = loadCatalog(deps.db).agencies.find((a) => a.code === u.agencyCode)?.short ?? u.agencyCode;
  const note = (u.note ?? '').replace(/\s+/g, ' ');
  const head = [bold(u.taskCode), esc(agency), u.status ? statusLabel(u.status, u.percent, t) : t('history.note'), formatDateTime(u.createdAt, deps.config.timeZone)];
  return `${head.join(' · ')}\n«${esc(clip(note, 120))}»`;
}

export const progressReportRoutes: Routes = {
  commands: { update: updateCommand, undo: undoCommand },
  choices: [
    { codec: CHOICES.reportTask, run: chooseTask },
    { codec: CHOICES.reportStatus, run: chooseStatus },
    { codec: CHOICES.reportAgency, run: chooseAgency },
    // up:k carries two shapes (reportMeant, reportRetype); one use case reads both.
    { codec: CHOICES.reportMeant, run: answerQuestion },
    // un carries two shapes too (withdraw, keepReport).
    { codec: CHOICES.withdraw, run: withdraw },
  ],
  answers: answerBot,
};
