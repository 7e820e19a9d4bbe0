// /chitieu: the plan's quantitative targets ("Mục tiêu cụ thể") and their yearly values. Anyone
// reads them; a coordinator records a value with its source, once per Telegram update.
import { Composer } from 'telegraf';
import { clip } from '../../../text/clip.js';
import { cleanName } from '../../../text/clean.js';
import { recordTargetValue, targetStandings } from '../../../db/queries/targets.js';
import { applyOnce } from '../../../db/queries/updates.js';
import { findTarget, TARGETS } from '../../../domain/targets.js';
import { renderTargets, vnNumber } from '../../../render/targets.js';
import { yearAt } from '../../../text/dates.js';
import { esc, mono } from '../../../conversation/rich.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { commandArgs, replyRich } from '../reply.js';

export const targets = new Composer<BotContext>();

// "<mã> <năm> <giá trị>[%] ; <nguồn>" — the source is required: a figure nobody can trace is not
// one a report should print.
const RECORD = /^(\S+)\s+(\d{4})\s+(-?\d+(?:[.,]\d+)?)\s*%?\s*;\s*(.+)$/s;

targets.command([...COMMANDS.targets], async (ctx) => {
  const { now, config } = ctx.deps;
  const thisYear = yearAt(now(), config.timeZone);
  const args = commandArgs(ctx);
  if (!args) return replyRich(ctx, renderTargets(targetStandings(ctx.db, thisYear), thisYear, ctx.t, ctx.isCoordinator));
  if (!ctx.isCoordinator) return replyRich(ctx, ctx.t('targets.coordinators_only'));
  const m = RECORD.exec(args);
  const target = m ? findTarget(m[1]!) : findTarget(args.split(/\s+/)[0] ?? '');
  if (!target) return replyRich(ctx, ctx.t('targets.unknown', { codes: TARGETS.map((x) => mono(x.code)).join(', ') }));
  if (!m) return replyRich(ctx, ctx.t('targets.usage', { code: target.code }));
  const year = Number(m[2]);
  const value = Number(m[3]!.replace(',', '.'));
  const source = clip(cleanName(m[4]!), 200);
  // The plan runs from 2024; a value for a year that has not happened yet is a typo.
  if (year < 2024 || year > thisYear) return replyRich(ctx, ctx.t('targets.bad_year', { from: 2024, to: thisYear }));
  const range = target.measure === 'share' ? [0, 100] : [-100, 1000];
  if (!Number.isFinite(value) || value < range[0]! || value > range[1]!) {
    return replyRich(ctx, ctx.t('targets.bad_value', { min: range[0], max: range[1] }));
  }
  if (!source) return replyRich(ctx, ctx.t('targets.usage', { code: target.code }));
  applyOnce(ctx.db, ctx.update.update_id, () =>
    recordTargetValue(ctx.db, {
      targetCode: target.code, year, value, source, recordedBy: ctx.from.id, recordedAt: now(), telegramUpdateId: ctx.update.update_id,
    }), now());
  const gap = Math.round((target.goal - value) * 10) / 10;
  return replyRich(ctx, ctx.t('targets.saved', {
    label: esc(target.label), value: vnNumber(value), year, source: esc(source),
    goal: esc(target.goalText), horizon: target.horizon,
    distance: gap > 0 ? ctx.t('targets.gap', { gap: vnNumber(gap) }) : ctx.t('targets.reached'),
  }));
});
