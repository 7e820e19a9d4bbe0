import type { DigestData } from '../core/digest.js';
import { clip } from '../text/clip.js';
import type { AgencyIndex } from '../domain/agencies.js';
import { progressBar } from '../domain/progress.js';
import type { TFunction } from '../i18n.js';
import { formatDate, isoToVn } from '../text/dates.js';
import { esc, mono } from '../conversation/rich.js';
import { statusLabel } from './progress-reports.js';
import { renderTargetLines } from './targets.js';

const MAX_CHANGES = 25;

export function renderDigest(d: DigestData, index: AgencyIndex, timeZone: string, t: TFunction): string {
  const s = d.summary;
  const short = (code: string) => esc(index.get(code)?.short ?? code);
  const lines = [
    `**${t('digest.title', { from: formatDate(d.periodStart, timeZone), to: formatDate(d.periodEnd, timeZone) })}**`,
    s.daysLeft >= 0 ? t('status_view.days_left', { count: s.daysLeft, date: isoToVn(s.reportDue) }) : t('status_view.overdue', { count: -s.daysLeft, date: isoToVn(s.reportDue) }),
    '',
    `${t('status_view.overall')} ${mono(progressBar(s.percent))}`,
    ...s.bySection.map((sec) => `${mono(`${sec.section.padEnd(3)} ${progressBar(sec.percent)}`)}`),
    t('digest.coverage', { with: s.coverage.withFigure, expected: s.coverage.expected }),
    '',
    // "Cập nhật mới: không có" already says there was nothing; no second sentence for the same fact.
    `**${t('digest.changes', { count: d.changes.length })}**`,
  ];
  for (const u of d.changes.slice(-MAX_CHANGES)) {
    lines.push(`• **${u.taskCode}** ${short(u.agencyCode)}: ${u.status ? statusLabel(u.status, u.percent, t) : t('history.note')}`);
  }
  if (d.changes.length > MAX_CHANGES) lines.push(t('digest.more', { count: d.changes.length - MAX_CHANGES }));
  if (d.newlyBlocked.length) {
    lines.push('', `**${t('digest.newly_blocked', { count: d.newlyBlocked.length })}**`);
    for (const u of d.newlyBlocked) lines.push(`• **${u.taskCode}** ${short(u.agencyCode)}: ${esc(clip(u.note ?? '', 200))}`);
  }
  if (s.overdue.length) {
    lines.push('', `**${t('digest.overdue', { count: s.overdue.length })}**`);
    for (const tp of s.overdue) {
      const late = tp.lines.filter((l) => tp.expected.includes(l.agencyCode) && l.status !== 'done').map((l) => short(l.agencyCode));
      lines.push(`• **${tp.task.code}** ${t('digest.due', { date: isoToVn(tp.due) })} — ${late.join(', ') || '—'}`);
    }
  }
  lines.push('', `**${t('digest.stale', { count: d.stale.length })}**`);
  if (!d.stale.length) lines.push(t('digest.nobody_stale'));
  for (const x of d.stale) {
    lines.push(`• ${esc(x.agency.short)} — ${x.lastAt ? t('digest.last_at', { date: formatDate(x.lastAt, timeZone) }) : t('digest.never')}`);
  }
  lines.push('', `**${t('digest.targets')}**`, ...renderTargetLines(d.targets, t));
  lines.push('', t('digest.footer'));
  return lines.join('\n');
}

/**
 * The digest for channels that pay for every message (Zalo): the overall line, which tasks changed
 * (codes only) and a pointer to /tinhhinh for the rest — one message, not five.
 */
export function renderDigestShort(d: DigestData, timeZone: string, t: TFunction): string {
  const s = d.summary;
  const codes = [...new Set(d.changes.map((u) => u.taskCode))];
  return [
    `**${t('digest.title', { from: formatDate(d.periodStart, timeZone), to: formatDate(d.periodEnd, timeZone) })}**`,
    `${t('status_view.overall')} ${mono(progressBar(s.percent))}`,
    `${t('digest.changes', { count: d.changes.length })}${codes.length ? ` ${codes.slice(0, MAX_CHANGES).join(', ')}${codes.length > MAX_CHANGES ? ', …' : ''}` : ''}`,
    t('digest.short_footer'),
  ].join('\n');
}
