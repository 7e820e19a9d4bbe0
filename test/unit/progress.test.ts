// The percentage and deadline rules, on a real database with a hand-worked year.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSummary } from '../../src/core/status.js';
import { openDatabase, type Db } from '../../src/db/open.js';
import { latestLines, rebuildLineStates } from '../../src/db/queries/progress-reports.js';
import { aggregatePercent, isOverdue, linePercent, nextPercent, progressBar, type Summary } from '../../src/domain/progress.js';
import { seedUpdate, vn } from '../support/seed.js';
import { EXPECTED_2026, seedYear2026, TODAY } from '../support/year-2026.js';

describe('the percentage rule', () => {
  it('done is 100, not started 0; in progress and blocked take the figure or keep the previous one', () => {
    expect(nextPercent(40, 'done', null)).toBe(100);
    expect(nextPercent(40, 'not_started', null)).toBe(0);
    expect(nextPercent(70, 'blocked', null)).toBe(70);
    expect(nextPercent(100, 'blocked', null)).toBe(100);
    // Reopened after "done" with "in progress" and no figure: not 100 (work in progress is not at 100 %), none until reported.
    expect(nextPercent(100, 'in_progress', null)).toBeNull();
    expect(nextPercent(100, 'in_progress', 80)).toBe(80);
    expect(nextPercent(70, 'blocked', 60)).toBe(60);
    expect(nextPercent(null, 'in_progress', null)).toBeNull();
    expect(nextPercent(40, 'in_progress', null)).toBe(40);
  });
  it('a line never reported has no figure; aggregates count a missing figure as 0, and are null when nothing has one', () => {
    expect(linePercent({ status: null, percent: null })).toBeNull();
    expect(linePercent({ status: 'in_progress', percent: null })).toBeNull();
    expect(aggregatePercent([100, 50, null, null, null, null])).toBe(25);
    expect(aggregatePercent([null, null])).toBeNull();
    expect(progressBar(null)).toBe('░░░░░░░░░░ —');
  });
  it('overdue: past the due date and not done', () => {
    expect(isOverdue(null, '2026-11-15', '2026-11-29')).toBe(true);
    expect(isOverdue('blocked', '2026-11-15', '2026-11-29')).toBe(true);
    expect(isOverdue('done', '2026-11-15', '2026-11-29')).toBe(false);
    expect(isOverdue('in_progress', '2026-11-29', '2026-11-29')).toBe(false);
  });
});

describe('a hand-worked year', () => {
  let db: Db;
  let s: Summary;
  beforeAll(() => {
    db = openDatabase(':memory:');
    seedYear2026(db);
    s = buildSummary(db, 2026, TODAY, 'Asia/Ho_Chi_Minh');
  });
  afterAll(() => db.$client.close());

  it('gives each task its status and percentage', () => {
    for (const [code, want] of Object.entries(EXPECTED_2026.tasks)) {
      const tp = s.tasks.find((t) => t.task.code === code)!;
      expect({ code, status: tp.status, percent: tp.percent }).toEqual({ code, ...want });
    }
  });
  it('adds up to the plan, section, status, category, overdue and coverage figures', () => {
    expect(s.percent).toBe(EXPECTED_2026.percent);
    expect(Object.fromEntries(s.bySection.map((x) => [x.section, x.percent]))).toEqual(EXPECTED_2026.bySection);
    expect(s.statusCounts).toEqual(EXPECTED_2026.statusCounts);
    expect(s.categories).toEqual(EXPECTED_2026.categories);
    expect(s.overdue.map((t) => t.task.code)).toEqual(EXPECTED_2026.overdue);
    expect(s.coverage).toEqual(EXPECTED_2026.coverage);
    expect(s.incomplete.map((x) => [x.agency.code, x.tasks])).toEqual(EXPECTED_2026.incomplete);
  });
  it('keeps the blocked line’s figure and reason', () => {
    const line = s.tasks.find((t) => t.task.code === 'II.3')!.lines[0]!;
    expect(line).toMatchObject({ status: 'blocked', percent: 70, statusNote: 'Chờ hướng dẫn của Bộ Công Thương' });
  });
  it('the maintained line states equal a rebuild from the updates', () => {
    const before = latestLines(db, 2026);
    rebuildLineStates(db);
    expect(latestLines(db, 2026)).toEqual(before);
  });
  it('a withdrawal recomputes the figure from what remains', () => {
    const u = seedUpdate(db, { task: 'II.3', agency: 'SCT', status: 'in_progress', percent: 90, note: 'x', at: vn(2026, 11, 1) });
    expect(latestLines(db, 2026, { taskCodes: ['II.3'] })[0]!.percent).toBe(90);
    db.$client.prepare('update updates set withdrawn_at = 1 where id = ?').run(u.id);
    rebuildLineStates(db);
    expect(latestLines(db, 2026, { taskCodes: ['II.3'] })[0]).toMatchObject({ status: 'blocked', percent: 70 });
  });
});
