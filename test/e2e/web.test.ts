// /web (/trangweb) and the status page over HTTP, without a browser (test/e2e/web-browser.test.ts
// opens the page in Chromium): who gets a link and where, what a link opens, and that a missing,
// forged, expired or revoked one opens nothing. The real bot, its real HTTP server, a real database.
import { randomBytes } from 'node:crypto';
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
