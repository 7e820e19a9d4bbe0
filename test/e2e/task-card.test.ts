// A task card (/nv) on a phone stays one message: every lead's line, and of the coordinating
// agencies that reported, the most recent few; the others are counted, not listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { seedUpdate, vn } from '../support/seed.js';
import { message, OFFICER } from '../support/updates.js';

let h: Harness;
const clock = vn(2026, 11, 28, 10);
let others: string[] = [];

beforeAll(async () => {
  h = await startHarness({ now: () => clock });
  const db = h.app.db;
  // II.3 is led by Sở Công Thương; ten other agencies report on it, one a day.
  others = (db.$client.prepare("select code from agencies where kind = 'agency' and code <> 'SCT' order by code limit 10").all() as Array<{ code: string }>).map((r) => r.code);
  seedUpdate(db, { task: 'II.3', agency: 'SCT', status: 'in_progress', percent: 40, note: 'Hội chợ', at: vn(2026, 3, 1) });
  others.forEach((agency, i) => seedUpdate(db, { task: 'II.3', agency, status: 'in_progress', percent: 10 + i, note: `phần ${i}`, at: vn(2026, 10, 1 + i) }));
});
afterAll(() => h?.close());

describe('the task card', () => {
  it('lists the lead and the eight coordinating agencies that reported last, and counts the other two', async () => {
    const replies = await h.ask(message('/nv II.3', { from: OFFICER }));
    expect(replies).toHaveLength(1);
    const text = replies[0]!;
    const status = text.slice(text.indexOf('Tình hình năm 2026'));
    const names = (code: string) => h.app.db.$client.prepare('select short from agencies where code = ?').pluck().get(code) as string;
    expect(status).toContain('Sở Công Thương: 🔄 Đang thực hiện (40%)');
    // The two that reported first (1 and 2 October) are counted; the eight after them are listed.
    for (const code of others.slice(2)) expect(status).toContain(`${names(code).replace(/&/g, '&amp;')} <i>(phối hợp)</i>`);
    for (const code of others.slice(0, 2)) expect(status).not.toContain(`${names(code).replace(/&/g, '&amp;')} <i>(phối hợp)</i>`);
    expect(status).toContain('… và 2 cơ quan phối hợp khác đã cập nhật (xem 🕘 Lịch sử).');
  });
});
