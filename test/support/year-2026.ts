// A hand-worked reporting year, shared by the tests that check the figures in every view.
// The expected numbers below were worked out by hand from the rule in the README
// ("How the figures are computed"), not by running the code.
import type { Db } from '../../src/db/open.js';
import { setDeadline } from '../../src/db/queries/deadlines.js';
import { seedUpdate, vn } from './seed.js';

/** 29/11/2026 10:00 in An Giang: eleven days before the yearly report is due. */
export const TODAY = vn(2026, 11, 29, 10);

export function seedYear2026(db: Db, opts: { deadlines?: boolean } = {}) {
  // II.3 (Sở Công Thương): 70 %, then blocked without a figure → blocked, still 70 %.
  seedUpdate(db, { task: 'II.3', agency: 'SCT', status: 'in_progress', percent: 70, note: 'Đã khảo sát 12 doanh nghiệp', at: vn(2026, 3, 1) });
  seedUpdate(db, { task: 'II.3', agency: 'SCT', status: 'blocked', note: 'Chờ hướng dẫn của Bộ Công Thương', at: vn(2026, 6, 1) });
  // III.1.2 (Sở Công Thương): done, then blocked → blocked, still 100 %.
  seedUpdate(db, { task: 'III.1.2', agency: 'SCT', status: 'done', note: 'Đã trình UBND tỉnh đề án', at: vn(2026, 4, 1) });
  seedUpdate(db, { task: 'III.1.2', agency: 'SCT', status: 'blocked', note: 'UBND tỉnh trả lại để bổ sung kinh phí', at: vn(2026, 8, 1) });
  // III.1.3 (Sở Y tế): in progress with no figure (—), then 40 %, then in progress again with no figure → 40 %.
  seedUpdate(db, { task: 'III.1.3', agency: 'SYT', status: 'in_progress', note: 'Đã lập tổ soạn thảo', at: vn(2026, 2, 1) });
  seedUpdate(db, { task: 'III.1.3', agency: 'SYT', status: 'in_progress', percent: 40, note: 'Đã có dự thảo lần 1', at: vn(2026, 3, 1) });
  seedUpdate(db, { task: 'III.1.3', agency: 'SYT', status: 'in_progress', note: 'Đang lấy ý kiến các sở', at: vn(2026, 9, 1) });
  // II.1 (six leads): Sở Y tế done, Sở Công Thương 50 %, four leads silent → (100 + 50) / 6 = 25 %.
  seedUpdate(db, { task: 'II.1', agency: 'SYT', status: 'done', note: 'Đã phổ biến Luật', at: vn(2026, 6, 1) });
  seedUpdate(db, { task: 'II.1', agency: 'SCT', status: 'in_progress', percent: 50, note: 'Đã tổ chức 2 hội nghị', at: vn(2026, 5, 1) });
  // V.1 (Sở KH&CN, Sở Tài chính): both done; Sở Tài chính on 20/11, after a 15/11 deadline → done late.
  seedUpdate(db, { task: 'V.1', agency: 'SKHCN', status: 'done', note: 'Đã bố trí kinh phí', at: vn(2026, 10, 10) });
  seedUpdate(db, { task: 'V.1', agency: 'STC', status: 'done', note: 'Đã thẩm định dự toán', at: vn(2026, 11, 20) });
  // III.1.5 (Công an tỉnh): 30 %, deadline 01/11 passed → in progress, overdue.
  seedUpdate(db, { task: 'III.1.5', agency: 'CAT', status: 'in_progress', percent: 30, note: 'Đang xây dựng quy trình giám định ADN', at: vn(2026, 7, 1) });
  // IV.1 (Sở GD&ĐT): no report, deadline 15/11 passed → not started, overdue.
  if (opts.deadlines !== false) {
    setDeadline(db, 'V.1', 2026, '2026-11-15', 1, vn(2026, 9, 1));
    setDeadline(db, 'III.1.5', 2026, '2026-11-01', 1, vn(2026, 9, 1));
    setDeadline(db, 'IV.1', 2026, '2026-11-15', 1, vn(2026, 9, 1));
  }
}

/** What every view must say about that year. */
export const EXPECTED_2026 = {
  percent: 12, // (25 + 70 + 100 + 40 + 100 + 30) / 31 = 11.8
  bySection: { I: 0, II: 12, III: 19, IV: 0, V: 25 }, // II: 95/8; III: 170/9; V: 100/4
  statusCounts: { done: 1, in_progress: 3, blocked: 2, not_started: 25 },
  categories: { done_on_time: 0, done_late: 1, in_progress_on_time: 4, in_progress_late: 1, not_started: 25 },
  overdue: ['III.1.5', 'IV.1'],
  coverage: { withFigure: 8, expected: 46 },
  // Agencies that reported on some of the tasks they owe a report on but not all, with the rest
  // (their leads from the plan: Sở KH&CN 20 tasks, Sở Công Thương II.1 II.3 II.5 III.1.2 V.4, Sở Y
  // tế II.1 II.5 III.1.3 V.4, Sở Tài chính IV.6 V.1 V.2, Công an tỉnh III.1.5; and every department
  // I.1, led by "Các Sở, ban, ngành", which nobody reported). Most missing first, equal counts in
  // registry order.
  incomplete: [
    ['SKHCN', ['I.1', 'I.2', 'I.3', 'I.4', 'II.1', 'II.2', 'II.4', 'II.5', 'II.6', 'II.7', 'III.2', 'III.3.1', 'III.3.2', 'III.4', 'IV.2', 'IV.3', 'IV.4', 'IV.5', 'V.2', 'V.3']],
    ['SCT', ['I.1', 'II.5', 'V.4']],
    ['SYT', ['I.1', 'II.5', 'V.4']],
    ['STC', ['I.1', 'IV.6', 'V.2']],
    ['CAT', ['I.1']],
  ],
  tasks: {
    'II.1': { status: 'in_progress', percent: 25 },
    'II.3': { status: 'blocked', percent: 70 },
    'III.1.2': { status: 'blocked', percent: 100 },
    'III.1.3': { status: 'in_progress', percent: 40 },
    'III.1.5': { status: 'in_progress', percent: 30 },
    'IV.1': { status: 'not_started', percent: null },
    'V.1': { status: 'done', percent: 100 },
    'I.3': { status: 'not_started', percent: null },
  },
} as const;
