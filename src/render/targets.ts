// The plan's quantitative targets with the latest recorded value: /chitieu, /kehoach and the digest.
import type { TargetStanding } from '../domain/targets.js';
import type { TFunction } from '../i18n.js';
import { esc, mono } from '../conversation/rich.js';

/** 3.2 → "3,2": Vietnamese writes the decimal comma. */
export const vnNumber = (x: number): string => String(Math.round(x * 10) / 10).replace('.', ',');

/** One line per target: what the plan sets, the latest value with its year and source, and the distance left. */
export function renderTargetLines(standings: readonly TargetStanding[], t: TFunction): string[] {
  return standings.map((s) => {
    const head = `• **${esc(s.target.label)}** — ${t('targets.goal', { goal: esc(s.target.goalText), horizon: s.target.horizon })}`;
    // One line per target, so a long message is never split between a target and its figure.
    if (!s.latest) return `${head}: ${t('targets.no_value')} · ${mono(`/chitieu ${s.target.code}`)}`;
    const gap = s.gap! > 0 ? t('targets.gap', { gap: vnNumber(s.gap!) }) : t('targets.reached');
    return `${head}: ${t('targets.value', { value: vnNumber(s.latest.value), year: s.latest.year, source: esc(s.latest.source) })} · ${gap}`;
  });
}

export function renderTargets(standings: readonly TargetStanding[], year: number, t: TFunction, canRecord: boolean): string {
  const lines = [`**${t('targets.title', { year })}**`, '', ...renderTargetLines(standings, t)];
  lines.push('', canRecord ? t('targets.howto_record') : t('targets.who_records'));
  return lines.join('\n');
}
