// Reading the plan: /tasks (/nhiemvu), /task (/nv), /agencies (/coquan), /plan (/kehoach),
// /targets (/chitieu), /mytasks (/viectoi); and talking with the bot: /start, /help (/trogiup),
// /lang (/ngonngu). A task's history (/lichsu) is in history.ts.
import { actingAgencies } from '../core/acting.js';
import { catalogKey, underPlanRevision } from '../core/plan-memo.js';
import { deadlinesOfYear, taskProgress } from '../core/deadlines.js';
import { loadCatalog, listSections, taskCodes, type Catalog } from '../db/queries/plan.js';
import { recordTargetValue, targetStandings } from '../db/queries/targets.js';
import { applyOnce, latestLines } from '../db/queries/progress-reports.js';
import { markPrivateChatOpen, setUserLocale, userNames } from '../db/queries/users.js';
import { namesRevision } from '../db/queries/revisions.js';
import { phrasingOf } from '../conversation/channels.js';
import { matchAgency } from '../domain/agency-match.js';
import type { Agency } from '../domain/types.js';
import { indexAgencies, tasksOfAgency } from '../domain/agencies.js';
import { PLAN } from '../domain/plan-data.js';
import type { Status } from '../domain/status.js';
import { parseSection, parseTaskCode, suggestCodes } from '../domain/task-code.js';
import { findTarget, TARGETS } from '../domain/targets.js';
import { renderAgencies, renderAgencyCard, renderPlan, renderTask, renderTaskList } from '../render/plan.js';
import { renderMyTasks, renderTaskStatus } from '../render/progress-reports.js';
import { renderTargetLines, renderTargets, vnNumber } from '../render/targets.js';
import { clip } from '../text/clip.js';
import { cleanName } from '../text/clean.js';
import { dayAt, isoToVn, yearAt } from '../text/dates.js';
import { collator, foldTokens } from '../text/fold.js';
import { CHOICES } from '../conversation/choices.js';
import type { Choice } from '../conversation/reply.js';
import { bold, esc, mono } from '../conversation/rich.js';
import { COMMANDS, commandName, MENU_ORDER } from '../conversation/commands.js';
import type { Routes } from '../conversation/router.js';
import { answer, refuse, say, type Outcome, type Request } from '../conversation/types.js';
import type { Locale } from '../config.js';
import { isLocale, type TFunction } from '../i18n.js';

const argsOf = (req: Request) => (req.input.kind === 'command' ? req.input.args.trim() : '');

/** A choice whose data does not decode: the same alert as any button the bot no longer knows. */
const stale = (req: Request) => refuse(req.t('fallback.stale_button'));

// --- /tasks ---

function listTasksCommand(req: Request): Outcome {
  return listTasks(req, argsOf(req));
}

/** Offered when an agency name was ambiguous. */
function listTasksOfAgency(req: Request): Outcome {
  const d = req.input.kind === 'choice' ? CHOICES.tasksOfAgency.decode(req.input.data) : undefined;
  if (!d) return stale(req);
  return { answer: {}, ...listTasks(req, d.agency) };
}

function listTasks(req: Request, filter: string): Outcome {
  const { t } = req;
  const catalog = loadCatalog(req.deps.db);
  const index = indexAgencies(catalog.agencies);
  const list = (items: Parameters<typeof renderTaskList>[0], header: string) => say({ text: renderTaskList(items, catalog.sections, index, t, bold(header)) });
  if (!filter) return list(catalog.tasks.map((task) => ({ task })), t('tasks.header_all', { count: catalog.tasks.length }));
  if (filter.length > 200) return say({ text: t('tasks.filter_too_long') });

  const section = parseSection(filter);
  if (section) {
    const items = catalog.tasks.filter((task) => task.section === section).map((task) => ({ task }));
    return list(items, t('tasks.header_section', { code: section, count: items.length }));
  }

  const code = parseTaskCode(filter);
  if (code && catalog.tasks.some((task) => task.code === code)) return showTask(req, code);

  const agency = matchAgency(filter, catalog.agencies);
  if (agency.kind === 'one') {
    const items = tasksOfAgency(agency.agency.code, catalog.tasks, index);
    return list(items, t('tasks.header_agency', { agency: esc(agency.agency.name), count: items.length }));
  }

  const found = searchTasks(catalog, filter);
  if (found.length) return list(found.map((task) => ({ task })), t('tasks.header_keyword', { keyword: esc(filter), count: found.length }));

  if (agency.kind === 'many') {
    const choices = agency.candidates.slice(0, 8).map((a) => [{ label: a.short, data: CHOICES.tasksOfAgency.encode({ agency: a.code }) }]);
    return say({ text: t('agency.ambiguous', { query: esc(filter), count: agency.candidates.length }), choices });
  }
  return say({ text: t('tasks.nothing_found', { query: esc(filter) }) });
}

/** Tasks whose content contains every word typed, diacritics ignored ("xuat khau" finds II.3). */
function searchTasks(catalog: Catalog, query: string) {
  const words = foldTokens(query);
  if (!words.length) return [];
  return catalog.tasks.filter((task) => words.every((w) => task.searchText.includes(w)));
}

// --- /task ---

function taskCommand(req: Request): Outcome {
  const arg = argsOf(req);
  if (!arg) return say({ text: req.t('task.usage') });
  return showTask(req, arg);
}

function showTask(req: Request, input: string): Outcome {
  const { t, deps } = req;
  const { db, config, now } = deps;
  const catalog = loadCatalog(db);
  const code = parseTaskCode(input);
  const task = code ? catalog.tasks.find((x) => x.code === code) : undefined;
  if (!task) {
    const near = suggestCodes(code, catalog.tasks.map((x) => x.code));
    const heading = code ? PLAN.headings.find((h) => h.code === code) : undefined;
    const key = heading || near.some((c) => code && c.startsWith(code + '.')) ? 'task.is_group' : 'task.not_found';
    return say({ text: t(key, { code: esc(code ?? clip(input, 40)), near: near.join(', '), first: near[0] }) });
  }
  const index = indexAgencies(catalog.agencies);
  const at = now();
  const year = yearAt(at, config.timeZone);
  const today = dayAt(at, config.timeZone);
  // The card, kept while the plan's data is unchanged (core/plan-memo.ts): the same /task is asked
  // again and again between two reports. Everything the text depends on is in the key: the catalog,
  // the day (overdue marks), the time zone, the reader's language, the channel's phrasing ("reply to
  // this message" on Telegram, "type /capnhat" on Zalo: attack review) and the people's names.
  const key = JSON.stringify([catalogKey(catalog), year, today, config.timeZone, task.code, req.actor.locale, phrasingOf(req.conversation.channel), namesRevision(db)]);
  const text = underPlanRevision(db, 'task', key, 64, () => {
    const lines = latestLines(db, year, { taskCodes: [task.code] }, {});
    const deadlines = deadlinesOfYear(db, year);
    const progress = taskProgress(deadlines, catalog, task, lines, at, config.timeZone);
    const due = deadlines.dueOf(task.code);
    const card = renderTask(
      task,
      {
        section: catalog.sections.find((s) => s.code === task.section)!,
        heading: task.parentCode ? PLAN.headings.find((h) => h.code === task.parentCode) : undefined,
        reportYear: year,
        dueDate: isoToVn(due.date),
        dueByCoordinator: due.byCoordinator,
        overdue: progress.overdue,
      },
      index,
      t,
    );
    const status = renderTaskStatus(task, lines, index, year, config.timeZone, t, userNames(db), (l) => deadlines.overdue(task.code, l.status, today));
    return `${card}\n\n${status}\n${t('task.reply_hint', { code: task.code })}`;
  });
  const choices: Choice[][] = [
    [
      { label: t('task.button_update'), data: CHOICES.reportTask.encode({ task: task.code }) },
      { label: t('task.button_history'), data: CHOICES.history.encode({ task: task.code, agency: '*', page: 0 }) },
    ],
  ];
  // Answering this message is a report on the task.
  return say({ text, choices, about: { kind: 'task', taskCode: task.code } });
}

// --- /agencies ---

function agenciesCommand(req: Request): Outcome {
  return showAgencies(req, argsOf(req));
}

/** Offered when an agency name was ambiguous. */
function agencyChoice(req: Request): Outcome {
  const d = req.input.kind === 'choice' ? CHOICES.agency.decode(req.input.data) : undefined;
  if (!d) return stale(req);
  return { answer: {}, ...showAgencies(req, d.agency) };
}

function showAgencies(req: Request, query: string): Outcome {
  const { t } = req;
  const catalog = loadCatalog(req.deps.db);
  const index = indexAgencies(catalog.agencies);
  if (!query) {
    const rows = catalog.agencies
      .map((agency) => {
        const held = tasksOfAgency(agency.code, catalog.tasks, index);
        return { agency, lead: held.filter((h) => h.role === 'lead').length, coordinating: held.filter((h) => h.role === 'coordinating').length };
      })
      .sort((a, b) => collator.compare(a.agency.name, b.agency.name));
    return say({ text: renderAgencies(rows, index, t) });
  }
  if (query.length > 200) return say({ text: t('tasks.filter_too_long') });
  const match = matchAgency(query, catalog.agencies);
  if (match.kind === 'one') return say({ text: renderAgencyCard(match.agency, tasksOfAgency(match.agency.code, catalog.tasks, index), index, t) });
  if (match.kind === 'many') {
    const choices = match.candidates.slice(0, 8).map((a) => [{ label: a.short, data: CHOICES.agency.encode({ agency: a.code }) }]);
    return say({ text: t('agency.ambiguous', { query: esc(query), count: match.candidates.length }), choices });
  }
  return say({ text: t('agency.not_found', { query: esc(query) }) });
}

// --- /plan, /targets ---

function showPlan(req: Request): Outcome {
  const { db, now, config } = req.deps;
  const [y, m, d] = PLAN.identity.issuedOn.split('-');
  const figures = renderTargetLines(targetStandings(db, yearAt(now(), config.timeZone)), req.t);
  return say({ text: renderPlan(PLAN, listSections(db), taskCodes(db).length, `${d}/${m}/${y}`, req.t, figures) });
}

// "<mã> <năm> <giá trị>[%] ; <nguồn>" — the source is required: a figure nobody can trace is not
// one a report should print.
const RECORD = /^(\S+)\s+(\d{4})\s+(-?\d+(?:[.,]\d+)?)\s*%?\s*;\s*(.+)$/s;

/** Anyone reads the plan's quantitative targets; a coordinator records a year's value with its source. */
function targetsCommand(req: Request): Outcome {
  const { t, actor } = req;
  const { db, now, config } = req.deps;
  const text = (s: string) => say({ text: s });
  const thisYear = yearAt(now(), config.timeZone);
  const args = argsOf(req);
  if (!args) return text(renderTargets(targetStandings(db, thisYear), thisYear, t, actor.isCoordinator));
  if (!actor.isCoordinator) return text(t('targets.coordinators_only'));
  const m = RECORD.exec(args);
  const target = m ? findTarget(m[1]!) : findTarget(args.split(/\s+/)[0] ?? '');
  if (!target) return text(t('targets.unknown', { codes: TARGETS.map((x) => mono(x.code)).join(', ') }));
  if (!m) return text(t('targets.usage', { code: target.code }));
  const year = Number(m[2]);
  const value = Number(m[3]!.replace(',', '.'));
  const source = clip(cleanName(m[4]!), 200);
  // The plan runs from 2024; a value for a year that has not happened yet is a typo.
  if (year < 2024 || year > thisYear) return text(t('targets.bad_year', { from: 2024, to: thisYear }));
  const range = target.measure === 'share' ? [0, 100] : [-100, 1000];
  if (!Number.isFinite(value) || value < range[0]! || value > range[1]!) return text(t('targets.bad_value', { min: range[0], max: range[1] }));
  if (!source) return text(t('targets.usage', { code: target.code }));
  applyOnce(db, req.eventId, (tx) =>
    recordTargetValue(tx, { targetCode: target.code, year, value, source, recordedBy: actor.id, recordedAt: now(), eventId: req.eventId }), now());
  const gap = Math.round((target.goal - value) * 10) / 10;
  return text(t('targets.saved', {
    label: esc(target.label), value: vnNumber(value), year, source: esc(source),
    goal: esc(target.goalText), horizon: target.horizon,
    distance: gap > 0 ? t('targets.gap', { gap: vnNumber(gap) }) : t('targets.reached'),
  }));
}

// --- /mytasks ---

/** The tasks of the agencies the person acts for here, with where each stands and when it is due. */
function myTasks(req: Request): Outcome {
  const { t, actor } = req;
  const { db, now, config } = req.deps;
  const catalog = loadCatalog(db);
  const index = indexAgencies(catalog.agencies);
  let agencies = actingAgencies(db, { userId: actor.id, isCoordinator: actor.isCoordinator }, req.conversation).agencies;
  // A coordinator, bound to no agency, names the one to look at: `/viectoi Sở KH&CN`.
  const args = req.input.kind === 'command' ? req.input.args.trim() : '';
  if (actor.isCoordinator && args) {
    const m = matchAgency(args, catalog.agencies.filter((a) => a.kind === 'agency'));
    if (m.kind === 'many') return say({ text: t('status_view.ambiguous', { query: esc(clip(args, 100)), names: m.candidates.map((a) => esc(a.short)).join(', ') }) });
    if (m.kind === 'none') return say({ text: t('mytasks.not_found', { query: esc(clip(args, 100)) }) });
    // A body renamed or merged in 2025: today's agency, whose list it is now (as /dangky and /lienket).
    const today = m.agency.change === 'unchanged' || m.agency.change === 'new' ? [m.agency] : m.agency.successors.map((c) => index.get(c)).filter((a): a is Agency => !!a && a.kind === 'agency');
    if (today.length !== 1) return say({ text: t('mytasks.split', { agency: esc(m.agency.name), names: today.map((a) => esc(a.short)).join(', ') || '—' }) });
    agencies = [today[0]!.code];
  }
  if (!agencies.length) return say({ text: t(actor.isCoordinator ? 'mytasks.coordinator' : 'report.not_registered') });
  const year = yearAt(now(), config.timeZone);
  const lines = latestLines(db, year, { agencyCodes: agencies }, {});
  const nameOf = userNames(db);
  const deadlines = deadlinesOfYear(db, year);
  const today = dayAt(now(), config.timeZone);
  const due = (code: string, status: Status | null) => ({ date: isoToVn(deadlines.dueOf(code).date), overdue: deadlines.overdue(code, status, today) });
  const parts = agencies.map((code) => {
    const reported = new Set(lines.filter((l) => l.agencyCode === code).map((l) => l.taskCode));
    return renderMyTasks(index.get(code)!, tasksOfAgency(code, catalog.tasks, index, reported), lines, year, config.timeZone, t, nameOf, due);
  });
  return say({ text: parts.join('\n\n') });
}

// --- /start, /help, /lang ---

function start(req: Request): Outcome {
  // Only after Start may the bot write to this person privately (reminders, approvals).
  if (req.conversation.kind === 'private') markPrivateChatOpen(req.deps.db, req.actor.id, true, req.conversation.channel);
  return say({ text: [req.t('start.greeting', { name: esc(req.actor.firstName ?? req.actor.name) }), '', helpText(req)].join('\n') });
}

function help(req: Request): Outcome {
  return say({ text: helpText(req) });
}

function helpText({ t, botHandle: bot, actor }: Request): string {
  const sections = [t('help.intro'), t('help.commands'), t('help.reporting'), t('help.coordination')];
  // A command the written sections do not explain yet is still listed, with its menu line: a new
  // command needs no edit here to appear in /help.
  const written = sections.join('\n');
  const more = MENU_ORDER.filter((key) => !COMMANDS[key].some((name) => new RegExp(`/${name}(?![a-z])`).test(written)));
  if (more.length) sections.push([t('help.more'), ...more.map((key) => `/${commandName(key, actor.locale)} — ${t(`menu.${key}`)}`)].join('\n'));
  return [...sections, t('help.groups', { bot })].join('\n\n');
}

// Each language is named in itself (both locales hold the same names), so anyone can find theirs.
const languageChoices = (t: TFunction): Choice[][] => [
  [
    { label: t('lang.name_vi'), data: CHOICES.language.encode({ locale: 'vi' }) },
    { label: t('lang.name_en'), data: CHOICES.language.encode({ locale: 'en' }) },
  ],
];

function langCommand(req: Request): Outcome {
  const arg = argsOf(req).toLowerCase();
  if (!arg) return say({ text: req.t('lang.current'), choices: languageChoices(req.t) });
  if (!isLocale(arg)) return say({ text: req.t('lang.unknown'), choices: languageChoices(req.t) });
  return switchTo(req, arg);
}

function langChoice(req: Request): Outcome {
  const data = req.input.kind === 'choice' ? req.input.data : '';
  const locale = CHOICES.language.decode(data)?.locale;
  // Two letters that name no language of ours were always let go quietly; anything else is stale.
  if (!isLocale(locale)) return /^lang:\w{2}$/.test(data) ? answer({}) : stale(req);
  return { answer: {}, ...switchTo(req, locale) };
}

/** The answer comes in the new language. */
function switchTo(req: Request, locale: Locale): Outcome {
  setUserLocale(req.deps.db, req.actor.id, locale);
  return say({ text: req.deps.i18n.t(locale)('lang.changed') });
}

export const planRoutes: Routes = {
  commands: {
    tasks: listTasksCommand,
    task: taskCommand,
    agencies: agenciesCommand,
    plan: showPlan,
    targets: targetsCommand,
    mytasks: myTasks,
    start,
    help,
    lang: langCommand,
  },
  choices: [
    { codec: CHOICES.tasksOfAgency, run: listTasksOfAgency },
    { codec: CHOICES.agency, run: agencyChoice },
    { codec: CHOICES.language, run: langChoice },
  ],
};
