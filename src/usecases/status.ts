// /status (/tinhhinh): where the plan stands — the whole plan for the coordinator, their own
// agency for an officer. /deadline (/hanchot): the coordinator sets a task's due date, confirming
// first when it falls after the yearly report or in another year.
import { actingAgencies } from '../core/acting.js';
import { setTaskDeadline, type SetDeadlineInput, type SetDeadlineOutcome } from '../core/deadlines.js';
import { mayView } from '../core/viewers.js';
import { catalogKey, underPlanRevision } from '../core/plan-memo.js';
import { buildSummary } from '../core/status.js';
import { loadCatalog } from '../db/queries/plan.js';
import { namesRevision } from '../db/queries/revisions.js';
import { phrasingOf } from '../conversation/channels.js';
import { userNames } from '../db/queries/users.js';
import { matchAgency } from '../domain/agency-match.js';
import { indexAgencies } from '../domain/agencies.js';
import { reportDueDate, reportDueIso } from '../domain/yearly-report.js';
import { parseSection, parseTaskCode } from '../domain/task-code.js';
import type { Summary } from '../domain/progress.js';
import type { Task } from '../domain/types.js';
import { renderAgencyStatus, renderOverall, renderSection, renderTaskProgress, type StatusContext } from '../render/status.js';
import { dayAt, isoToVn, vnToIso, yearAt } from '../text/dates.js';
import { clip } from '../text/clip.js';
import { CHOICES } from '../conversation/choices.js';
import { esc } from '../conversation/rich.js';
import { coordinatorsOnly } from '../conversation/guards.js';
import type { Routes } from '../conversation/router.js';
import { answer, refuse, say, type Outcome, type Request } from '../conversation/types.js';
import type { TFunction } from '../i18n.js';

function viewStatus(req: Request): Outcome {
  const { deps, t, actor } = req;
  const { db, now, config } = deps;
  let args = req.input.kind === 'command' ? req.input.args.trim() : '';
  let year = yearAt(now(), config.timeZone);
  const y = /(?:^|\s)(20\d\d)$/.exec(args);
  if (y) {
    year = Number(y[1]);
    args = args.slice(0, y.index).trim();
  }
  if (args.length > 200) return say({ text: t('tasks.filter_too_long') });
  const catalog = loadCatalog(db);
  const index = indexAgencies(catalog.agencies);
  // One summary for every view of the year (kept under the plan data revision: core/status.ts),
  // made when a view needs it.
  let made: Summary | undefined;
  const summary = () => (made ??= buildSummary(db, year, now(), config.timeZone, catalog));
  const c: StatusContext = { index, sections: catalog.sections, timeZone: config.timeZone, t, nameOf: userNames(db) };
  // Each view's text is kept under the plan data revision too (core/plan-memo.ts), as /task's card:
  // it is made from the summary (same key) with the reader's language and channel's phrasing, and
  // the people's names.
  const today = dayAt(now(), config.timeZone);
  const phrasing = phrasingOf(req.conversation.channel);
  const kept = (view: string, render: () => string) =>
    underPlanRevision(db, 'status-view', JSON.stringify([view, catalogKey(catalog), year, today, config.timeZone, actor.locale, phrasing, namesRevision(db)]), 32, render);
  const agencyView = (code: string, section?: string) =>
    kept(`agency:${code}:${section ?? ''}`, () => renderAgencyStatus(summary(), index.get(code)!, catalog.tasks, c, section));
  const taskView = (code: string) => kept(`task:${code}`, () => renderTaskProgress(summary(), code, c));
  const text = (s: string) => say({ text: s });
  const acting = actingAgencies(db, { userId: actor.id, isCoordinator: actor.isCoordinator }, req.conversation);

  // Coordinators and viewers read the whole plan; an officer their own agency.
  if (!mayView(db, actor)) {
    const agencies = acting.agencies;
    if (!agencies.length) return text(t('status_view.not_registered'));
    if (!args) return text(agencies.map((a) => agencyView(a)).join('\n\n'));
    // An officer narrows their own agency's view; they never get another agency's, and a filter
    // they typed is never silently dropped.
    const section = parseSection(args);
    if (section) return text(agencies.map((a) => agencyView(a, section)).join('\n\n'));
    const code = parseTaskCode(args);
    if (code && catalog.tasks.some((x) => x.code === code)) return text(taskView(code));
    const m = matchAgency(args, catalog.agencies);
    if (m.kind === 'one' && agencies.includes(m.agency.code)) return text(agencyView(m.agency.code));
    if (m.kind === 'one') return text(t('status_view.own_agency_only', { agency: esc(m.agency.short) }));
    return text(t('status_view.officer_filter', { query: esc(clip(args, 100)) }));
  }
  if (!args) {
    if (acting.bound) return text(agencyView(acting.bound));
    return text(kept('overall', () => renderOverall(summary(), c)));
  }
  const section = parseSection(args);
  if (section) return text(kept(`section:${section}`, () => renderSection(summary(), catalog.sections.find((s) => s.code === section)!, c)));
  const code = parseTaskCode(args);
  if (code && catalog.tasks.some((x) => x.code === code)) return text(taskView(code));
  const m = matchAgency(args, catalog.agencies);
  if (m.kind === 'one') return text(agencyView(m.agency.code));
  if (m.kind === 'many') return text(t('status_view.ambiguous', { query: esc(args), names: m.candidates.map((a) => esc(a.short)).join(', ') }));
  return text(t('tasks.nothing_found', { query: esc(args) }));
}

function setDeadline(req: Request): Outcome {
  const { t, deps } = req;
  const args = req.input.kind === 'command' ? req.input.args.trim() : '';
  const [codeArg = '', dateArg = '', ...rest] = args.split(/\s+/);
  const task = loadCatalog(deps.db).tasks.find((x) => x.code === parseTaskCode(codeArg));
  const iso = vnToIso(dateArg);
  if (!task || !iso || rest.length) return say({ text: t('deadline.usage') });
  return say(deadlineAnswer(t, setTaskDeadline(deps, deadlineInput(req, task, iso)), task));
}

// The choice's data is user-controlled: the presser is checked again, the task and date
// re-validated, and the stored date must still be the one the question was asked over.
function confirmDeadline(req: Request): Outcome {
  const { t, deps } = req;
  const d = req.input.kind === 'choice' ? CHOICES.deadline.decode(req.input.data) : undefined;
  const task = d && loadCatalog(deps.db).tasks.find((x) => x.code === d.task);
  const iso = d && compactToIso(d.date);
  const expected = d && d.stored !== '-' ? compactToIso(d.stored) : null;
  if (!d || !task || !iso || (d.stored !== '-' && !expected)) return refuse(t('deadline.invalid_button'));
  // The question was answered: its choices go, so the message no longer invites a press.
  if (d.answer === 'n') return { answer: { text: t('deadline.cancelled_short') }, closeChoices: true, replies: [{ text: t('deadline.cancelled', { code: task.code }), quote: false }] };
  const outcome = setTaskDeadline(deps, { ...deadlineInput(req, task, iso), confirmed: { expected } });
  if (outcome.kind === 'out_of_range') return { ...refuse(t('deadline.out_of_range', { from: outcome.from, to: outcome.to })), closeChoices: true };
  if (outcome.kind === 'unchanged') return { ...refuse(t('deadline.unchanged', { code: task.code, year: outcome.year, date: isoToVn(iso) })), closeChoices: true };
  if (outcome.kind === 'stale') {
    return { ...refuse(t('deadline.stale', { code: task.code, year: outcome.year, current: shownDate(t, outcome.current, outcome.year) })), closeChoices: true };
  }
  return { ...answer({}, deadlineAnswer(t, outcome, task)), closeChoices: true };
}

function deadlineInput(req: Request, task: Task, due: string): SetDeadlineInput {
  return { task, due, by: { id: req.actor.id, name: req.actor.name }, eventId: req.eventId };
}

function deadlineAnswer(t: TFunction, o: SetDeadlineOutcome, task: Task) {
  switch (o.kind) {
    case 'unchanged':
      return { text: t('deadline.unchanged', { code: task.code, year: o.year, date: isoToVn(o.due) }) };
    case 'stale':
      return { text: t('deadline.stale', { code: task.code, year: o.year, current: shownDate(t, o.current, o.year) }) };
    case 'confirm': {
      const data = (answer: 'y' | 'n') =>
        CHOICES.deadline.encode({ answer, task: task.code, date: o.due.replaceAll('-', ''), stored: o.previous ? o.previous.replaceAll('-', '') : '-' });
      const key = o.reason === 'after_report' ? 'deadline.confirm' : `deadline.confirm_${o.reason}`;
      return {
        text: t(key, { code: task.code, year: o.year, date: isoToVn(o.due), report: isoToVn(o.reportDue), current: shownDate(t, o.previous, o.year) }),
        choices: [[{ label: t('deadline.button_confirm'), data: data('y') }, { label: t('deadline.button_cancel'), data: data('n') }]],
      };
    }
    case 'out_of_range':
      return { text: t('deadline.out_of_range', { from: o.from, to: o.to }) };
    case 'saved': {
      const lines = [
        o.previous
          ? t('deadline.moved', { code: task.code, year: o.year, date: isoToVn(o.due), previous: isoToVn(o.previous) })
          : t('deadline.set', { code: task.code, year: o.year, date: isoToVn(o.due) }),
      ];
      if (o.due > reportDueIso(o.year)) lines.push(t('deadline.after_report', { report: reportDueDate(o.year) }));
      if (o.past) lines.push(t('deadline.already_past'));
      const reached = o.told.filter((x) => x.groups || x.officers);
      const unreached = o.told.filter((x) => !x.groups && !x.officers);
      if (reached.length) {
        const list = reached.map((x) =>
          x.groups ? t('deadline.via_groups', { agency: esc(x.agency.short), count: x.groups }) : t('deadline.via_officers', { agency: esc(x.agency.short), count: x.officers }),
        );
        lines.push(t('deadline.told', { list: list.join('; ') }));
      }
      if (unreached.length) lines.push(t('deadline.not_told', { list: unreached.map((x) => esc(x.agency.short)).join(', ') }));
      if (!o.told.length) lines.push(t(o.replayed ? 'deadline.told_none' : 'deadline.no_leads'));
      return { text: lines.join('\n') };
    }
  }
}

/** A stored due date, or "the yearly report date 10/12/Y" when none was set. */
function shownDate(t: TFunction, iso: string | null, year: number): string {
  return iso ? isoToVn(iso) : t('deadline.default_due', { date: reportDueDate(year) });
}

/** 'yyyymmdd' from a choice → 'yyyy-mm-dd', or null when it is not a real date. */
function compactToIso(s: string): string | null {
  return vnToIso(`${s.slice(6, 8)}/${s.slice(4, 6)}/${s.slice(0, 4)}`);
}

export const statusRoutes: Routes = {
  commands: { status: viewStatus, deadline: coordinatorsOnly(setDeadline) },
  choices: [{ codec: CHOICES.deadline, run: coordinatorsOnly(confirmDeadline) }],
};
