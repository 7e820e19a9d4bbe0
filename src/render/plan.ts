import type { AgencyIndex, AgencyTask } from '../domain/agencies.js';
import { clip } from '../text/clip.js';
import type { PlanSeed } from '../domain/plan-schema.js';
import type { Agency, Section, Task } from '../domain/types.js';
import type { TFunction } from '../i18n.js';
import { esc } from '../conversation/rich.js';
import { agencyShortWithToday, successorNote, todayInPlaceOf } from './agency.js';

const SHORT_TITLE = 90;

/** The first clause of a task's content, cut on a word boundary: enough to recognise it in a list. */
export function shortTitle(content: string, max = SHORT_TITLE): string {
  const clause = content.split(/;\s/)[0]!.replace(/[.;,\s]+$/, '');
  if (clause.length <= max) return clause;
  const cut = clause.lastIndexOf(' ', max - 1);
  if (cut > max / 2) return `${clause.slice(0, cut).replace(/[,;:\s]+$/, '')}…`;
  return clip(clause, max - 1);
}

export interface TaskListItem {
  task: Task;
  role?: AgencyTask['role'];
}

export function renderTaskList(
  items: readonly TaskListItem[],
  sections: readonly Section[],
  index: AgencyIndex,
  t: TFunction,
  header: string,
): string {
  const lines = [header];
  for (const s of sections) {
    const inSection = items.filter((i) => i.task.section === s.code);
    if (!inSection.length) continue;
    lines.push('', `**${s.code}. ${esc(s.title)}**`);
    for (const { task, role } of inSection) {
      const leads = task.lead.map((c) => agencyShortWithToday(c, index)).join('; ');
      const roleNote = role && role !== 'lead' ? ` __(${t(`tasks.role.${role}`)})__` : '';
      lines.push(`• **${task.code}** ${esc(shortTitle(task.content))} — __${leads}__${roleNote}`);
    }
  }
  lines.push('', t('tasks.footer'));
  return lines.join('\n');
}

export interface TaskDetailContext {
  section: Section;
  heading?: { code: string; content: string };
  reportYear: number;
  /** The task's due date this year, 'dd/mm/yyyy' (core/deadlines.ts). */
  dueDate: string;
  /** Set by the coordinator with /deadline, rather than the yearly report date. */
  dueByCoordinator: boolean;
  /** Past the due date and not done. */
  overdue: boolean;
}

const cellLines = (text: string) => text.split('\n').map((l) => esc(l));

export function renderTask(task: Task, ctx: TaskDetailContext, index: AgencyIndex, t: TFunction): string {
  const lines = [
    `**${t('task.title', { code: task.code })}**`,
    t('task.section', { code: ctx.section.code, title: esc(ctx.section.title) }),
  ];
  if (ctx.heading) lines.push(t('task.heading', { code: ctx.heading.code, content: esc(ctx.heading.content) }));
  lines.push('', `**${t('task.content')}**`, esc(task.content));

  lines.push('', `**${t('task.lead')}**`, ...cellLines(task.leadText));
  lines.push(...todayLines(task.lead, index, t, true));

  lines.push('', `**${t('task.coordinating')}**`, ...cellLines(task.coordinatingText));
  lines.push(...todayLines(task.coordinating, index, t, false));

  lines.push('', `**${t('task.timeline')}**`, task.timeline ? esc(task.timeline) : t('task.timeline_empty'));
  lines.push('', t(ctx.dueByCoordinator ? 'task.due_set' : 'task.due_default', { year: ctx.reportYear, date: ctx.dueDate }));
  if (ctx.overdue) lines.push(t('task.overdue'));
  return lines.join('\n');
}

/**
 * The "today" view of an agency cell. For leads every agency is listed, since officers must know
 * who reports now; for coordinating agencies only those the 2025 reorganisation changed.
 */
function todayLines(codes: readonly string[], index: AgencyIndex, t: TFunction, all: boolean): string[] {
  const agencies = codes.map((c) => index.get(c)).filter((a): a is Agency => !!a);
  const shown = all ? agencies : agencies.filter((a) => successorNote(a, index, t));
  if (!shown.length) return [];
  if (all && shown.every((a) => !successorNote(a, index, t) && a.inPlan)) return [];
  // Agencies assigned after the Plan, when there are many (a task handed to every commune), share
  // one line of short names: the card must stay one message on a phone, and every name is kept.
  const later = shown.filter((a) => !a.inPlan && !successorNote(a, index, t));
  const together = later.length > ASSIGNED_LATER_LISTED ? new Set(later) : new Set<Agency>();
  return [
    // For coordinating agencies only what changed is listed: said so, lest the others seem dropped.
    `__${t(all ? 'task.today' : 'task.today_changed')}__`,
    ...shown.filter((a) => !together.has(a)).map((a) => `→ ${todayInPlaceOf(a, index, t, all ? 'lead' : 'coordinating')}${a.inPlan ? '' : t('task.assigned_later')}`),
    ...(together.size ? [t('task.assigned_later_many', { count: together.size, names: later.map((a) => esc(a.short)).join(', ') })] : []),
  ];
}

/** Above this many agencies assigned after the Plan, a task card names them on one line. */
const ASSIGNED_LATER_LISTED = 6;

export interface AgencyCount {
  agency: Agency;
  lead: number;
  coordinating: number;
}

export function renderAgencies(rows: readonly AgencyCount[], index: AgencyIndex, t: TFunction): string {
  const lines = [`**${t('agencies.title')}**`];
  const groups: Array<[string, AgencyCount[]]> = [
    ['agencies.in_plan', rows.filter((r) => r.agency.inPlan && r.agency.kind === 'agency')],
    ['agencies.groups', rows.filter((r) => r.agency.kind === 'group' && r.agency.inPlan)],
    ['agencies.new', rows.filter((r) => !r.agency.inPlan)],
  ];
  for (const [key, list] of groups) {
    if (!list.length) continue;
    lines.push('', `**${t(key)}**`);
    for (const r of list) {
      const counts = t('agencies.counts', { lead: r.lead, coordinating: r.coordinating });
      lines.push(`• **${esc(r.agency.short)}** — ${esc(r.agency.name)} ${successorNote(r.agency, index, t)} · ${counts}`.replace(/\s+·/, ' ·'));
    }
  }
  lines.push('', t('agencies.footer'));
  return lines.join('\n');
}

export function renderAgencyCard(a: Agency, tasks: readonly AgencyTask[], index: AgencyIndex, t: TFunction): string {
  // "Sở Y tế (Sở Y tế)" says nothing: the short name only when it differs.
  const lines = [a.short === a.name ? `**${esc(a.name)}**` : `**${esc(a.name)}** (${esc(a.short)})`];
  const note = successorNote(a, index, t);
  if (note) lines.push(note);
  if (a.aliases.length) lines.push(t('agencies.aliases', { aliases: a.aliases.map(esc).join(', ') }));
  if (a.change === 'abolished') lines.push(t('agencies.needs_reassignment'));
  lines.push('');
  if (!tasks.length) lines.push(t('agencies.no_tasks'));
  for (const { task, role } of tasks) {
    lines.push(`• **${task.code}** ${esc(shortTitle(task.content, 70))} __(${t(`tasks.role.${role}`)})__`);
  }
  return lines.join('\n');
}

/** `targetLines`: the quantitative targets with their latest recorded figures (render/targets.ts). */
export function renderPlan(plan: PlanSeed, sections: readonly Section[], taskCount: number, issuedOn: string, t: TFunction, targetLines: string[] = []): string {
  const id = plan.identity;
  const lines = [
    `**${t('plan.title', { number: esc(id.number), date: issuedOn })}**`,
    esc(id.title),
    '',
    t('plan.issuer', { issuer: esc(id.issuer), signer: esc(id.signer), signerTitle: esc(id.signerTitle) }),
    `**${t('plan.implements')}**`,
    ...id.implements.map((d) => `• ${esc(d)}`),
    '',
    `**${t('plan.purpose')}**`,
    esc(id.purpose),
    '',
    `**${t('plan.targets2030')}**`,
    ...id.targets2030.map((d) => `• ${esc(d)}`),
    '',
    `**${t('plan.targets2045')}**`,
    ...id.targets2045.map((d) => `• ${esc(d)}`),
    '',
    ...(targetLines.length ? [`**${t('plan.figures')}**`, ...targetLines, t('plan.figures_more'), ''] : []),
    `**${t('plan.appendix', { tasks: taskCount, sections: sections.length })}**`,
    ...sections.map((s) => `${s.code}. ${esc(s.title)}`),
    '',
    `**${t('plan.reporting')}**`,
    esc(id.reportingRule),
  ];
  return lines.join('\n');
}
