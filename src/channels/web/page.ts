// The status page and a task's history, as server-rendered HTML from the same data the chat uses:
// buildSummary (core/status.ts) with the one percentage and deadline rule (domain/progress.ts,
// core/deadlines.ts), the targets (db/queries/targets.ts) and the update history. Nothing here
// computes a figure of its own; it only lays out what those say, for the whole plan or for an
// officer's agencies (never another agency's lines).
import { buildSummary } from '../../core/status.js';
import type { WebRight } from '../../core/viewers.js';
import type { Db } from '../../db/open.js';
import { loadCatalog, type Catalog } from '../../db/queries/plan.js';
import { targetStandings } from '../../db/queries/targets.js';
import { taskHistory, type HistoryEntry } from '../../db/queries/progress-reports.js';
import { userNames } from '../../db/queries/users.js';
import { targetValuesUpTo } from '../../db/queries/web.js';
import { indexAgencies, owes, type AgencyIndex } from '../../domain/agencies.js';
import { aggregatePercent, CATEGORIES, daysBetween, deadlineCategory, isOverdue, linePercent, type Line, type Summary, type TaskProgress } from '../../domain/progress.js';
import type { Status } from '../../domain/status.js';
import type { Task } from '../../domain/types.js';
import type { TFunction } from '../../i18n.js';
import { shortTitle } from '../../render/plan.js';
import { agencyLines, type AgencyLine } from '../../render/status.js';
import { vnNumber } from '../../render/targets.js';
import { clip } from '../../text/clip.js';
import { fold } from '../../text/fold.js';
import { dayAt, formatDate, formatDateTime, isoToVn } from '../../text/dates.js';
import { h, richToHtml } from './html.js';
import { STYLE } from './style.js';
import { barsSvg, type Bar } from './svg.js';

/** The first year of the plan (signed 08/5/2024): the year selector starts there. */
export const FIRST_YEAR = 2024;

export interface PageContext {
  db: Db;
  t: TFunction;
  locale: string;
  timeZone: string;
  now: number;
  right: WebRight;
  /** '/w/<token>': every link on the page starts with it. */
  base: string;
  year: number;
  /** The year the link asked for (?y=) when it could not be shown and `year` was shown instead. */
  yearAsked?: string;
  expiresAt: number;
}

/** A whole HTML document around `body`. */
export function documentHtml(o: { locale: string; title: string; body: string }): string {
  return `<!doctype html>
<html lang="${h(o.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${h(o.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${o.body}
</body>
</html>
`;
}

export const currentYear = (c: Pick<PageContext, 'now' | 'timeZone'>) => Number(dayAt(c.now, c.timeZone).slice(0, 4));

/** The years the selector offers: from the plan's first year to this one (or the one shown). */
export function yearsOffered(c: Pick<PageContext, 'now' | 'timeZone' | 'year'>): number[] {
  const last = Math.max(currentYear(c), c.year);
  const out: number[] = [];
  for (let y = FIRST_YEAR; y <= last; y++) out.push(y);
  return out;
}

/** The agencies an officer's page covers, or every agency for the whole plan. */
const sees = (right: WebRight, agencyCode: string) => right.whole || right.agencies.includes(agencyCode);

interface Scope {
  catalog: Catalog;
  index: AgencyIndex;
  summary: Summary;
  /** The rows of the matrix, in the plan's order. */
  tasks: TaskProgress[];
  /** The columns of the matrix, in the registry's order. */
  columns: string[];
}

function scopeOf(c: PageContext): Scope {
  const catalog = loadCatalog(c.db);
  const index = indexAgencies(catalog.agencies);
  const summary = buildSummary(c.db, c.year, c.now, c.timeZone, catalog);
  if (c.right.whole) {
    const used = new Set(summary.tasks.flatMap((tp) => tp.lines.map((l) => l.agencyCode)));
    return { catalog, index, summary, tasks: summary.tasks, columns: catalog.agencies.filter((a) => used.has(a.code)).map((a) => a.code) };
  }
  const scope: Scope = { catalog, index, summary, tasks: [], columns: [...c.right.agencies] };
  const held = new Set(c.right.agencies.flatMap((a) => [...heldBy(scope, a).keys()]));
  scope.tasks = summary.tasks.filter((tp) => held.has(tp.task.code));
  return scope;
}

const heldCache = new WeakMap<Scope, Map<string, Map<string, AgencyLine>>>();
/**
 * The tasks an agency answers for, by task code, with its line on each: the agency view of
 * /tinhhinh (render/status.ts agencyLines), so a cell, a "not reported" item and the chat agree.
 */
function heldBy(s: Scope, code: string): Map<string, AgencyLine> {
  let m = heldCache.get(s);
  if (!m) heldCache.set(s, (m = new Map()));
  let held = m.get(code);
  if (!held) m.set(code, (held = new Map(agencyLines(s.summary, code, s.catalog.tasks, s.index).map((x) => [x.task.code, x]))));
  return held;
}

const blankLine = (taskCode: string, agencyCode: string): Line => ({
  taskCode, agencyCode, status: null, percent: null, lastAt: 0, lastNote: null, statusAt: null, statusNote: null, lastUserId: 0, updateCount: 0,
});

/** An agency's line on a task: the one it reported, a blank one for a task it answers for, else none. */
const lineOf = (s: Scope, tp: TaskProgress, code: string): Line | undefined =>
  tp.lines.find((l) => l.agencyCode === code) ?? (heldBy(s, code).has(tp.task.code) ? blankLine(tp.task.code, code) : undefined);

const agencyName = (s: Scope, code: string) => s.index.get(code)?.short ?? code;

/** A line's own state against its task's due date: what colours its cell. */
function lineState(c: PageContext, s: Scope, tp: TaskProgress, line: Line) {
  const reported = line.updateCount > 0;
  const status: Status | null = reported ? line.status : null;
  const overdue = isOverdue(status, tp.due, s.summary.today);
  const doneDay = status === 'done' && line.statusAt ? dayAt(line.statusAt, c.timeZone) : null;
  const category = deadlineCategory(status, doneDay, tp.due, s.summary.today);
  const cls = overdue
    ? 'st-overdue'
    : status === 'blocked'
      ? 'st-blocked'
      : category === 'done_on_time'
        ? 'st-done'
        : category === 'done_late'
          ? 'st-done-late'
          : status === 'in_progress'
            ? 'st-progress'
            : status === 'not_started'
              ? 'st-not-started'
              : 'st-none';
  return { reported, status, overdue, category, cls };
}

function statusWords(t: TFunction, status: Status | null, percent: number | null, reported: boolean): string {
  if (!reported) return t('web.page.not_reported');
  if (!status) return t('status.none');
  return percent === null || status === 'done' || status === 'not_started' ? t(`status.${status}`) : `${t(`status.${status}`)} · ${percent}%`;
}

function dueWords(c: PageContext, due: string, today: string): string {
  const days = daysBetween(today, due);
  const rel = days > 0 ? c.t('web.page.due_in', { count: days }) : days === 0 ? c.t('web.page.due_today') : c.t('web.page.due_past', { count: -days });
  return `${isoToVn(due)} (${rel})`;
}

function cellHtml(c: PageContext, s: Scope, tp: TaskProgress, code: string): string {
  // A task the agency answers for (as /tinhhinh lists it: led, led with every department as I.1 is,
  // or named coordinating) reads "not reported" until it reports, on every page; blank otherwise.
  const line = lineOf(s, tp, code);
  if (!line) return '<td class="empty"></td>';
  const { t } = c;
  const st = lineState(c, s, tp, line);
  let words = statusWords(t, st.status, linePercent(line), st.reported);
  if (st.overdue) words += ` · ${t('web.page.overdue')}`;
  const role = tp.expected.length && !tp.expected.includes(code) ? `<span class="role">${h(t('web.page.coordinating'))}</span>` : '';
  const who = `${agencyName(s, code)}, ${tp.task.code}`;
  if (!line.lastNote) return `<td class="cell ${st.cls}" title="${h(`${who}: ${words}`)}">${h(words)}${role}</td>`;
  const note = clip(line.lastNote, 600);
  const meta = t('web.page.last_note', { at: formatDateTime(line.lastAt, c.timeZone), who: userNames(c.db)(line.lastUserId) });
  // The note on hover (title) and on tap (details): phones have no hover.
  return `<td class="cell ${st.cls}" title="${h(`${who}: ${words}\n${meta}: ${note}`)}"><details><summary>${h(words)}</summary><p class="note">${h(note)}</p><p class="muted">${h(meta)}</p></details>${role}</td>`;
}

/**
 * Each task's title as the matrix shows it: its first clause; or, where tasks open with the same
 * words (III.1.1–III.1.5 all begin "Xây dựng đề án/kế hoạch phát triển công nghiệp sinh học…"),
 * those words shortened and then what sets this one apart ("…lĩnh vực y tế…"), so no two rows read
 * the same. Compared folded: III.1.2's "kỹ thuât" is III.1.1's "kỹ thuật".
 */
export function matrixTitles(tasks: readonly Task[], max = 90): Map<string, string> {
  const words = tasks.map((x) => x.content.split(/\s+/).filter(Boolean));
  const folded = words.map((ws) => ws.map(fold));
  const out = new Map<string, string>();
  tasks.forEach((task, i) => {
    const mine = folded[i]!;
    let shared = 0;
    folded.forEach((other, j) => {
      let k = 0;
      while (j !== i && k < mine.length && other[k] === mine[k]) k++;
      shared = Math.max(shared, k);
    });
    // An opening shared for less than about two lines of a phone's task column shows as it is.
    if (words[i]!.slice(0, shared).join(' ').length < 32) return out.set(task.code, shortTitle(task.content, max).replace(/\.…$/, '…'));
    // Two words of the shared opening ("Xây dựng…"): a phone's task column holds three short lines,
    // and they are for what differs, from two words before it for the phrase it belongs to.
    const head = words[i]!.slice(0, 2);
    const lead = head.join(' ').replace(/[,;:\s]+$/, '');
    const rest = words[i]!.slice(Math.max(head.length, shared - 2)).join(' ');
    out.set(task.code, `${lead}… ${shortTitle(rest, Math.max(30, max - lead.length - 2))}`);
  });
  return out;
}

function matrixHtml(c: PageContext, s: Scope): string {
  const { t } = c;
  // The deadline category under the task's status, unless it only says it again ("not started").
  const category = (tp: TaskProgress) => (tp.category === 'not_started' && tp.status === 'not_started' ? '' : `<span class="role">${h(t(`category.${tp.category}`))}</span>`);
  const titles = matrixTitles(s.catalog.tasks);
  // The task's own status is the whole plan's figure: an officer's page shows only their lines, so no such column.
  const head = [`<th class="task" scope="col">${h(t('web.page.col_task'))} · ${h(t('web.page.col_due'))}</th>`, ...(c.right.whole ? [`<th scope="col">${h(t('web.page.col_status'))}</th>`] : [])]
    .concat(s.columns.map((code) => `<th scope="col" title="${h(s.index.get(code)?.name ?? code)}">${h(agencyName(s, code))}</th>`))
    .join('');
  const rows = s.tasks.map((tp) => {
    const taskWords = `${c.t(`status.${tp.status}`)}${tp.percent === null ? '' : ` · ${tp.percent}%`}`;
    const cls = tp.overdue ? 'st-overdue' : tp.status === 'blocked' ? 'st-blocked' : tp.category === 'done_on_time' ? 'st-done' : tp.category === 'done_late' ? 'st-done-late' : tp.status === 'in_progress' ? 'st-progress' : 'st-not-started';
    // The code (a link to the task's history), its due date, its title: held in place while the row scrolls.
    const task = `<th class="task" scope="row" id="task-${h(tp.task.code)}"><a href="${h(`${c.base}/t/${tp.task.code}?y=${c.year}`)}" title="${h(t('web.page.history'))}">${h(tp.task.code)}</a> <span class="due${tp.overdue ? ' late' : ''}">${h(t('web.page.col_due'))} ${h(dueWords(c, tp.due, s.summary.today))}</span><span class="title" title="${h(tp.task.content)}">${h(titles.get(tp.task.code) ?? shortTitle(tp.task.content, 90))}</span></th>`;
    const overall = c.right.whole ? `<td class="cell ${cls}">${h(taskWords)}${tp.overdue ? ` · ${h(t('web.page.overdue'))}` : ''}${category(tp)}</td>` : '';
    return `<tr>${task}${overall}${s.columns.map((code) => cellHtml(c, s, tp, code)).join('')}</tr>`;
  });
  const legend = [
    ['st-done', t('category.done_on_time')],
    ['st-done-late', t('category.done_late')],
    ['st-progress', t('category.in_progress_on_time')],
    ['st-blocked', t('status.blocked')],
    ['st-overdue', t('web.page.overdue')],
    ['st-not-started', t('status.not_started')],
    ['st-none', t('web.page.not_reported')],
  ]
    .map(([cls, label]) => `<li class="${cls}">${h(label!)}</li>`)
    .join('');
  return `<section class="card" id="matrix"><h2>${h(t('web.page.matrix'))}</h2><p class="muted">${h(t('web.page.matrix_hint'))}</p>
<div class="matrix-wrap"><table class="matrix"><thead><tr>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table></div>
<ul class="legend" aria-label="${h(t('web.page.legend'))}">${legend}</ul></section>`;
}

function countdownHtml(c: PageContext, s: Summary): string {
  const { t } = c;
  const past = s.year < currentYear(c);
  const text = past
    ? t('status_view.past_year', { year: s.year, date: isoToVn(s.reportDue) })
    : s.daysLeft > 0
      ? t('status_view.days_left', { count: s.daysLeft, date: isoToVn(s.reportDue) })
      : s.daysLeft === 0
        ? t('status_view.due_today', { date: isoToVn(s.reportDue) })
        : t('status_view.overdue', { count: -s.daysLeft, date: isoToVn(s.reportDue) });
  return `<p class="countdown${!past && s.daysLeft < 0 ? ' late' : ''}" id="countdown">${richToHtml(text)}</p>`;
}

function progressHtml(c: PageContext, s: Scope): string {
  const { t, right } = c;
  const sum = s.summary;
  let bars: Bar[];
  let overall: number | null;
  if (right.whole) {
    overall = sum.percent;
    bars = [{ label: t('web.page.overall'), percent: sum.percent, strong: true }, ...sum.bySection.map((x) => ({ label: t('web.page.section', { code: x.section }), percent: x.percent }))];
  } else {
    // The agencies' own figure, as their yearly report states it: every line they hold, a line
    // without a figure counting 0 (domain/progress.ts aggregatePercent).
    const own = right.agencies.flatMap((a) => [...heldBy(s, a).values()]);
    const pct = (list: typeof own) => aggregatePercent(list.map(({ line }) => (line ? linePercent(line) : null)));
    overall = pct(own);
    bars = [{ label: t('web.page.overall'), percent: overall, strong: true }];
    for (const sec of s.catalog.sections) {
      const inSec = own.filter((x) => x.task.section === sec.code);
      if (inSec.length) bars.push({ label: t('web.page.section', { code: sec.code }), percent: pct(inSec) });
    }
  }
  const counts = right.whole
    ? `<h3>${h(t('web.page.counts'))}</h3><ul class="plain">${(['done', 'in_progress', 'blocked', 'not_started'] as const).map((k) => `<li>${h(t(`status.${k}`))}: <strong>${sum.statusCounts[k]}</strong></li>`).join('')}</ul>
<h3>${h(t('web.page.by_deadline'))}</h3><ul class="plain">${CATEGORIES.map((k) => `<li>${h(t(`category.${k}`))}: <strong>${sum.categories[k]}</strong></li>`).join('')}</ul>`
    : '';
  const coverage = right.whole ? `<p class="muted">${h(t('web.page.coverage', { with: sum.coverage.withFigure, expected: sum.coverage.expected }))}</p>` : '';
  return `<div class="grid"><section class="card" id="counts"><h2>${h(t('web.page.overall'))}: ${overall === null ? '—' : `${overall}%`}</h2>${countdownHtml(c, sum)}${counts}</section>
<section class="card" id="progress"><h2>${h(t(right.whole ? 'web.page.by_section' : 'web.page.agency_overall'))}</h2>${barsSvg(bars, t('web.page.chart_label', { year: c.year }))}${coverage}</section></div>`;
}

function issuesHtml(c: PageContext, s: Scope): string {
  const { t, right } = c;
  const sum = s.summary;
  const blocked = sum.blocked.filter((b) => sees(right, b.line.agencyCode));
  const blockedHtml = blocked.length
    ? `<ul class="plain">${blocked
        .map(
          ({ task, line }) =>
            `<li><a href="${h(`${c.base}/t/${task.code}?y=${c.year}`)}"><strong>${h(task.code)}</strong></a> — ${h(agencyName(s, line.agencyCode))}: <span class="note">${h(clip(line.statusNote ?? line.lastNote ?? '', 400))}</span>${line.statusAt ? ` <span class="muted">(${h(t('web.page.since', { date: formatDate(line.statusAt, c.timeZone) }))})</span>` : ''}</li>`,
        )
        .join('')}</ul>`
    : `<p>${h(t('web.page.blocked_none'))}</p>`;
  // Overdue: the whole plan's tasks, or an officer's own lines past their due date.
  const overdue = right.whole
    ? sum.overdue.map((tp) => ({ tp, who: '' }))
    : s.tasks.flatMap((tp) =>
        right.agencies.flatMap((a) => {
          const held = heldBy(s, a).get(tp.task.code);
          return held && isOverdue(held.line ? held.line.status : null, tp.due, sum.today) ? [{ tp, who: right.agencies.length > 1 ? agencyName(s, a) : '' }] : [];
        }),
      );
  const overdueHtml = overdue.length
    ? `<ul class="plain">${overdue.map(({ tp, who }) => `<li><strong>${h(tp.task.code)}</strong>${who ? ` — ${h(who)}` : ''}: ${h(dueWords(c, tp.due, sum.today))}</li>`).join('')}</ul>`
    : `<p>${h(t('web.page.overdue_none'))}</p>`;
  return `<div class="grid"><section class="card" id="blocked"><h2>${h(t('web.page.blocked_title', { count: blocked.length }))}</h2>${blockedHtml}</section>
<section class="card" id="overdue"><h2>${h(t('web.page.overdue_title', { count: overdue.length }))}</h2>${overdueHtml}</section>
${right.whole ? silentHtml(c, s) : missingHtml(c, s, right.agencies)}</div>`;
}

/**
 * The whole plan: the lead agencies with no report this year, then those that reported on some of
 * their lead tasks but not all, with the tasks still missing (the same list as /tinhhinh's).
 */
function silentHtml(c: PageContext, s: Scope): string {
  const { t } = c;
  const { silent, incomplete } = s.summary;
  const list = silent.length ? `<p>${silent.map((a) => h(a.short)).join(', ')}</p>` : `<p>${h(t('web.page.silent_none', { year: c.year }))}</p>`;
  const task = (code: string) => `<a href="${h(`${c.base}/t/${code}?y=${c.year}`)}">${h(code)}</a>`;
  const partial = incomplete.length
    ? `<h3>${h(t('web.page.incomplete_title', { year: c.year, count: incomplete.length }))}</h3><ul class="plain">${incomplete
        .map(({ agency, tasks }) => `<li><strong>${h(agency.short)}</strong>: ${tasks.length} — ${tasks.map(task).join(', ')}</li>`)
        .join('')}</ul>`
    : '';
  return `<section class="card" id="silent"><h2>${h(t('web.page.silent_title', { year: c.year, count: silent.length }))}</h2>${list}${partial}</section>`;
}

/**
 * An officer's page: the tasks their agency owes a report on (owingAgencies) and has not reported
 * this year, as /viectoi lists them. Whether the agency reported anything at all says
 * little to someone who holds six tasks and reported on one.
 */
function missingHtml(c: PageContext, s: Scope, agencies: readonly string[]): string {
  const { t } = c;
  // What it owes a report on (owes: led, or led by a group it is in), as /viectoi and the coordinator count it.
  const missing = agencies.flatMap((a) => [...heldBy(s, a).values()].filter((x) => !x.line && owes(x.role)).map((x) => ({ ...x, a })));
  const list = missing.length
    ? `<ul class="plain">${missing
        .map(
          (x) =>
            `<li><a href="${h(`${c.base}/t/${x.task.code}?y=${c.year}`)}"><strong>${h(x.task.code)}</strong></a>${agencies.length > 1 ? ` — ${h(agencyName(s, x.a))}` : ''}: ${h(shortTitle(x.task.content, 80))} <span class="muted">(${h(t(`tasks.role.${x.role}`))})</span></li>`,
        )
        .join('')}</ul>`
    : `<p>${h(t('web.page.missing_none', { year: c.year }))}</p>`;
  return `<section class="card" id="silent"><h2>${h(t('web.page.missing_title', { year: c.year, count: missing.length }))}</h2>${list}</section>`;
}

function targetsHtml(c: PageContext): string {
  const { t } = c;
  const standings = targetStandings(c.db, c.year);
  const rows = standings.map((s) => {
    const latest = s.latest ? `${t('web.page.latest', { value: vnNumber(s.latest.value), year: s.latest.year })} — ${s.latest.source}` : t('targets.no_value');
    const gap = s.gap === null ? '—' : s.gap > 0 ? t('targets.gap', { gap: vnNumber(s.gap) }) : t('targets.reached');
    return `<tr><td>${h(s.target.label)}</td><td>${h(t('web.page.goal', { goal: s.target.goalText, horizon: s.target.horizon }))}</td><td>${h(latest)}</td><td>${h(gap)}</td></tr>`;
  });
  const labelOf = new Map(standings.map((s) => [s.target.code, `${s.target.label} (${s.target.horizon})`]));
  const values = targetValuesUpTo(c.db, c.year);
  const valuesHtml = values.length
    ? `<table class="simple"><thead><tr><th>${h(t('web.page.col_target'))}</th><th>${h(t('web.page.col_year'))}</th><th>${h(t('web.page.col_value'))}</th><th>${h(t('web.page.col_source'))}</th><th>${h(t('web.page.col_recorded'))}</th></tr></thead><tbody>${values
        .map((v) => `<tr><td>${h(labelOf.get(v.targetCode) ?? v.targetCode)}</td><td>${v.year}</td><td>${h(vnNumber(v.value))}%</td><td>${h(v.source)}</td><td>${h(formatDate(v.recordedAt, c.timeZone))}</td></tr>`)
        .join('')}</tbody></table>`
    : `<p>${h(t('web.page.values_none'))}</p>`;
  return `<section class="card" id="targets"><h2>${h(t('web.page.targets_title'))}</h2>
<div class="matrix-wrap"><table class="simple"><thead><tr><th>${h(t('web.page.col_target'))}</th><th>${h(t('web.page.col_goal'))}</th><th>${h(t('web.page.col_latest'))}</th><th>${h(t('web.page.col_gap'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>
<h3>${h(t('web.page.values_title', { year: c.year }))}</h3><div class="matrix-wrap">${valuesHtml}</div></section>`;
}

/** The report files a person may download from the page: the consolidated report, or their agencies' own. */
export function reportFilesFor(right: WebRight, year: number): Array<{ base: string; agencyCode?: string }> {
  if (right.whole) return [{ base: `bao-cao-kh457-${year}` }];
  return right.agencies.map((a) => ({ base: `bao-cao-kh457-${year}-${a.toLowerCase()}`, agencyCode: a }));
}

function downloadsHtml(c: PageContext, s: Scope): string {
  const { t } = c;
  const items = reportFilesFor(c.right, c.year).map((f) => {
    const label = f.agencyCode ? t('web.page.report_agency', { year: c.year, agency: s.index.get(f.agencyCode)?.name ?? f.agencyCode }) : t('web.page.report_whole', { year: c.year });
    const links = (['docx', 'xlsx', 'csv'] as const).map((ext) => `<a href="${h(`${c.base}/${f.base}.${ext}`)}" download>.${ext}</a>`).join(' ');
    return `<li>${h(label)}: ${links}</li>`;
  });
  // The digest's chart is the whole plan's: only for those who read the whole plan.
  if (c.right.whole) items.push(`<li><a href="${h(`${c.base}/bieu-do-kh457-${c.year}.png`)}" download>${h(t('web.page.chart_png', { year: c.year }))}</a></li>`);
  return `<section class="card downloads" id="downloads"><h2>${h(t('web.page.downloads'))}</h2><ul class="plain">${items.join('')}</ul></section>`;
}

function yearNav(c: PageContext, path: string): string {
  const links = yearsOffered(c).map((y) => (y === c.year ? `<span class="current" aria-current="page">${y}</span>` : `<a href="${h(`${path}?y=${y}`)}">${y}</a>`));
  // A year the page cannot show (?y=1999) is not silently replaced: the page says which it shows.
  const notice = c.yearAsked === undefined ? '' : `<p class="notice" role="status">${h(c.t('web.page.year_clamped', { asked: clip(c.yearAsked, 12), year: c.year }))}</p>`;
  return `<nav class="years" aria-label="${h(c.t('web.page.year'))}"><span>${h(c.t('web.page.year'))}:</span> ${links.join(' ')}</nav>${notice}`;
}

function headerHtml(c: PageContext, s: Scope): string {
  const { t, right } = c;
  const scope = right.whole ? t('web.page.scope_whole', { year: c.year }) : t('web.page.scope_agencies', { year: c.year, agencies: right.agencies.map((a) => s.index.get(a)?.name ?? a).join(', ') });
  return `<header class="top"><h1>${h(t('web.page.title'))}</h1><p>${h(scope)}</p></header>`;
}

function footerHtml(c: PageContext): string {
  return `<footer>${h(c.t('web.page.footer', { at: formatDateTime(c.now, c.timeZone), until: formatDateTime(c.expiresAt, c.timeZone) }))}</footer>`;
}

export function statusPage(c: PageContext): string {
  const s = scopeOf(c);
  const body = [
    headerHtml(c, s),
    '<main>',
    yearNav(c, c.base),
    progressHtml(c, s),
    issuesHtml(c, s),
    matrixHtml(c, s),
    targetsHtml(c),
    downloadsHtml(c, s),
    '</main>',
    footerHtml(c),
  ].join('\n');
  return documentHtml({ locale: c.locale, title: `${c.t('web.page.title')} — ${c.year}`, body });
}

/** A task's full history (every update, newest first), limited to the agencies the person sees. */
export function historyPage(c: PageContext, task: Task): string {
  const { t, right } = c;
  const s = scopeOf(c);
  const tp = s.summary.tasks.find((x) => x.task.code === task.code)!;
  const agencies = right.whole ? [undefined] : right.agencies;
  const entries: HistoryEntry[] = agencies
    .flatMap((a) => taskHistory(c.db, task.code, { agencyCode: a, offset: 0, limit: 10_000 }).entries)
    .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  // The officer's own lines as their cells show them ("not reported" on a task they answer for).
  const lines = right.whole ? tp.lines : right.agencies.flatMap((a) => lineOf(s, tp, a) ?? []);
  const lineItems = lines.map((l) => {
    const st = lineState(c, s, tp, l);
    return `<li class="${st.cls}">${h(agencyName(s, l.agencyCode))}: ${h(statusWords(t, st.status, linePercent(l), st.reported))}${st.overdue ? ` · ${h(t('web.page.overdue'))}` : ''}</li>`;
  });
  const items = entries.map((e) => {
    const flags = [e.editedAt ? t('history.edited_times', { count: e.revisions }) : '', e.withdrawnAt ? t('history.withdrawn') : ''].filter(Boolean).join(', ');
    const status = e.status ? statusWords(t, e.status, e.percent, true) : t('history.note');
    const files = e.files.map((f) => `<li>${h(t(`history.file.${f.kind}`))}: ${h(f.fileName ?? f.fileId)}</li>`).join('');
    return `<li><div><span class="when">${h(formatDateTime(e.createdAt, c.timeZone))}</span> · ${h(agencyName(s, e.agencyCode))} · ${h(e.authorName)}${flags ? ` <em>(${h(flags)})</em>` : ''}</div>
<div>${h(status)} · ${h(t(`history.via.${e.via}`))} · ${h(t('history.year', { year: e.year }))}</div>
<div class="note${e.withdrawnAt ? ' withdrawn' : ''}">${h(e.note ?? '')}</div>${files ? `<ul class="plain">${files}</ul>` : ''}</li>`;
  });
  const path = `${c.base}/t/${task.code}`;
  const body = [
    `<header class="top"><h1>${h(t('web.page.history_title', { code: task.code }))}</h1><p>${h(t('web.page.title'))}</p></header>`,
    '<main>',
    `<p class="no-print"><a href="${h(`${c.base}?y=${c.year}#task-${task.code}`)}">${h(t('web.page.back'))}</a></p>`,
    yearNav(c, path),
    `<section class="card"><h2>${h(task.code)}</h2><p class="note">${h(task.content)}</p>
<table class="simple"><tbody>
<tr><th>${h(t('web.page.lead_text'))}</th><td class="note">${h(task.leadText)}</td></tr>
<tr><th>${h(t('web.page.coordinating_text'))}</th><td class="note">${h(task.coordinatingText)}</td></tr>
<tr><th>${h(t('web.page.timeline'))}</th><td>${h(task.timeline)}</td></tr>
<tr><th>${h(t('web.page.due', { year: c.year }))}</th><td class="${tp.overdue && right.whole ? 'st-overdue' : ''}">${h(dueWords(c, tp.due, s.summary.today))}</td></tr>
</tbody></table>
${lineItems.length ? `<h3>${h(t('web.page.lines', { year: c.year }))}</h3><ul class="plain">${lineItems.join('')}</ul>` : ''}</section>`,
    `<section class="card" id="history"><h2>${h(t('history.title', { code: task.code, count: entries.length }))}</h2>${right.whole ? '' : `<p class="muted">${h(t('web.page.history_scope', { agencies: right.agencies.map((a) => agencyName(s, a)).join(', ') }))}</p>`}${
      entries.length ? `<ol class="history">${items.join('')}</ol>` : `<p>${h(t('web.page.history_empty'))}</p>`
    }</section>`,
    '</main>',
    footerHtml(c),
  ].join('\n');
  return documentHtml({ locale: c.locale, title: `${t('web.page.history_title', { code: task.code })}`, body });
}

/** The page shown for a missing, forged, expired or revoked link: both languages, no data. */
export function deniedPage(vi: TFunction, en: TFunction): string {
  const body = `<header class="top"><h1>${h(vi('web.page.denied_title'))}</h1><p lang="en">${h(en('web.page.denied_title'))}</p></header>
<main><section class="card"><p>${h(vi('web.page.denied'))}</p><p lang="en">${h(en('web.page.denied'))}</p></section></main>`;
  return documentHtml({ locale: 'vi', title: vi('web.page.denied_title'), body });
}
