// /web (/trangweb) and the status page over HTTP, without a browser (test/e2e/web-browser.test.ts
// opens the page in Chromium): who gets a link and where, what a link opens, and that a missing,
// forged, expired or revoked one opens nothing. The real bot, its real HTTP server, a real database.
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLink } from '../../src/core/links.js';
import { loadCatalog } from '../../src/db/queries/plan.js';
import { startHarness, registerOfficer, type Harness } from '../support/harness.js';
import { TODAY, seedYear2026 } from '../support/year-2026.js';
import { COORDINATOR, groupChat, message, OFFICER, STRANGER, type TgUser } from '../support/updates.js';

const BASE = 'https://bot.example.gov.vn';
const TTL = 3 * 86_400_000;
const LEADER: TgUser = { id: 900777, is_bot: false, first_name: 'Lan', last_name: 'Phạm', username: 'lan_vp_ubnd' };
const SYT_GROUP = groupChat(-1001000000301, 'Sở Y tế — KH457');
// Notes of other agencies than Sở Y tế (year-2026.ts): an SYT officer's page must show none of them.
const OTHER_AGENCIES_NOTES = ['Chờ hướng dẫn của Bộ Công Thương', 'Đã tổ chức 2 hội nghị', 'UBND tỉnh trả lại để bổ sung kinh phí', 'Đang xây dựng quy trình giám định ADN', 'Đã thẩm định dự toán'];

let h: Harness;
let clock = TODAY;
let origin: string;
let codes: string[];
/** The task codes that have no row on a page (compared as a list, so a failure names them, not the page). */
const rowsMissing = (html: string) => codes.filter((c) => !html.includes(`id="task-${c}"`));

beforeAll(async () => {
  h = await startHarness({ now: () => clock, config: { publicBaseUrl: BASE, port: 0, webLinkTtlMs: TTL } });
  origin = `http://127.0.0.1:${(h.app.http!.address() as AddressInfo).port}`;
  seedYear2026(h.app.db);
  await registerOfficer(h, OFFICER, 'Sở Y tế');
  await h.send(message('/lienket Sở Y tế', { from: COORDINATOR, chat: SYT_GROUP }));
  codes = loadCatalog(h.app.db).tasks.map((t) => t.code);
  expect(codes).toHaveLength(31);
});
afterAll(() => h?.close());

const ask = async (text: string, from: TgUser = COORDINATOR, chat?: Record<string, unknown>) => h.send(message(text, { from, ...(chat ? { chat } : {}) }));
const textsTo = (calls: Awaited<ReturnType<Harness['send']>>, chatId: number) =>
  calls.filter((c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === chatId).map((c) => String(c.payload.text)).join('\n');
/** The link in a message, pointed at the test's server instead of the public address. */
function linkIn(text: string): string {
  const m = new RegExp(`${BASE.replace(/\./g, '\\.')}(/w/[A-Za-z0-9_.-]+)`).exec(text);
  if (!m) throw new Error(`no link in: ${text}`);
  return `${origin}${m[1]}`;
}
async function get(url: string) {
  const res = await fetch(url);
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body, text: body.toString('utf8') };
}
async function linkFor(user: TgUser): Promise<string> {
  const calls = await ask('/trangweb', user);
  return linkIn(textsTo(calls, user.id));
}

describe('/web for the coordinator', () => {
  let link: string;
  beforeAll(async () => {
    link = await linkFor(COORDINATOR);
  });

  it('is a link under PUBLIC_BASE_URL with the token in the path, valid for WEB_LINK_TTL', async () => {
    const text = textsTo(await ask('/web'), COORDINATOR.id);
    expect(text).toMatch(new RegExp(`${BASE}/w/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+`));
    expect(text).not.toContain('#');
    // 29/11/2026 10:00 + 3 days.
    expect(text).toContain('10:00 02/12/2026');
  });

  it('opens the whole plan: the 31 tasks, blocked lines, the countdown, with the security headers', async () => {
    const r = await get(link);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src 'self' data:/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(rowsMissing(r.text)).toEqual([]);
    expect(r.text.includes('Chờ hướng dẫn của Bộ Công Thương')).toBe(true);
    expect(r.text.includes('Còn 11 ngày đến hạn báo cáo 10/12/2026.')).toBe(true);
    // Nothing from another origin, no script.
    expect(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/.exec(r.text)?.[0]).toBeUndefined();
  });

  it('downloads the consolidated report as a Word file that opens (word/document.xml)', async () => {
    const r = await get(`${link}/bao-cao-kh457-2026.docx`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="bao-cao-kh457-2026.docx"');
    const zip = await JSZip.loadAsync(r.body);
    expect(await zip.file('word/document.xml')!.async('string')).toContain('BÁO CÁO');
  });

  it("downloads the digest's chart as a PNG", async () => {
    const r = await get(`${link}/bieu-do-kh457-2026.png`);
    expect(r.status).toBe(200);
    expect(r.body.subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('a link that is missing, forged, expired or revoked', () => {
  const refused = (r: { status: number; text: string }) => {
    expect([401, 403]).toContain(r.status);
    for (const code of ['II.3', 'III.1.5', 'IV.1']) expect(r.text).not.toContain(code);
    expect(r.text).not.toContain('Chờ hướng dẫn');
  };

  it('missing: 403 and no data, never 404', async () => {
    for (const path of ['/w', '/w/', '/w//t/II.3', '/w/bao-cao-kh457-2026.docx']) refused(await get(`${origin}${path}`));
  });

  it('forged: a changed signature, another installation’s secret, a file link, garbage', async () => {
    const link = await linkFor(COORDINATOR);
    const token = link.split('/w/')[1]!;
    const flipped = token.slice(0, -2) + (token.at(-2) === 'A' ? 'B' : 'A') + token.at(-1);
    refused(await get(`${origin}/w/${flipped}`));
    refused(await get(`${origin}/w/${signLink(randomBytes(32), { kind: 'w', ref: '1', exp: clock + 86_400_000 })}`));
    refused(await get(`${origin}/w/${signLink(randomBytes(32), { kind: 'f', ref: '1', exp: clock + 86_400_000 })}`));
    refused(await get(`${origin}/w/not-a-token/t/II.3`));
    refused(await get(`${origin}/w/${'A'.repeat(5000)}`));
  });

  it('expired: after WEB_LINK_TTL it opens nothing, its sub-pages and files neither', async () => {
    const link = await linkFor(COORDINATOR);
    expect((await get(link)).status).toBe(200);
    clock += TTL + 1;
    try {
      refused(await get(link));
      refused(await get(`${link}/t/II.3`));
      refused(await get(`${link}/bao-cao-kh457-2026.docx`));
    } finally {
      clock = TODAY;
    }
  });

  it('revoked by its owner, by the coordinator for a person, or all at once', async () => {
    const own = await linkFor(COORDINATOR);
    expect(textsTo(await ask('/trangweb thuhoi'), COORDINATOR.id)).toMatch(/Đã thu hồi \d+ liên kết/);
    refused(await get(own));

    await ask('/start', OFFICER);
    const officers = await linkFor(OFFICER);
    expect((await get(officers)).status).toBe(200);
    expect(textsTo(await ask(`/trangweb thuhoi ${OFFICER.id}`), COORDINATOR.id)).toContain('Đã thu hồi 1 liên kết trang tình hình của Minh Trần.');
    refused(await get(officers));

    const again = await linkFor(OFFICER);
    const mine = await linkFor(COORDINATOR);
    // An officer cannot revoke others' links.
    expect(textsTo(await ask('/trangweb thuhoi tatca', OFFICER), OFFICER.id)).toContain('Sở KH&amp;CN');
    expect((await get(mine)).status).toBe(200);
    expect(textsTo(await ask('/trangweb thuhoi tatca'), COORDINATOR.id)).toContain('Đã thu hồi tất cả liên kết trang tình hình (2).');
    refused(await get(again));
    refused(await get(mine));
  });
});

describe('who gets a link, and where', () => {
  it('a stranger gets no link, and the code to give Sở KH&CN', async () => {
    const text = textsTo(await ask('/trangweb', STRANGER), STRANGER.id);
    expect(text).not.toContain('/w/');
    expect(text).toContain(String(STRANGER.id));
  });

  it('in a group, the link goes privately and never to the group; before Start, only an explanation', async () => {
    const NEWCOMER: TgUser = { id: 900202, is_bot: false, first_name: 'Hà' };
    await registerOfficer(h, NEWCOMER, 'Sở Y tế');
    let calls = await ask('/trangweb', NEWCOMER, SYT_GROUP);
    expect(textsTo(calls, SYT_GROUP.id)).toContain('bấm Bắt đầu');
    expect(calls.map((c) => JSON.stringify(c.payload)).join()).not.toContain('/w/');

    await ask('/start', NEWCOMER);
    calls = await ask('/trangweb', NEWCOMER, SYT_GROUP);
    const inGroup = textsTo(calls, SYT_GROUP.id);
    expect(inGroup).toContain('Đã gửi liên kết trang tình hình vào tin nhắn riêng');
    expect(inGroup).not.toContain('/w/');
    const link = linkIn(textsTo(calls, NEWCOMER.id));
    expect((await get(link)).status).toBe(200);
  });
});

describe("an officer's link", () => {
  let link: string;
  beforeAll(async () => {
    await ask('/start', OFFICER);
    link = await linkFor(OFFICER);
  });

  it("shows their agency's lines and never another agency's", async () => {
    const r = await get(link);
    expect(r.status).toBe(200);
    expect(r.text).toContain('Sở Y tế — năm 2026');
    expect(r.text).toContain('Đang lấy ý kiến các sở'); // III.1.3, Sở Y tế's own
    for (const note of OTHER_AGENCIES_NOTES) expect(r.text).not.toContain(note);
  });

  it("a task's history shows only their agency's updates", async () => {
    const r = await get(`${link}/t/II.1`);
    expect(r.status).toBe(200);
    expect(r.text).toContain('Đã phổ biến Luật');
    expect(r.text).not.toContain('Đã tổ chức 2 hội nghị');
  });

  it("downloads their agency's report, not the consolidated one nor the plan's chart", async () => {
    expect((await get(`${link}/bao-cao-kh457-2026.docx`)).status).toBe(404);
    expect((await get(`${link}/bao-cao-kh457-2026-sct.docx`)).status).toBe(404);
    expect((await get(`${link}/bieu-do-kh457-2026.png`)).status).toBe(404);
    const r = await get(`${link}/bao-cao-kh457-2026-syt.xlsx`);
    expect(r.status).toBe(200);
    expect(Object.keys((await JSZip.loadAsync(r.body)).files)).toContain('xl/workbook.xml');
  });

  it('follows the language the person chose', async () => {
    await ask('/ngonngu en', OFFICER);
    try {
      const r = await get(link);
      expect(r.text).toContain('<html lang="en">');
      expect(r.text).toContain('Tasks × responsible agencies');
    } finally {
      await ask('/lang vi', OFFICER);
    }
  });
});

describe('the viewer role', () => {
  it('is granted by the coordinator: /tinhhinh, /tonghop, /baocao and the page read the whole plan', async () => {
    await ask('/start', LEADER);
    expect(textsTo(await ask('/tinhhinh', LEADER), LEADER.id)).toContain('Bạn chưa là cán bộ đầu mối');
    expect(textsTo(await ask('/nguoixem', OFFICER), OFFICER.id)).toContain('Sở KH&amp;CN');
    const granted = await ask(`/nguoixem ${LEADER.id} Văn phòng UBND tỉnh`);
    expect(textsTo(granted, COORDINATOR.id)).toContain('Đã cấp quyền xem cho Lan Phạm (Văn phòng UBND tỉnh).');
    expect(textsTo(granted, LEADER.id)).toContain('quyền xem');
    expect(textsTo(await ask('/nguoixem'), COORDINATOR.id)).toContain(`Lan Phạm — mã <code>${LEADER.id}</code> — Văn phòng UBND tỉnh`);

    expect(textsTo(await ask('/tinhhinh', LEADER), LEADER.id)).toContain('toàn Kế hoạch');
    expect(textsTo(await ask('/tonghop', LEADER), LEADER.id)).not.toContain('Sở KH&amp;CN mới dùng được');
    const report = await ask('/baocao 2026', LEADER);
    expect(report.some((c) => c.method === 'sendDocument' && c.payload.document.filename === 'bao-cao-kh457-2026.docx')).toBe(true);
    // Still read-only.
    expect(textsTo(await ask('/hanchot II.3 01/12/2026', LEADER), LEADER.id)).not.toContain('Đã đặt hạn');

    const link = await linkFor(LEADER);
    const page = await get(link);
    expect(rowsMissing(page.text)).toEqual([]);

    // Ended: their links stop working at once, and /tinhhinh is closed again.
    expect(textsTo(await ask(`/nguoixem -${LEADER.id}`), COORDINATOR.id)).toContain('Đã thôi quyền xem của Lan Phạm; 1 liên kết');
    expect((await get(link)).status).toBe(403);
    expect(textsTo(await ask('/tinhhinh', LEADER), LEADER.id)).toContain('Bạn chưa là cán bộ đầu mối');
    expect(textsTo(await ask('/trangweb', LEADER), LEADER.id)).not.toContain('/w/');
  });
});

/** The matrix of a page: its agency columns (full names, from the header's titles) and each row's cells by column. */
function matrixOf(html: string) {
  const table = /<table class="matrix">([\s\S]*?)<\/table>/.exec(html)![1]!;
  const head = /<thead>([\s\S]*?)<\/thead>/.exec(table)![1]!;
  const columns = [...head.matchAll(/<th scope="col" title="([^"]*)">/g)].map((m) => m[1]!);
  const rows = new Map<string, string[]>();
  for (const row of table.split('<tr>').slice(1)) {
    const code = /id="task-([^"]+)"/.exec(row)?.[1];
    if (!code) continue;
    // The agency cells are the last ones: the whole plan's page puts its "overall" cell first.
    rows.set(code, row.split(/(?=<td)/).slice(1).slice(-columns.length));
  }
  return { head, columns, rows };
}
/** The task codes a /tinhhinh agency view lists (each starts a paragraph: "<b>II.1</b> …"). */
const codesInChat = (text: string) => [...text.matchAll(/^<b>([IV]+(?:\.\d+)+)<\/b> /gm)].map((m) => m[1]!);

describe('what a new user found (issue 13, the trial)', () => {
  let coordinator: string;
  let officer: string;
  beforeAll(async () => {
    await ask('/start', OFFICER);
    coordinator = await linkFor(COORDINATOR);
    officer = await linkFor(OFFICER);
  });

  it("the coordinator's page lists, under the silent agencies, the ones still missing reports on some of their lead tasks, as /tinhhinh does", async () => {
    const chat = textsTo(await ask('/tinhhinh', COORDINATOR), COORDINATOR.id);
    const after = chat.slice(chat.indexOf('còn thiếu nhiệm vụ chủ trì'));
    const inChat = [...after.matchAll(/^• (.+?): (\d+) — (.+)$/gm)].map((m) => `${m[1]}: ${m[2]} — ${m[3]}`);
    expect(inChat.length).toBeGreaterThan(0);
    const card = /<section class="card" id="silent">([\s\S]*?)<\/section>/.exec((await get(coordinator)).text)![1]!;
    expect(card).toContain(`Còn thiếu báo cáo nhiệm vụ chủ trì năm 2026 (${inChat.length} cơ quan)`);
    const onPage = [...card.matchAll(/<li><strong>([^<]+)<\/strong>: (\d+) — (.+?)<\/li>/g)].map((m) => `${m[1]}: ${m[2]} — ${m[3]!.replace(/<[^>]+>/g, '')}`);
    expect(onPage).toEqual(inChat);
    // Each missing task links to its page.
    expect(card).toMatch(/<a href="[^"]*\/t\/[IV]+(\.\d+)+\?y=2026">/);
  });

  it("an officer's page lists their agency's tasks without a report, the ones /tinhhinh counts, and has no overall column", async () => {
    const chat = textsTo(await ask('/tinhhinh', OFFICER), OFFICER.id);
    expect(chat).toContain('⚠️ 3 nhiệm vụ chủ trì chưa có cập nhật năm 2026: I.1, II.5, V.4.');
    // The tasks the chat shows without an update: each paragraph whose next line says so.
    const missing = [...chat.matchAll(/^<b>([IV.\d]+)<\/b> .*\n {3}⚪ Chưa có cập nhật năm nay/gm)].map((m) => m[1]!);
    expect(missing).toEqual(['I.1', 'II.5', 'V.4']);

    const r = await get(officer);
    const card = /<section class="card" id="silent">([\s\S]*?)<\/section>/.exec(r.text)![1]!;
    expect(card).toContain('Nhiệm vụ chủ trì chưa báo cáo năm 2026 (3)');
    expect([...card.matchAll(/<strong>([^<]+)<\/strong>/g)].map((m) => m[1])).toEqual(missing);
    expect(card).not.toContain('Mọi cơ quan chủ trì đã báo cáo');

    const m = matrixOf(r.text);
    expect(m.head).not.toContain('Tình trạng chung');
    expect(r.text).not.toContain('<td class="cell st-none">—</td>');
    // Every cell of the officer's page is one of their agency's lines (its only column).
    expect(m.columns).toEqual(['Sở Y tế']);
    expect([...m.rows.keys()]).toEqual(codesInChat(chat));
  });

  it("the coordinator's matrix shows an agency's cells on exactly the tasks its /tinhhinh lists, I.1 included", async () => {
    const m = matrixOf((await get(coordinator)).text);
    const col = m.columns.indexOf('Sở Nông nghiệp và Môi trường');
    expect(col).toBeGreaterThanOrEqual(0);
    const chat = textsTo(await ask('/tinhhinh Sở Nông nghiệp và Môi trường'), COORDINATOR.id);
    expect(codesInChat(chat)).toEqual(['I.1', 'II.1', 'II.5', 'III.1.1', 'III.1.4', 'V.4']);
    const withCell = [...m.rows].filter(([, cells]) => !cells[col]!.startsWith('<td class="empty"')).map(([code]) => code);
    expect(withCell).toEqual(codesInChat(chat));
    expect(m.rows.get('I.1')![col]).toContain('Chưa báo cáo');
    // I.1 is every department's duty: no column is blank on it.
    expect(m.rows.get('I.1')!.filter((cell) => cell.startsWith('<td class="empty"'))).toEqual([]);
  });

  it('titles that open alike (III.1.1–III.1.5) read apart in the matrix, the full title on hover', async () => {
    const html = (await get(coordinator)).text;
    const title = (code: string) => new RegExp(`id="task-${code.replace(/\./g, '\\.')}"[\\s\\S]*?<span class="title" title="([^"]*)">([^<]*)</span>`).exec(html)!;
    const shown = ['III.1.1', 'III.1.2', 'III.1.3', 'III.1.4', 'III.1.5'].map((c) => title(c)[2]);
    expect(new Set(shown).size).toBe(5);
    expect(shown[0]).toContain('nông nghiệp');
    expect(shown[1]).toContain('công thương');
    expect(shown[2]).toContain('y tế');
    const catalog = loadCatalog(h.app.db).tasks;
    expect(title('III.1.1')[1]).toBe(catalog.find((t) => t.code === 'III.1.1')!.content);
  });

  it("an officer's task history has no empty heading, and shows their line on a task they answer for", async () => {
    const other = (await get(`${officer}/t/II.3`)).text; // Sở Công Thương's task
    expect(other).not.toContain('Các dòng báo cáo năm 2026');
    expect(other).not.toContain('<ul class="plain"></ul>');
    const own = (await get(`${officer}/t/I.1`)).text;
    expect(own).toMatch(/<h3>Các dòng báo cáo năm 2026<\/h3><ul class="plain"><li class="st-none">Sở Y tế: Chưa báo cáo<\/li><\/ul>/);
  });

  it('a year the page does not have is said, and the nearest one shown', async () => {
    const shown = (html: string) => /aria-current="page">(\d+)</.exec(html)![1];
    let r = await get(`${coordinator}?y=1999`);
    expect(r.status).toBe(200);
    expect(shown(r.text)).toBe('2024');
    expect(r.text).toContain('Trang không có năm «1999»: đang hiển thị năm 2024.');
    r = await get(`${coordinator}?y=abc`);
    expect(shown(r.text)).toBe('2026');
    expect(r.text).toContain('Trang không có năm «abc»: đang hiển thị năm 2026.');
    r = await get(`${coordinator}/t/II.3?y=2999`);
    expect(shown(r.text)).toBe('2027');
    expect(r.text).toContain('đang hiển thị năm 2027');
    r = await get(`${coordinator}?y=2025`);
    expect(shown(r.text)).toBe('2025');
    expect(r.text).not.toContain('class="notice"');
  });

  const headersOk = (hs: Headers | Record<string, unknown>) => {
    const get = (k: string) => (hs instanceof Headers ? hs.get(k) : hs[k]);
    expect(get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(get('x-content-type-options')).toBe('nosniff');
    expect(get('referrer-policy')).toBe('no-referrer');
  };

  it('a malformed escape in a task code is 404 with the security headers, not a failure', async () => {
    const bad = await get(`${coordinator}/t/%E0%A4%A`);
    expect(bad.status).toBe(404);
    headersOk(bad.headers);
  });

  it('a body too large is 413 with the security headers', async () => {

    // A raw request, so the client sends the whole body and reads the answer whatever the server does.
    const { hostname, port, pathname } = new URL(coordinator);
    const big = await new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
      const req = httpRequest({ hostname, port, path: pathname, method: 'POST', headers: { 'content-type': 'application/octet-stream', 'content-length': 2 * 1024 * 1024 } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode!, headers: res.headers });
      });
      req.on('error', reject);
      req.end(Buffer.alloc(2 * 1024 * 1024));
    });
    expect(big.status).toBe(413);
    headersOk(big.headers);
  });
});

describe('without PUBLIC_BASE_URL', () => {
  it('/web says the page is not configured, and gives no link', async () => {
    const other = await startHarness({ now: () => clock });
    try {
      const text = (await other.ask(message('/trangweb', { from: COORDINATOR }))).join('\n');
      expect(text).toContain('PUBLIC_BASE_URL');
      expect(text).not.toContain('/w/');
    } finally {
      await other.close();
    }
  });
});
