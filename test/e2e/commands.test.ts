// The real bot over HTTP against the Bot API stand-in and a temp SQLite database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandName, MENU_ORDER } from '../../src/channels/telegram/commands.js';
import { PLAN } from '../../src/domain/plan-data.js';
import { escapeHtml } from '../../src/channels/telegram/html.js';
import { startHarness, type Harness } from '../support/harness.js';
import { callback, COORDINATOR, groupChat, message, OFFICER } from '../support/updates.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

const htmlOf = (texts: string[]) => texts.join('\n');

describe('start-up', () => {
  it('registers the command menu in Vietnamese and English', async () => {
    // In the background after start (never before the first poll): wait for the three calls.
    await h.stub.waitFor(() => h.stub.callsTo('setMyCommands').length >= 3, 'the command menu');
    const menus = h.stub.callsTo('setMyCommands');
    const byLang = Object.fromEntries(menus.map((c) => [c.payload.language_code ?? 'default', c.payload.commands]));
    expect(byLang.vi.map((c: { command: string }) => c.command)).toEqual([
      'capnhat', 'viectoi', 'tinhhinh', 'baocao', 'trangweb', 'chuky', 'kiennghi', 'nhiemvu', 'nv', 'lichsu', 'huy', 'dangky', 'lienketkenh', 'lienket', 'canbo', 'nguoixem',
      'tonghop', 'hanchot', 'giaoviec', 'dattonghop', 'saoluu', 'suacoquan', 'chitieu', 'coquan', 'kehoach', 'trogiup', 'ngonngu',
    ]);
    expect(byLang.en.map((c: { command: string }) => c.command)).toEqual([
      'update', 'mytasks', 'status', 'report', 'web', 'signature', 'propose', 'tasks', 'task', 'history', 'undo', 'register', 'linkchannel', 'linkgroup', 'officers', 'viewers',
      'digest', 'deadline', 'assign', 'setdigest', 'backup', 'editagency', 'targets', 'agencies', 'plan', 'help', 'lang',
    ]);
    for (const c of [...byLang.vi, ...byLang.en]) expect(c.description.length).toBeLessThanOrEqual(256);
    expect(byLang.default).toEqual(byLang.vi);
  });
});

describe('/help and /start', () => {
  it('lists every command with an example and explains groups', async () => {
    const text = htmlOf(await h.ask(message('/trogiup')));
    // Every command of the menu is explained in /help.
    for (const key of MENU_ORDER) expect(text).toContain(`/${commandName(key, 'vi')}`);
    expect(text).toContain('/nv III.1.2');
    expect(text).toContain('/nhiemvu@kh457_bot');
  });
  it('/start greets by name, escaped', async () => {
    const from = { ...OFFICER, id: 900150, first_name: '<Lan & Co>' };
    const text = htmlOf(await h.ask(message('/start', { from })));
    expect(text).toContain('Xin chào &lt;Lan &amp; Co&gt;!');
    const row = h.app.db.$client.prepare('select private_chat_open from users where id = ?').get(from.id) as { private_chat_open: number };
    expect(row.private_chat_open).toBe(1);
  });
});

describe('/task shows each of the 31 tasks as the appendix gives it', () => {
  it.each(PLAN.tasks.map((t) => [t.code, t] as const))('%s', async (code, task) => {
    const calls = await h.send(message(`/nv ${code}`));
    const sent = calls.filter((c) => c.method === 'sendMessage');
    expect(sent.every((c) => c.payload.parse_mode === 'HTML')).toBe(true);
    const text = sent.map((c) => c.payload.text).join('\n');
    expect(text).toContain(`Nhiệm vụ ${code}`);
    expect(text).toContain(escapeHtml(task.content));
    for (const line of [...task.lead, ...task.coordinating]) expect(text).toContain(escapeHtml(line));
    expect(text).toContain(task.timeline ? escapeHtml(task.timeline) : 'Kế hoạch không ghi thời gian');
  });

  it('shows the successor of a reorganised lead', async () => {
    const text = htmlOf(await h.ask(message('/nv III.1.1')));
    // The plan's wording stays as signed; under "Hiện nay" today's body comes first, then what it stands in for.
    expect(text).toContain('Cơ quan, đơn vị chủ trì</b>\nSở Nông nghiệp và Phát triển nông thôn\n');
    expect(text).toContain('→ Sở Nông nghiệp và Môi trường (thay cho Sở Nông nghiệp và Phát triển nông thôn)');
    // An abolished coordinating body: nobody helps in its place yet, the body expected to named in
    // brackets, under a heading that says only changes are listed for coordinating agencies.
    expect(text).toContain(
      '<i>Thay đổi sau sắp xếp năm 2025:</i>\n→ UBND các huyện, thị xã, thành phố: đã kết thúc hoạt động từ 01/7/2025, chưa xác định cơ quan phối hợp thay (dự kiến: UBND các xã, phường)',
    );
    // Among the leads (I.1), its part of the task waits to be given to someone.
    expect(htmlOf(await h.ask(message('/nv I.1')))).toContain(
      '→ UBND các huyện, thị xã, thành phố: đã kết thúc hoạt động từ 01/7/2025, nhiệm vụ chủ trì chưa được giao lại (cơ quan tiếp nhận: UBND các xã, phường)',
    );
  });

  it.each([
    ['iii.1.2', 'III.1.2'],
    ['3.1.2', 'III.1.2'],
    ['III 1 2', 'III.1.2'],
    ['ii3', 'II.3'],
  ])('parses %s loosely', async (input, code) => {
    expect(htmlOf(await h.ask(message(`/task ${input}`)))).toContain(`Nhiệm vụ ${code}`);
  });

  it('offers the nearest codes for an unknown one', async () => {
    const text = htmlOf(await h.ask(message('/nv II.12')));
    expect(text).toContain('Không có nhiệm vụ mã «II.12»');
    expect(text).toContain('II.8');
  });

  it('explains that III.1 is a group', async () => {
    const text = htmlOf(await h.ask(message('/nv III.1')));
    expect(text).toContain('III.1.1, III.1.2, III.1.3, III.1.4, III.1.5');
  });

  it('asks for a code when none is given', async () => {
    expect(htmlOf(await h.ask(message('/nv')))).toContain('Hãy gõ mã nhiệm vụ');
  });
});

describe('/tasks', () => {
  it('lists all 31 tasks grouped by the five sections, split under 4096 characters', async () => {
    const texts = await h.ask(message('/nhiemvu'));
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(4096);
    const text = htmlOf(texts);
    for (const task of PLAN.tasks) expect(text).toContain(`<b>${task.code}</b>`);
    for (const s of PLAN.sections) expect(text).toContain(`<b>${s.code}. ${escapeHtml(s.title)}</b>`);
    expect(text).toContain('Sở KH&amp;ĐT → Sở Tài chính');
  });

  it.each([['II'], ['2'], ['ii']])('filters by section %s', async (arg) => {
    const text = htmlOf(await h.ask(message(`/tasks ${arg}`)));
    expect(text).toContain('Mục II — 8 nhiệm vụ');
    expect(text).not.toContain('<b>I.1</b>');
    expect(text).not.toContain('<b>III.2</b>');
  });

  it('filters by agency alias, including tasks inherited after 2025', async () => {
    const text = htmlOf(await h.ask(message('/tasks nn&ptnt')));
    expect(text).toContain('Nhiệm vụ của Sở Nông nghiệp và Phát triển nông thôn');
    for (const code of ['II.1', 'II.5', 'III.1.1', 'V.4']) expect(text).toContain(`<b>${code}</b>`);
    expect(text).not.toContain('<b>III.1.4</b>');
    const today = htmlOf(await h.ask(message('/tasks Sở NN&MT')));
    for (const code of ['III.1.1', 'III.1.4']) expect(today).toContain(`<b>${code}</b>`);
  });

  it('finds II.3 by a keyword typed without diacritics', async () => {
    const text = htmlOf(await h.ask(message('/tasks xuat khau')));
    expect(text).toContain('<b>II.3</b>');
    expect(text).toContain('1 nhiệm vụ');
  });

  it('offers buttons when the agency is ambiguous, and a button shows that agency', async () => {
    const calls = await h.send(message('/coquan khoa học'));
    const sent = calls.find((c) => c.method === 'sendMessage')!;
    const buttons = sent.payload.reply_markup.inline_keyboard.flat() as Array<{ text: string; callback_data: string }>;
    expect(buttons.map((b) => b.callback_data)).toEqual(expect.arrayContaining(['ag:SKHCN', 'ag:LHHKHKT']));
    const after = await h.send(callback('ag:SKHCN'));
    expect(after.some((c) => c.method === 'answerCallbackQuery')).toBe(true);
    expect(after.find((c) => c.method === 'sendMessage')!.payload.text).toContain('<b>Sở Khoa học và Công nghệ</b>');
  });

  it('says clearly when nothing matches, echoing the query escaped', async () => {
    const text = htmlOf(await h.ask(message('/tasks <b>zzz</b>')));
    expect(text).toContain('«&lt;b&gt;zzz&lt;/b&gt;»');
  });
});

describe('/agencies and /plan', () => {
  it('maps plan names to today’s names with task counts', async () => {
    const text = htmlOf(await h.ask(message('/agencies')));
    expect(text).toContain('Sở Kế hoạch và Đầu tư (nay: Sở Tài chính) · chủ trì 3, phối hợp 0');
    expect(text).toContain('Sở Lao động - Thương binh và Xã hội (đã tách, nay: Sở Nội vụ, Sở Giáo dục và Đào tạo, Sở Y tế)');
    expect(text).toContain('<b>Sở Tài chính</b> — Sở Tài chính · chủ trì 3');
  });
  it('shows the plan, its targets for 2030 and 2045', async () => {
    const text = htmlOf(await h.ask(message('/kehoach')));
    expect(text).toContain('Kế hoạch số 457/KH-UBND ngày 08/05/2024');
    expect(text).toContain('7% vào GRDP');
    expect(text).toContain('khoảng 10% GRDP');
    expect(text).toContain('31 nhiệm vụ trong 5 mục');
  });
});

describe('/lang', () => {
  const from = { ...OFFICER, id: 900160 };
  it('switches to English and remembers it', async () => {
    expect(htmlOf(await h.ask(message('/lang en', { from })))).toBe('Switched to English.');
    const text = htmlOf(await h.ask(message('/task II.3', { from })));
    expect(text).toContain('Lead agencies');
    expect(text).toContain('Khuyến khích xuất khẩu sản phẩm công nghệ sinh học');
    expect(htmlOf(await h.ask(message('/help', { from })))).toContain('/tasks (/nhiemvu)');
  });
  it('rejects an unknown language and changes nothing', async () => {
    const text = htmlOf(await h.ask(message('/ngonngu fr', { from })));
    expect(text).toContain('vi');
    expect(htmlOf(await h.ask(message('/task II.3', { from })))).toContain('Lead agencies');
  });
  it('switches back with a button', async () => {
    expect(htmlOf(await h.ask(callback('lang:vi', { from })))).toBe('Đã chuyển sang Tiếng Việt.');
  });
});

describe('anything else', () => {
  it('points to /help for an unknown command', async () => {
    expect(htmlOf(await h.ask(message('/foo')))).toContain('/trogiup');
  });
  it('answers plain text in a private chat, stays quiet in a group', async () => {
    expect(htmlOf(await h.ask(message('xin chào')))).toContain('/trogiup');
    expect(await h.ask(message('chuyện riêng của nhóm', { chat: groupChat() }))).toEqual([]);
  });
  it('ignores commands addressed to another bot in a group, answers its own', async () => {
    expect(await h.ask(message('/foo@other_bot', { chat: groupChat() }))).toEqual([]);
    const calls = await h.send(message('/nv@kh457_bot II.3', { chat: groupChat(), from: COORDINATOR }));
    const sent = calls.find((c) => c.method === 'sendMessage')!;
    expect(sent.payload.text).toContain('Nhiệm vụ II.3');
    expect(sent.payload.reply_parameters.message_id).toBeGreaterThan(0);
  });
  it('answers a stale or forged button without changing anything', async () => {
    const calls = await h.send(callback('zz:forged'));
    const answer = calls.find((c) => c.method === 'answerCallbackQuery')!;
    expect(answer.payload.text).toContain('Nút này đã cũ');
  });
});
