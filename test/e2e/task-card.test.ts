// A task card (/nv) on a phone stays one message: of the leads and of the coordinating agencies
// that reported, a few — those blocked, then those overdue, then the most recent; the others are
// counted, not listed. Agencies assigned after
// the Plan, when there are many, are named on one line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { seedUpdate, vn } from '../support/seed.js';
import { COORDINATOR, message, OFFICER } from '../support/updates.js';

let h: Harness;
const clock = vn(2026, 11, 28, 10);
let others: string[] = [];

beforeAll(async () => {
  h = await startHarness({ now: () => clock });
  const db = h.app.db;
  // II.3 is led by Sở Công Thương; ten other agencies report on it, one a day.
  // II.4 is handed to twenty new agencies (as a task handed to every commune), who all report on it.
  const agency = db.$client.prepare("insert into agencies (code, name, short, aliases, kind, change, successors, confirmed, in_plan) values (?, ?, ?, '[]', 'agency', 'new', '[]', 1, 0)");
  const lead = db.$client.prepare("insert into task_agencies (task_code, agency_code, role, ord, source, started_at) values ('II.4', ?, 'lead', 100, 'assigned', ?)");
  for (let i = 1; i <= 20; i++) {
    agency.run(`XA_${i}`, `UBND xã thử ${i}`, `Xã thử ${i}`);
    lead.run(`XA_${i}`, vn(2026, 1, 1));
    seedUpdate(db, { task: 'II.4', agency: `XA_${i}`, status: 'done', note: `xong ${i}`, at: vn(2026, 9, i) });
  }
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
    // Its only lead reported: nobody is named as missing.
    expect(status).not.toContain('Chưa báo cáo');
  });

  it('names twenty agencies assigned after the Plan on one line, and lists the twelve leads that reported last', async () => {
    const replies = await h.ask(message('/nv II.4', { from: OFFICER }));
    expect(replies).toHaveLength(1);
    const text = replies[0]!;
    const today = text.split('\n').find((l) => l.startsWith('→ Giao sau Kế hoạch'));
    expect(today).toBe(`→ Giao sau Kế hoạch (20 cơ quan): ${Array.from({ length: 20 }, (_, i) => `Xã thử ${i + 1}`).join(', ')}`);
    expect(text).not.toContain('Xã thử 1 — giao sau Kế hoạch');
    const status = text.slice(text.indexOf('Tình hình năm 2026'));
    // Reported on 1–20 September: the last twelve (9–20) are listed, the first eight counted.
    for (let i = 9; i <= 20; i++) expect(status).toContain(`Xã thử ${i}: ✅ Hoàn thành`);
    for (let i = 1; i <= 8; i++) expect(status).not.toContain(`Xã thử ${i}: `);
    expect(status).toContain('… và 8 cơ quan chủ trì khác đã cập nhật (xem 🕘 Lịch sử).');
  });

  it('lists a lead blocked long ago, and those overdue, before leads that reported since', async () => {
    // II.6 is handed to thirteen communes and due on 1 November: one blocked in March, one still in
    // progress since April (both overdue now), then eleven done in September.
    const db = h.app.db;
    const lead = db.$client.prepare("insert into task_agencies (task_code, agency_code, role, ord, source, started_at) values ('II.6', ?, 'lead', 100, 'assigned', ?)");
    for (let i = 1; i <= 13; i++) lead.run(`XA_${i}`, vn(2026, 1, 1));
    await h.ask(message('/hanchot II.6 01/11/2026', { from: COORDINATOR }));
    seedUpdate(db, { task: 'II.6', agency: 'XA_1', status: 'blocked', percent: 30, note: 'Thiếu kinh phí', at: vn(2026, 3, 1) });
    seedUpdate(db, { task: 'II.6', agency: 'XA_2', status: 'in_progress', percent: 50, note: 'Đang làm', at: vn(2026, 4, 1) });
    for (let i = 3; i <= 13; i++) seedUpdate(db, { task: 'II.6', agency: `XA_${i}`, status: 'done', note: `xong ${i}`, at: vn(2026, 9, i) });
    const text = (await h.ask(message('/nv II.6', { from: OFFICER }))).join('\n');
    const status = text.slice(text.indexOf('Tình hình năm 2026'));
    // With what holds it up, in the blocker's words.
    expect(status).toMatch(/Xã thử 1: ⛔ Gặp vướng mắc \(30%\)[^\n]*quá hạn\n   <i>Thiếu kinh phí<\/i>\n/);
    expect(status).toMatch(/Xã thử 2: 🔄 Đang thực hiện \(50%\)[^\n]*quá hạn/);
    // Ten of the eleven done are listed, the one done first (3 September) counted.
    expect(status).not.toContain('Xã thử 3: ');
    for (let i = 4; i <= 13; i++) expect(status).toContain(`Xã thử ${i}: ✅`);
    expect(status).toContain('… và 1 cơ quan chủ trì khác đã cập nhật');
    // The Plan's own lead of II.6 has not reported: named, as the one still owing.
    expect(status).toContain('⚠️ Chưa báo cáo (1 cơ quan chủ trì): Sở KH&amp;CN');
  });

  it('names who owes a report on a task every department leads (I.1), on the card and in /tinhhinh', async () => {
    const card = (await h.ask(message('/nv I.1', { from: OFFICER }))).join('\n');
    const status = (await h.ask(message('/tinhhinh I.1', { from: COORDINATOR }))).join('\n');
    for (const text of [card, status]) expect(text).toMatch(/⚠️ Chưa báo cáo \(\d+ cơ quan chủ trì\): [^\n]*Sở Y tế/);
  });
});
