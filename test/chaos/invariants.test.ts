// A seeded random sequence of mixed actions by strangers, officers of different agencies and a
// coordinator, with the rules checked after every step:
// - no report is stored for an agency its author may not act for;
// - no group link is changed by someone not allowed to change it;
// - nothing the bot sends is something Telegram refuses (the stand-in refuses it, harness.send throws);
// - the process keeps handling every update;
// - the maintained line states equal a rebuild from the stored reports.
// KH457_FUZZ_SEED and KH457_FUZZ_STEPS replay or lengthen a run; a failure names its seed and step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng } from '../support/rng.js';
import { latestLines, rebuildLineStates } from '../../src/db/queries/progress-reports.js';
import type { RecordedCall } from '../support/bot-api-stub.js';
import { registerOfficer, startHarness, type Harness } from '../support/harness.js';
import { callback, COORDINATOR, edited, groupChat, message, privateChat, STRANGER, type TgUser } from '../support/updates.js';

const SEEDS = process.env.KH457_FUZZ_SEED ? [Number(process.env.KH457_FUZZ_SEED)] : [457, 2026];
const STEPS = Number(process.env.KH457_FUZZ_STEPS ?? 1200);


const YTE: TgUser = { id: 931001, is_bot: false, first_name: 'Y', last_name: 'Tế' };
const CONGTHUONG: TgUser = { id: 931002, is_bot: false, first_name: 'Công', last_name: 'Thương' };
const BOTH: TgUser = { id: 931003, is_bot: false, first_name: 'Hai', last_name: 'Nơi' };
const PEOPLE = [STRANGER, YTE, CONGTHUONG, BOTH, COORDINATOR];
const G_YTE = groupChat(-1009300000001, 'Sở Y tế');
const G_CT = groupChat(-1009300000002, 'Sở Công Thương <b>');
const G_FREE = groupChat(-1009300000003, 'Nhóm chưa gắn & lạ');
const G_COORD = groupChat(-1009300000004, 'Điều phối');
const GROUPS = [G_YTE, G_CT, G_FREE, G_COORD];

const CODES = ['II.1', 'II.3', 'III.1.1', 'III.1.3', 'III 1 2', 'IV.2', 'V.4', 'I.1', 'II.99', '3.1.5', 'iv.1'];
const STATUS = ['đang', 'xong', 'vướng mắc', 'chưa bắt đầu', 'đng', 'tạm dừng', 'hoàn thành', 'đang triển khai', '', 'done', 'blocked'];
const PERCENT = ['', '40%', '70 %', '100%', '150%', '-5%', 'đạt 50%', '12.5%'];
const NOTES = ['Đã họp', 'Khó khăn: thiếu kinh phí', '<b>x</b> & y', '\u202eđảo\u202c', '🧬'.repeat(3), 'x'.repeat(900), 'Chưa có kinh phí', ''];
const AGENCIES = ['Sở Y tế', 'Sở Công Thương', 'Sở KH&CN', 'dieuphoi', 'nông nghiệp', 'UBND huyện', 'Không có'];
const VIEWS = ['/tinhhinh', '/tinhhinh II', '/nv II.3', '/viectoi', '/lichsu II.3', '/chitieu', '/canbo', '/kehoach', '/trogiup', '/nhiemvu Sở Y tế'];

describe.each(SEEDS)('a random sequence (seed %i)', (seed) => {
  let h: Harness;
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const buttons: Array<{ data: string; chat: Record<string, unknown>; messageId: number; owner: TgUser }> = [];
  const sent: Array<{ from: TgUser; update: { message: Record<string, any> } }> = [];

  beforeAll(async () => {
    h = await startHarness();
    await registerOfficer(h, YTE, 'Sở Y tế');
    await registerOfficer(h, CONGTHUONG, 'Sở Công Thương');
    await registerOfficer(h, BOTH, 'Sở Y tế');
    await registerOfficer(h, BOTH, 'Sở Công Thương');
    await h.send(message('/lienket dieuphoi', { from: COORDINATOR, chat: G_COORD }));
    await h.send(message('/lienket Sở Y tế', { from: COORDINATOR, chat: G_YTE }));
    await h.send(message('/lienket Sở Công Thương', { from: COORDINATOR, chat: G_CT }));
  });
  afterAll(() => h?.close());

  const sql = (q: string, ...a: unknown[]) => h.app.db.$client.prepare(q).all(...a) as Array<Record<string, any>>;
  const links = () => new Map(sql('select id, agency_code, is_coordination from chats where type != \'private\'').map((r) => [r.id, `${r.agency_code}|${r.is_coordination}`]));
  const approved = (userId: number) => sql("select agency_code from officers where user_id = ? and status = 'approved'", userId).map((r) => r.agency_code as string);

  function nextAction(): { from: TgUser; update: Record<string, any> } {
    const from = pick(PEOPLE);
    const chat = rand() < 0.4 ? privateChat(from) : pick(GROUPS);
    const r = rand();
    if (r < 0.3) return { from, update: message(`/capnhat ${pick(CODES)} ${pick(STATUS)} ${pick(PERCENT)} ${pick(NOTES)}`.trim(), { from, chat }) };
    if (r < 0.45 && buttons.length) {
      // Mostly the person the button was shown to (confirmations, questions), sometimes anyone.
      const b = buttons[Math.floor(rand() * buttons.length)]!;
      const presser = rand() < 0.7 ? b.owner : from;
      return { from: presser, update: callback(b.data, { from: presser, chat: b.chat, messageId: b.messageId }) };
    }
    if (r < 0.53) return { from, update: message(`/lienket ${pick(AGENCIES)}`, { from, chat }) };
    if (r < 0.58) return { from, update: message('/huy', { from, chat }) };
    if (r < 0.62) return { from, update: message(`/kiennghi ${pick(CODES)} ${pick(NOTES) || 'Đề nghị'}`, { from, chat }) };
    if (r < 0.65) return { from, update: message(`/hanchot ${pick(CODES)} ${pick(['30/06/2026', '20/12/2026', '01/01/2027', '31/02/2026', '15/11/2026'])}`, { from, chat }) };
    if (r < 0.68) return { from, update: message(`/giaoviec ${pick(CODES)} ${pick(['', '-'])}${pick(AGENCIES)}`, { from, chat }) };
    if (r < 0.7) return { from, update: message(`/suacoquan ${pick(AGENCIES)} = ${pick(['Tên mới', '\u0001\u202e', 'Sở Y tế An Giang'])}`, { from, chat }) };
    if (r < 0.72) return { from, update: message(`/chitieu grdp2030 2026 ${pick(['3,2', '150', 'NaN', '-1'])} ; ${pick(NOTES) || 'Thống kê'}`, { from, chat }) };
    if (r < 0.8) {
      const mine = sent.filter((s) => s.from.id === from.id && String(s.update.message.text).startsWith('/capnhat'));
      if (mine.length) return { from, update: edited(pick(mine).update, `/capnhat ${pick(CODES)} ${pick(STATUS)} ${pick(PERCENT)} ${pick(NOTES)}`.trim()) };
    }
    if (r < 0.82) return { from, update: message(pick(NOTES) || 'xong', { from, chat, replyTo: { message_id: buttons.at(-1)?.messageId ?? 1, date: 0, chat, from: { id: 7000001, is_bot: true, first_name: 'KH457 Bot', username: 'kh457_bot' }, text: '…' } }) };
    return { from, update: message(pick(VIEWS), { from, chat }) };
  }

  function remember(calls: RecordedCall[], owner: TgUser) {
    for (const c of calls) {
      if (c.outcome !== 'ok' || !['sendMessage', 'editMessageText'].includes(c.method)) continue;
      const chat = { id: Number(c.payload.chat_id), type: Number(c.payload.chat_id) < 0 ? 'supergroup' : 'private' };
      for (const b of (c.payload.reply_markup?.inline_keyboard ?? []).flat()) {
        if (b.callback_data) buttons.push({ data: b.callback_data, chat, messageId: Number(c.result?.message_id ?? c.payload.message_id ?? 1), owner });
      }
    }
    if (buttons.length > 60) buttons.splice(0, buttons.length - 60);
  }

  it(`keeps every rule for ${STEPS} steps`, async () => {
    let lastUpdateId = (sql('select coalesce(max(id), 0) m from updates')[0]!.m as number);
    for (let step = 0; step < STEPS; step++) {
      const action = nextAction();
      const before = links();
      const where = `seed ${seed}, step ${step}: ${JSON.stringify(action.update).slice(0, 300)}`;
      let calls: RecordedCall[];
      try {
        calls = await h.send(action.update);
      } catch (err) {
        throw new Error(`${where}\n${String(err)}`);
      }
      remember(calls, action.from);
      if (action.update.message?.text) sent.push(action as { from: TgUser; update: { message: Record<string, any> } });
      if (sent.length > 40) sent.shift();

      // No report for an agency its author may not act for.
      for (const row of sql('select id, user_id, agency_code from updates where id > ?', lastUpdateId)) {
        const ok = row.user_id === COORDINATOR.id || approved(row.user_id).includes(row.agency_code);
        expect(ok, `${where}\nreport ${row.id} by ${row.user_id} for ${row.agency_code}`).toBe(true);
        lastUpdateId = Math.max(lastUpdateId, row.id);
      }
      // No link changed by someone not allowed to.
      const after = links();
      for (const [id, now] of after) {
        const was = before.get(id);
        if (was === undefined || was === now) continue;
        const [fromAgency, fromCoord] = was.split('|');
        const [toAgency, toCoord] = now.split('|');
        if (action.from.id === COORDINATOR.id) continue;
        const mine = approved(action.from.id);
        const allowed = fromCoord === '0' && toCoord === '0' && (fromAgency === 'null' || mine.includes(fromAgency!)) && mine.includes(toAgency!);
        expect(allowed, `${where}\nlink of ${id}: ${was} → ${now} by ${action.from.id}`).toBe(true);
      }
      if (step % 150 === 149) {
        const maintained = latestLines(h.app.db, 2026);
        rebuildLineStates(h.app.db);
        expect(latestLines(h.app.db, 2026), `${where}\nline states drifted`).toEqual(maintained);
      }
    }
    // The sequence did exercise the rules, not only refusals.
    const stats = sql("select (select count(*) from updates) reports, (select count(*) from confirmations where decision = 'yes') confirmed, (select count(*) from update_revisions) edits, (select count(*) from updates where withdrawn_at is not null) withdrawn")[0]!;
    expect(stats.reports).toBeGreaterThan(30);
    // Confirmations and withdrawals happened too (which ones depends on the seed).
    expect(stats.confirmed + stats.withdrawn).toBeGreaterThan(0);
    // Still alive and answering.
    expect((await h.ask(message('/nv I.1', { from: STRANGER }))).join()).toContain('Nhiệm vụ I.1');
  }, 600_000);
});
