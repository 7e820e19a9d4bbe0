// Proposals and reassignment after the 2025 reorganisation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerOfficer, startHarness, type Harness } from '../support/harness.js';
import { COORDINATOR, message, OFFICER } from '../support/updates.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await registerOfficer(h, OFFICER, 'Sở Y tế');
});
afterAll(() => h?.close());

const rows = (q: string, ...a: unknown[]) => h.app.db.$client.prepare(q).all(...a);

describe('/propose', () => {
  it('records the proposal and tells the coordinator', async () => {
    const calls = await h.send(message('/kiennghi III.1.3 Đề nghị điều chỉnh <thời hạn> sang 2027'));
    expect(calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text)).join()).toContain('Đã gửi đề xuất');
    const notice = calls.find((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === COORDINATOR.id)!;
    expect(notice.payload.text).toContain('Đề nghị điều chỉnh &lt;thời hạn&gt; sang 2027');
    expect(rows('select task_code, agency_code, text from proposals')).toEqual([
      { task_code: 'III.1.3', agency_code: 'SYT', text: 'Đề nghị điều chỉnh <thời hạn> sang 2027' },
    ]);
  });
  it('refuses an empty proposal and strangers', async () => {
    expect((await h.ask(message('/kiennghi III.1.3   '))).join()).toContain('Cú pháp');
    expect((await h.ask(message('/kiennghi II.3 abc', { from: { id: 1234, is_bot: false, first_name: 'X' } }))).join()).toContain('/dangky');
    expect(rows('select count(*) n from proposals')).toEqual([{ n: 1 }]);
  });
});

describe('/assign', () => {
  it('adds a lead, then ends one, keeping who was responsible when', async () => {
    expect((await h.ask(message('/giaoviec II.8 Sở Tài chính', { from: COORDINATOR }))).join()).toContain('Chủ trì hiện nay: Cục Thống kê, Sở Tài chính');
    expect((await h.ask(message('/giaoviec II.8 -Cục Thống kê', { from: COORDINATOR }))).join()).toContain('Chủ trì hiện nay: Sở Tài chính');
    expect(rows("select agency_code, source, ended_at is not null as ended from task_agencies where task_code = 'II.8' and role = 'lead' order by id")).toEqual([
      { agency_code: 'CTK', source: 'plan', ended: 1 },
      { agency_code: 'STC', source: 'assigned', ended: 0 },
    ]);
    const detail = (await h.ask(message('/nv II.8'))).join('\n');
    expect(detail).toContain('Cục thống kê tỉnh'); // the plan's words stay
    expect(detail).toContain('Sở Tài chính — giao sau Kế hoạch');
    expect((await h.ask(message('/viectoi'))).join()).not.toContain('II.8');
  });
  it('is for coordinators only', async () => {
    expect((await h.ask(message('/giaoviec II.8 Sở Y tế'))).join()).toContain('Chỉ điều phối viên');
    expect((await h.ask(message('/giaoviec', { from: COORDINATOR }))).join()).toContain('Cú pháp');
  });
});

describe('/editagency', () => {
  it('lets the coordinator confirm a successor’s name; others cannot', async () => {
    expect((await h.ask(message('/suacoquan Thống kê tỉnh = <Thống kê> tỉnh An Giang; Thống kê AG', { from: OFFICER }))).join()).toContain('Chỉ điều phối viên');
    const done = (await h.ask(message('/suacoquan Thống kê tỉnh = <Thống kê> tỉnh An Giang; Thống kê AG', { from: COORDINATOR }))).join();
    expect(done).toContain('«&lt;Thống kê&gt; tỉnh An Giang»');
    expect(rows("select name, short, confirmed from agencies where code = 'TKT'")).toEqual([{ name: '<Thống kê> tỉnh An Giang', short: 'Thống kê AG', confirmed: 1 }]);
    const list = (await h.ask(message('/coquan'))).join('\n');
    expect(list).toContain('Cục Thống kê tỉnh (nay: &lt;Thống kê&gt; tỉnh An Giang)');
    expect(list).toContain('<b>Thống kê AG</b> — &lt;Thống kê&gt; tỉnh An Giang');
    expect((await h.ask(message('/suacoquan nonsense', { from: COORDINATOR }))).join()).toContain('Cú pháp');
  });
});
