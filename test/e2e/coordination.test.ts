// Proposals and reassignment after the 2025 reorganisation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerOfficer, startHarness, type Harness } from '../support/harness.js';
import { callback, COORDINATOR, message, OFFICER } from '../support/updates.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await registerOfficer(h, OFFICER, 'Sở Y tế');
});
afterAll(() => h?.close());

const rows = (q: string, ...a: unknown[]) => h.app.db.$client.prepare(q).all(...a);

/** Sends a command that asks "are you sure?", checks nothing changed yet, presses yes; the texts shown after. */
async function confirmed(text: string, unchanged: () => unknown): Promise<string> {
  const before = unchanged();
  const asked = await h.send(message(text, { from: COORDINATOR }));
  const yes = asked.flatMap((c) => c.payload.reply_markup?.inline_keyboard?.flat() ?? []).find((b: { callback_data: string }) => /^cf:\d+:y$/.test(b.callback_data));
  if (!yes) throw new Error(`no confirmation asked for ${text}`);
  expect(unchanged()).toEqual(before);
  const done = await h.send(callback(yes.callback_data, { from: COORDINATOR }));
  return done.filter((c) => ['sendMessage', 'editMessageText'].includes(c.method)).map((c) => String(c.payload.text)).join('\n');
}
const leadsOf = (code: string) => rows("select agency_code, ended_at from task_agencies where task_code = ? and role = 'lead' order by id", code);

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
    expect(await confirmed('/giaoviec II.8 Sở Tài chính', () => leadsOf('II.8'))).toContain('Chủ trì hiện nay: Cục Thống kê, Sở Tài chính');
    expect(await confirmed('/giaoviec II.8 -Cục Thống kê', () => leadsOf('II.8'))).toContain('Chủ trì hiện nay: Sở Tài chính');
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
    const done = await confirmed('/suacoquan Thống kê tỉnh = <Thống kê> tỉnh An Giang; Thống kê AG', () => rows("select name, confirmed from agencies where code = 'TKT'"));
    expect(done).toContain('«&lt;Thống kê&gt; tỉnh An Giang»');
    expect(rows("select name, short, confirmed from agencies where code = 'TKT'")).toEqual([{ name: '<Thống kê> tỉnh An Giang', short: 'Thống kê AG', confirmed: 1 }]);
    const list = (await h.ask(message('/coquan'))).join('\n');
    expect(list).toContain('Cục Thống kê tỉnh (nay: &lt;Thống kê&gt; tỉnh An Giang)');
    expect(list).toContain('<b>Thống kê AG</b> — &lt;Thống kê&gt; tỉnh An Giang');
    expect((await h.ask(message('/suacoquan nonsense', { from: COORDINATOR }))).join()).toContain('Cú pháp');
  });
});

describe('reassignment that keeps the plan whole', () => {
  it('cannot leave a task without a lead', async () => {
    expect((await h.ask(message('/giaoviec III.1.3 -Sở Y tế', { from: COORDINATOR }))).join()).toContain('Sở Y tế là cơ quan chủ trì duy nhất của III.1.3');
    expect(leadsOf('III.1.3')).toEqual([{ agency_code: 'SYT', ended_at: null }]);
  });
  it('refuses a body that no longer exists and offers the one that took it over', async () => {
    const calls = await h.send(message('/giaoviec IV.6 Sở Kế hoạch và Đầu tư', { from: COORDINATOR }));
    const text = calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text)).join();
    expect(text).toContain('«Sở Kế hoạch và Đầu tư» không còn tồn tại sau sắp xếp năm 2025');
    const offer = calls.flatMap((c) => c.payload.reply_markup?.inline_keyboard?.flat() ?? [])[0] as { text: string; callback_data: string };
    expect(offer).toMatchObject({ text: 'Giao cho Sở Tài chính', callback_data: 'ga:+:IV.6:STC' });
    const asked = await h.send(callback(offer.callback_data, { from: COORDINATOR }));
    expect(asked.map((c) => String(c.payload.text ?? '')).join()).toContain('Sở Tài chính chủ trì IV.6?');
  });
  it('giving a task to the successor of an abolished lead replaces it instead of sitting beside it', async () => {
    // Put the abolished district level on a task, as the plan does elsewhere, then give it to the communes.
    h.app.db.$client.prepare("insert into task_agencies (task_code, agency_code, role, ord, source, started_at) values ('V.3', 'UBND_HUYEN', 'lead', 1, 'plan', 0)").run();
    const { invalidateCatalog } = await import('../../src/db/queries/plan.js');
    invalidateCatalog(h.app.db);
    const done = await confirmed('/giaoviec V.3 UBND xã', () => leadsOf('V.3'));
    expect(done).toContain('Chủ trì hiện nay: Sở KH&amp;CN, UBND xã, phường');
    expect(rows("select agency_code, ended_at is not null ended from task_agencies where task_code = 'V.3' and role = 'lead' order by id")).toEqual([
      { agency_code: 'SKHCN', ended: 0 },
      { agency_code: 'UBND_HUYEN', ended: 1 },
      { agency_code: 'UBND_XA', ended: 0 },
    ]);
  });
});

describe('/editagency keeps the plan’s wording', () => {
  it('refuses a name the plan was signed with, and names the body to edit instead', async () => {
    const text = (await h.ask(message('/suacoquan Sở NN&PTNT = Sở Nông nghiệp mới', { from: COORDINATOR }))).join();
    expect(text).toContain('«Sở Nông nghiệp và Phát triển nông thôn» là tên trong văn bản Kế hoạch đã ký');
    expect(text).toContain('Sở NN&amp;MT');
    expect(rows("select name from agencies where code = 'SNNPTNT'")).toEqual([{ name: 'Sở Nông nghiệp và Phát triển nông thôn' }]);
  });
  it('refuses a name of control characters or direction overrides only, and strips them from real names', async () => {
    expect((await h.ask(message('/suacoquan Sở Y tế = \u0001\u0002\u202e', { from: COORDINATOR }))).join()).toContain('Tên mới phải có chữ');
    const done = await confirmed('/suacoquan Sở Y tế = Sở \u202eY tế\u202c An Giang', () => rows("select name from agencies where code = 'SYT'"));
    expect(done).toContain('«Sở Y tế An Giang»');
    expect(rows("select name from agencies where code = 'SYT'")).toEqual([{ name: 'Sở Y tế An Giang' }]);
  });
});


describe('the agency given or relieved of a task is told', () => {
  it('in its linked group, once', async () => {
    const { groupChat } = await import('../support/updates.js');
    const STC_GROUP = groupChat(-1008000000001, 'Sở Tài chính — KH457');
    await h.send(message('/lienket Sở Tài chính', { from: COORDINATOR, chat: STC_GROUP }));
    const before = h.stub.calls.length;
    await confirmed('/giaoviec III.4 Sở Tài chính', () => leadsOf('III.4'));
    const told = h.stub.calls.slice(before).filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === STC_GROUP.id);
    expect(told).toHaveLength(1);
    expect(String(told[0]!.payload.text)).toContain('đã giao cơ quan anh/chị chủ trì nhiệm vụ <b>III.4</b>');
  });
});
