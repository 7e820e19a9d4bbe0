// `npm run demo`: the real bot, an in-process stand-in for Telegram and a temporary database, so
// anyone can try kh457-bot in a terminal with no token and no network. Type what you would type
// in Telegram; press buttons by number; switch who you are with :as and where with :chat.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileStampAt } from '../src/text/dates.js';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { startApp } from '../src/app.js';
import type { Config } from '../src/config.js';
import { upsertChat } from '../src/db/queries/chats.js';
import { createRequest, decide } from '../src/db/queries/officers.js';
import { markPrivateChatOpen, upsertUser } from '../src/db/queries/users.js';
import { createLogger } from '../src/logger.js';
import { BotApiStub, type RecordedCall } from '../test/support/bot-api-stub.js';
import { seedUpdate } from '../test/support/seed.js';
import { callback, message, type TgUser } from '../test/support/updates.js';

const PEOPLE: Record<string, { user: TgUser; role: string }> = {
  thao: { user: { id: 900001, is_bot: false, first_name: 'Thảo', last_name: 'Nguyễn' }, role: 'điều phối viên Sở KH&CN' },
  minh: { user: { id: 900101, is_bot: false, first_name: 'Minh', last_name: 'Trần' }, role: 'cán bộ đầu mối Sở Y tế' },
  hoa: { user: { id: 900201, is_bot: false, first_name: 'Hoa', last_name: 'Lê' }, role: 'cán bộ đầu mối Sở Công Thương' },
  khach: { user: { id: 900999, is_bot: false, first_name: 'Khách' }, role: 'chưa đăng ký' },
};
const GROUPS = {
  yte: { id: -1001000000101, type: 'supergroup', title: 'Sở Y tế — KH457' },
  dieuphoi: { id: -1001000000100, type: 'supergroup', title: 'Sở KH&CN — điều phối' },
};

const ansi = (code: string) => (s: string) => (process.stdout.isTTY ? `\x1b[${code}m${s}\x1b[0m` : s);
const bold = ansi('1');
const dim = ansi('2');
const cyan = ansi('36');
const yellow = ansi('33');

/** Telegram HTML → terminal text. */
function render(html: string): string {
  return html
    .replace(/<b>([\s\S]*?)<\/b>/g, (_, x) => bold(x))
    .replace(/<i>([\s\S]*?)<\/i>/g, (_, x) => dim(x))
    .replace(/<code>([\s\S]*?)<\/code>/g, (_, x) => cyan(x))
    .replace(/<s>([\s\S]*?)<\/s>/g, (_, x) => `~${x}~`)
    .replace(/<a [^>]*>([\s\S]*?)<\/a>/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

const dir = mkdtempSync(join(tmpdir(), 'kh457-demo-'));
// The database is thrown away at :quit; the files the bot sends (reports, chart) are kept in a
// named folder, because opening them in Word and Excel is the point of trying /baocao.
const filesDir = resolve(process.env.KH457_DEMO_FILES ?? join('demo-files', fileStampAt(Date.now(), 'Asia/Ho_Chi_Minh')));
const stub = await new BotApiStub().start();
const now = Date.now();
const config: Config = {
  botToken: stub.token, apiRoot: stub.apiRoot, databasePath: join(dir, 'kh457.db'), coordinatorIds: [PEOPLE.thao!.user.id],
  timeZone: 'Asia/Ho_Chi_Minh', defaultLocale: 'vi', logLevel: 'silent', digestCron: '0 8 * * 1', reminderCron: '0 9 * * 3',
  staleDays: 14, escalateDays: 7, holidays: [], mode: 'polling', backupDir: join(dir, 'backups'), backupKeep: 3,
  backupCron: '30 2 * * *', sendLimits: 'none',
};
const app = await startApp(config, createLogger('silent'), { schedule: false, pollTimeoutSeconds: 1 });

// A little history so /tinhhinh and /tonghop have something to show.
const db = app.db;
for (const p of Object.values(PEOPLE)) {
  upsertUser(db, p.user, now);
  markPrivateChatOpen(db, p.user.id, true);
}
for (const [who, agency] of [['minh', 'SYT'], ['hoa', 'SCT']] as const) {
  const req = createRequest(db, PEOPLE[who]!.user.id, agency, PEOPLE[who]!.user.id, now);
  decide(db, req.id, 'approved', PEOPLE.thao!.user.id, now);
}
upsertChat(db, GROUPS.yte, now, { agencyCode: 'SYT' });
upsertChat(db, GROUPS.dieuphoi, now, { isCoordination: true, isDigest: true });
const day = 86_400_000;
seedUpdate(db, { task: 'III.1.3', agency: 'SYT', status: 'in_progress', percent: 60, note: 'Đã xây dựng dự thảo đề án, đang lấy ý kiến các sở.', at: now - 20 * day, userId: PEOPLE.minh!.user.id });
seedUpdate(db, { task: 'II.3', agency: 'SCT', status: 'done', note: 'Tổ chức 2 hội chợ xúc tiến xuất khẩu sản phẩm công nghệ sinh học.', at: now - 9 * day, userId: PEOPLE.hoa!.user.id });
seedUpdate(db, { task: 'III.1.5', agency: 'CAT', status: 'blocked', note: 'Chờ hướng dẫn của Bộ Công an về danh mục sản phẩm.', at: now - 3 * day, userId: PEOPLE.thao!.user.id });

let me = 'minh';
let where: 'private' | 'yte' | 'dieuphoi' = 'private';
let buttons: Array<{ text: string; data: string; chatId: number; messageId: number }> = [];
let replyTarget: { chatId: number; messageId: number } | undefined;

const chatNow = () => (where === 'private' ? { id: PEOPLE[me]!.user.id, type: 'private', first_name: PEOPLE[me]!.user.first_name } : GROUPS[where]);
const chatName = (id: number) =>
  id === chatNow().id ? '' : (Object.values(GROUPS).find((g) => g.id === id)?.title ?? Object.values(PEOPLE).find((p) => p.user.id === id)?.user.first_name ?? String(id));

function show(calls: RecordedCall[]) {
  buttons = [];
  for (const c of calls) {
    if (c.outcome !== 'ok') continue;
    const chatId = Number(c.payload.chat_id);
    const elsewhere = chatName(chatId);
    const prefix = elsewhere ? yellow(`[→ ${elsewhere}] `) : '';
    if (c.method === 'editMessageText') {
      // Telegram replaces the message in place (a question answered, buttons gone); here it is shown again.
      console.log(`\n${prefix}${dim('(tin được sửa)')} ${render(String(c.payload.text))}`);
    } else if (c.method === 'sendMessage') {
      console.log(`\n${prefix}${render(String(c.payload.text))}`);
      const kb = c.payload.reply_markup?.inline_keyboard as Array<Array<{ text: string; callback_data: string }>> | undefined;
      if (kb && !elsewhere) {
        for (const b of kb.flat()) buttons.push({ text: b.text, data: b.callback_data, chatId, messageId: c.result.message_id });
        console.log(buttons.map((b, i) => cyan(`[${i + 1}] ${b.text}`)).join('  '));
      }
      if (c.payload.reply_markup?.force_reply && !elsewhere) {
        replyTarget = { chatId, messageId: c.result.message_id };
        console.log(dim('(gõ nội dung — sẽ gửi như trả lời tin này)'));
      } else if (!elsewhere) replyTarget = { chatId, messageId: c.result.message_id };
    } else if (c.method === 'sendPhoto' || c.method === 'sendDocument') {
      const file = c.payload.photo ?? c.payload.document;
      mkdirSync(filesDir, { recursive: true });
      const path = join(filesDir, file.filename);
      writeFileSync(path, file.bytes);
      console.log(`\n${prefix}📎 ${c.payload.caption ?? ''} → ${path}`);
    } else if (c.method === 'answerCallbackQuery' && c.payload.text) {
      console.log(`\n${yellow('⚠')} ${c.payload.text}`);
    }
  }
}

async function deliver(update: Record<string, unknown>) {
  const before = stub.calls.length;
  const pushed = stub.push(update);
  const { isHandled } = await import('../src/db/queries/inbox.js');
  while (!isHandled(db, pushed.update_id)) await new Promise((r) => setTimeout(r, 10));
  await app.dispatcher.idle();
  await app.outbox.drained();
  show(stub.calls.slice(before).filter((c) => c.method !== 'getUpdates'));
}

function help() {
  console.log(`
${bold('kh457-bot — bản chạy thử (demo)')}: bot thật, Telegram giả lập, dữ liệu tạm.
Gõ lệnh như trong Telegram: ${cyan('/trogiup')}, ${cyan('/nhiemvu')}, ${cyan('/nv II.3')}, ${cyan('/capnhat III.1.3 đang 70% Đã trình dự thảo')}, ${cyan('/tinhhinh')}, ${cyan('/tonghop')}…
Bấm nút: gõ số, ví dụ ${cyan('1')}. Trả lời (reply) tin vừa nhận: gõ ${cyan('> nội dung')} (tin yêu cầu trả lời thì gõ thẳng).
Đổi người: ${cyan(':as thao')} (điều phối viên), ${cyan(':as minh')} (Sở Y tế), ${cyan(':as hoa')} (Sở Công Thương), ${cyan(':as khach')} (chưa đăng ký).
Đổi nơi chat: ${cyan(':chat private')}, ${cyan(':chat yte')} (nhóm Sở Y tế), ${cyan(':chat dieuphoi')} (nhóm điều phối). Thoát: ${cyan(':quit')}.`);
}

help();
const rl = createInterface({ input: process.stdin, output: process.stdout });
const prompt = () => `\n${bold(`[${PEOPLE[me]!.user.first_name} · ${PEOPLE[me]!.role} · ${where === 'private' ? 'chat riêng' : GROUPS[where].title}]`)} > `;
try {
  process.stdout.write(prompt());
  // The async iterator queues lines, so a scripted session (input piped in) works as well as typing.
  for await (const raw of rl) {
    const line = raw.trim();
    await handle(line).catch((err) => console.error(err));
    if (line === ':quit' || line === ':q') break;
    process.stdout.write(prompt());
  }
} finally {
  rl.close();
  await app.stop();
  await stub.stop();
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

async function handle(line: string) {
  {
    if (!line) return;
    if (line === ':quit' || line === ':q') return;
    if (line === ':help') return help();
    const as = /^:as\s+(\w+)$/.exec(line);
    if (as) {
      if (PEOPLE[as[1]!]) me = as[1]!;
      else console.log(`Chọn: ${Object.keys(PEOPLE).join(', ')}`);
      return;
    }
    const chat = /^:chat\s+(\w+)$/.exec(line);
    if (chat) {
      if (chat[1] === 'private' || chat[1] === 'yte' || chat[1] === 'dieuphoi') where = chat[1];
      else console.log('Chọn: private, yte, dieuphoi');
      return;
    }
    if (/^\d{1,2}$/.test(line) && buttons.length && !buttons[Number(line) - 1]) {
      console.log(yellow(`Không có nút số ${line}: chọn từ 1 đến ${buttons.length}.`));
      return;
    }
    if (/^\d+$/.test(line) && buttons[Number(line) - 1]) {
      const b = buttons[Number(line) - 1]!;
      await deliver(callback(b.data, { from: PEOPLE[me]!.user, chat: chatNow(), messageId: b.messageId }));
      return;
    }
    const from = PEOPLE[me]!.user;
    let text = line;
    let replyTo: Record<string, unknown> | undefined;
    const explicitReply = text.startsWith('>');
    if ((explicitReply || !text.startsWith('/')) && replyTarget && replyTarget.chatId === chatNow().id) {
      text = explicitReply ? text.slice(1).trim() : text;
      replyTo = { message_id: replyTarget.messageId, date: 0, chat: chatNow(), from: { id: 7000001, is_bot: true, first_name: 'KH457 Bot', username: 'kh457_bot' }, text: '…' };
    }
    // In a group, commands go to the bot by name, as privacy mode requires.
    if (where !== 'private' && text.startsWith('/') && !text.split(/\s/)[0]!.includes('@')) text = text.replace(/^(\/\w+)/, '$1@kh457_bot');
    await deliver(message(text, { from, chat: chatNow(), replyTo }));
  }
}
