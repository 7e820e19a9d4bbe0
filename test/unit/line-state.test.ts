// The maintained line states must equal a full recomputation from the updates, whatever happened.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { rebuildLineStates, reviseProgressReport, withdrawProgressReport } from '../../src/db/queries/progress-reports.js';
import { seedUpdate, vn } from '../support/seed.js';

describe('line states', () => {
  it('match a rebuild after inserts, out-of-order inserts, edits and withdrawals', () => {
    const db = openDatabase(':memory:');
    const rand = (() => {
      let x = 7;
      return () => ((x = (x * 48271) % 2147483647) / 2147483647);
    })();
    const statuses = ['in_progress', 'done', 'blocked', null, 'not_started'] as const;
    const ids: number[] = [];
    for (let i = 0; i < 300; i++) {
      const u = seedUpdate(db, {
        task: ['II.3', 'III.1.3', 'V.4'][i % 3]!,
        agency: ['SCT', 'SYT'][i % 2]!,
        status: statuses[Math.floor(rand() * statuses.length)]!,
        percent: Math.floor(rand() * 100),
        note: `ghi chú ${i}`,
        // mostly forward in time, sometimes back-dated
        at: vn(2026, 1, 1) + i * 3_600_000 - (rand() < 0.1 ? 50 * 3_600_000 : 0),
      });
      ids.push(u.id);
      if (rand() < 0.1) reviseProgressReport(db, ids[Math.floor(rand() * ids.length)]!, { status: 'done', percent: 100, note: 'sửa' }, Date.now());
      if (rand() < 0.05) withdrawProgressReport(db, ids[Math.floor(rand() * ids.length)]!, Date.now(), i);
    }
    const snapshot = () => db.$client.prepare('select * from line_state order by year, task_code, agency_code').all();
    const maintained = snapshot();
    expect(maintained.length).toBeGreaterThan(0);
    rebuildLineStates(db);
    expect(snapshot()).toEqual(maintained);
  });
});
