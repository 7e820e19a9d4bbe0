// latestLines reads only the lines a view asks for (one task's, one agency's) in SQL: the result
// must be exactly the year's lines filtered, with notes only where the view shows them.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { latestLines, type NotesFor } from '../../src/db/queries/progress-reports.js';
import { rng } from '../support/rng.js';
import { seedUpdate, vn } from '../support/seed.js';

describe('latestLines', () => {
  it('filters by task and agency, and keeps notes only for blocked lines and the one asked about', () => {
    const db = openDatabase(':memory:');
    const rand = rng(457);
    const tasks = ['II.3', 'III.1.3', 'V.4', 'I.1'];
    const agencies = ['SCT', 'SYT', 'SKHCN'];
    const statuses = ['in_progress', 'done', 'blocked', null, 'not_started'] as const;
    for (let i = 0; i < 120; i++) {
      seedUpdate(db, {
        task: tasks[Math.floor(rand() * tasks.length)]!,
        agency: agencies[Math.floor(rand() * agencies.length)]!,
        status: statuses[Math.floor(rand() * statuses.length)]!,
        percent: Math.floor(rand() * 100),
        note: `ghi chú ${i}`,
        at: vn(i % 2 ? 2026 : 2025, 3, 1) + i * 3_600_000,
      });
    }
    const all = latestLines(db, 2026);
    expect(all.length).toBeGreaterThan(5);
    expect(all.some((l) => l.status === 'blocked')).toBe(true);
    const noted = (notes: NotesFor) =>
      all.map((l) => {
        const keep = notes === 'all' || l.status === 'blocked' || l.taskCode === notes.taskCode || l.agencyCode === notes.agencyCode;
        return { ...l, lastNote: keep ? l.lastNote : null, statusNote: keep ? l.statusNote : null };
      });
    for (const notes of ['all', {}, { taskCode: 'II.3' }, { agencyCode: 'SYT' }] as NotesFor[]) {
      const expected = noted(notes);
      expect(latestLines(db, 2026, {}, notes)).toEqual(expected);
      expect(latestLines(db, 2026, { taskCodes: ['II.3'] }, notes)).toEqual(expected.filter((l) => l.taskCode === 'II.3'));
      expect(latestLines(db, 2026, { taskCodes: ['V.4', 'I.1'] }, notes)).toEqual(expected.filter((l) => ['V.4', 'I.1'].includes(l.taskCode)));
      expect(latestLines(db, 2026, { agencyCodes: ['SCT'] }, notes)).toEqual(expected.filter((l) => l.agencyCode === 'SCT'));
      expect(latestLines(db, 2026, { taskCodes: ['II.3'], agencyCodes: ['SYT', 'SCT'] }, notes)).toEqual(
        expected.filter((l) => l.taskCode === 'II.3' && l.agencyCode !== 'SKHCN'),
      );
      expect(latestLines(db, 2026, { taskCodes: [] }, notes)).toEqual([]);
    }
    // Another year is another year.
    expect(latestLines(db, 2025, { taskCodes: ['II.3'] }).every((l) => l.taskCode === 'II.3')).toBe(true);
  });
});
