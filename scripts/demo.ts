// `npm run demo`: the bot's conversation core on the console channel, with a temporary database
// seeded with officers, linked groups and a few reports, so anyone can try kh457-bot in a terminal
// with no token and no network. Type commands as in Telegram; answer numbered choices with the
// number and the bot's questions with the next line; switch who you are with :as and where with :chat.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startConsoleApp } from '../src/app.js';
import type { Printed } from '../src/channels/console/channel.js';
import { consoleChat, consolePerson, type ConsoleName } from '../src/channels/console/identities.js';
import { defaultConfig, type Config } from '../src/config.js';
import { upsertChat } from '../src/db/queries/chats.js';
import { createRequest, decide } from '../src/db/queries/officers.js';
import { createLogger } from '../src/logger.js';
import { fileStampAt } from '../src/text/dates.js';
import { seedUpdate } from '../test/support/seed.js';

const PEOPLE: Record<string, ConsoleName & { role: string }> = {
  thao: { firstName: 'Thảo', lastName: 'Nguyễn', role: 'điều phối viên Sở KH&CN' },
  minh: { firstName: 'Minh', lastName: 'Trần', role: 'cán bộ đầu mối Sở Y tế' },
  hoa: { firstName: 'Hoa', lastName: 'Lê', role: 'cán bộ đầu mối Sở Công Thương' },
  khach: { firstName: 'Khách', role: 'chưa đăng ký' },
};
const GROUPS: Record<string, { ref: string; title: string }> = {
  yte: { ref: 'group:yte', title: 'Sở Y tế — KH457' },
  dieuphoi: { ref: 'group:dieuphoi', title: 'Sở KH&CN — điều phối' },
};

const tty = process.stdout.isTTY;
const ansi = (code: string) => (s: string) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);
const bold = ansi('1');
const dim = ansi('2');
const cyan = ansi('36');
const yellow = ansi('33');

let me = 'minh';
let where = 'private';
const chatRef = () => (where === 'private' ? me : GROUPS[where]!.ref);
const chatLabel = (ref: string) => Object.values(GROUPS).find((g) => g.ref === ref)?.title ?? (PEOPLE[ref] ? `${PEOPLE[ref]!.firstName} (chat riêng)` : ref);

/** A message as the terminal shows it: one said elsewhere (a notice to a group) says where. */
function show(p: Printed) {
  const elsewhere = p.chat === chatRef() ? '' : yellow(`[→ ${chatLabel(p.chat)}] `);
  const text = p.file ? `📎 ${p.text ? `${p.text} → ` : ''}${p.file.path}` : p.kind === 'message' ? p.text : yellow(p.text);
  console.log(`\n${elsewhere}${text}`);
}

const dir = mkdtempSync(join(tmpdir(), 'kh457-demo-'));
// The database is thrown away at :quit; the files the bot sends (reports, chart) are kept in a
// named folder, because opening them in Word and Excel is the point of trying /baocao.
const filesDir = resolve(process.env.KH457_DEMO_FILES ?? join('demo-files', fileStampAt(Date.now(), 'Asia/Ho_Chi_Minh')));
const config: Config = defaultConfig(dir, { logLevel: 'silent', backupKeep: 3, sendLimits: 'none' });
const app = await startConsoleApp(config, createLogger('silent'), {
  schedule: false,
  console: {
    coordinators: ['thao'],
    people: PEOPLE,
    groups: Object.fromEntries(Object.values(GROUPS).map((g) => [g.ref, g.title])),
    filesDir,
    ansi: tty,
    print: show,
  },
});

// A little history so /tinhhinh and /tonghop have something to show.
const db = app.db;
const now = Date.now();
const id = Object.fromEntries(Object.entries(PEOPLE).map(([ref, name]) => [ref, consolePerson(db, ref, name, now).id]));
for (const [who, agency] of [['minh', 'SYT'], ['hoa', 'SCT']] as const) {
  decide(db, createRequest(db, id[who]!, agency, id[who]!, now).id, 'approved', id.thao!, now);
}
upsertChat(db, { id: consoleChat(db, GROUPS.yte!.ref, GROUPS.yte!.title, now), type: 'group' }, now, { agencyCode: 'SYT' });
upsertChat(db, { id: consoleChat(db, GROUPS.dieuphoi!.ref, GROUPS.dieuphoi!.title, now), type: 'group' }, now, { isCoordination: true, isDigest: true });
const day = 86_400_000;
seedUpdate(db, { task: 'III.1.3', agency: 'SYT', status: 'in_progress', percent: 60, note: 'Đã xây dựng dự thảo đề án, đang lấy ý kiến các sở.', at: now - 20 * day, userId: id.minh });
seedUpdate(db, { task: 'II.3', agency: 'SCT', status: 'done', note: 'Tổ chức 2 hội chợ xúc tiến xuất khẩu sản phẩm công nghệ sinh học.', at: now - 9 * day, userId: id.hoa });
seedUpdate(db, { task: 'III.1.5', agency: 'CAT', status: 'blocked', note: 'Chờ hướng dẫn của Bộ Công an về danh mục sản phẩm.', at: now - 3 * day, userId: id.thao });

function help() {
  console.log(`
${bold('kh457-bot — bản chạy thử (demo)')}: bot thật, chạy trong cửa sổ lệnh, dữ liệu tạm.
Gõ lệnh như trong Telegram: ${cyan('/trogiup')}, ${cyan('/nhiemvu')}, ${cyan('/nv II.3')}, ${cyan('/capnhat III.1.3 đang 70% Đã trình dự thảo')}, ${cyan('/tinhhinh')}, ${cyan('/tonghop')}, ${cyan('/baocao')}…
Chọn một lựa chọn được đánh số: gõ số, ví dụ ${cyan('1')}. Bot hỏi thì gõ câu trả lời ở dòng tiếp theo.
Đổi người: ${cyan(':as thao')} (điều phối viên), ${cyan(':as minh')} (Sở Y tế), ${cyan(':as hoa')} (Sở Công Thương), ${cyan(':as khach')} (chưa đăng ký).
Đổi nơi chat: ${cyan(':chat private')}, ${cyan(':chat yte')} (nhóm Sở Y tế), ${cyan(':chat dieuphoi')} (nhóm điều phối). Thoát: ${cyan(':quit')}.`);
}

/** The demo's own lines (:as, :chat, :help, :quit); everything else goes to the bot. */
function local(line: string): boolean | 'stop' {
  if (line === ':quit' || line === ':q') return 'stop';
  if (line === ':help') return help(), true;
  const as = /^:as\s+(\w+)$/.exec(line);
  if (as) {
    if (PEOPLE[as[1]!]) me = as[1]!;
    else console.log(`Chọn: ${Object.keys(PEOPLE).join(', ')}`);
    return true;
  }
  const chat = /^:chat\s+(\w+)$/.exec(line);
  if (chat) {
    if (chat[1] === 'private' || GROUPS[chat[1]!]) where = chat[1]!;
    else console.log(`Chọn: private, ${Object.keys(GROUPS).join(', ')}`);
    return true;
  }
  if (line.startsWith(':')) return console.log(dim('Lệnh của bản chạy thử: :as, :chat, :help, :quit')), true;
  return false;
}

help();
try {
  // Lines are read one after another, each answered in full (the outbox included) before the
  // next: a scripted session (input piped in) works as well as typing.
  await app.console.read(process.stdin, {
    speaker: () => ({ person: me, chat: chatRef() }),
    local,
    ready: () => process.stdout.write(`\n${bold(`[${PEOPLE[me]!.firstName} · ${PEOPLE[me]!.role} · ${where === 'private' ? 'chat riêng' : GROUPS[where]!.title}]`)} > `),
  });
} finally {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
  let kept: string[] = [];
  try {
    kept = readdirSync(filesDir);
  } catch {
    /* nothing was sent */
  }
  if (kept.length) console.log(`\nCác tệp bot đã gửi được giữ lại ở ${filesDir} (${kept.length} tệp).`);
  console.log('\nTạm biệt!');
  process.exit(0);
}
