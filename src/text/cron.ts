// A schedule as people say it ("thứ Hai hằng tuần, 08:00"), not as cron writes it ("0 8 * * 1").
import type { TFunction } from '../i18n.js';

/**
 * Describes the common forms — every day, or on some weekdays, at a fixed time — in words; any
 * other cron expression is shown as it is, labelled as a schedule, rather than guessed at.
 */
export function describeCron(cron: string, t: TFunction): string {
  const m = /^(\d{1,2})\s+(\d{1,2})\s+\*\s+\*\s+(\*|[0-7](?:[,-][0-7])*)$/.exec(cron.trim());
  if (!m) return t('schedule.raw', { cron });
  const time = `${m[2]!.padStart(2, '0')}:${m[1]!.padStart(2, '0')}`;
  if (m[3] === '*') return t('schedule.daily', { time });
  const days = expand(m[3]!).map((d) => t(`schedule.weekday.${d % 7}`));
  return t('schedule.weekly', { days: days.join(', '), time });
}

function expand(spec: string): number[] {
  const out = new Set<number>();
  for (const part of spec.split(',')) {
    const [a, b] = part.split('-').map(Number);
    for (let d = a!; d <= (b ?? a!); d++) out.add(d % 7);
  }
  // Monday first, as Vietnamese calendars are read; Sunday (0) last.
  return [...out].sort((x, y) => ((x + 6) % 7) - ((y + 6) % 7));
}
