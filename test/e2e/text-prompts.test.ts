// Text channels (the console here; Zalo runs the same code): a question waits for the person's next
// line only until it is answered — saved, asked again in a new question, or answered by a number —
// and an answer that is no answer is refused with the question still waiting (attack review).
import { testConfig } from '../support/config.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleApp, type ConsoleApp } from '../../src/app.js';
import type { Printed } from '../../src/channels/console/channel.js';
import { consoleTyping, numberOf, texts } from '../support/console-lines.js';
import { consolePerson } from '../../src/channels/console/identities.js';
import type { Config } from '../../src/config.js';
import { createRequest, decide } from '../../src/db/queries/officers.js';

let app: ConsoleApp;
let dir: string;
const printed: Printed[] = [];
const ids: Record<string, number> = {};
const type = consoleTyping(() => app, printed);
/** `/capnhat <task>` in the person's own chat, and a status picked by its number: the note prompt is next. */
async function atNotePrompt(person: string, task: string, status = /Đang thực hiện/) {
  const statuses = await type(person, person, `/capnhat ${task}`);
  await type(person, person, numberOf(statuses, status));
}
const rows = (task: string) => app.db.$client.prepare('select agency_code a, status s, percent p, note from updates where task_code = ? and withdrawn_at is null order by id').all(task);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kh457-text-prompts-'));
  const config: Config = testConfig(dir);
  const { createLogger } = await import('../../src/logger.js');
  app = await startConsoleApp(config, createLogger('silent'), {
    schedule: false, outboxBackoffMs: 20,
    console: {
      coordinators: ['thao'],
      people: { thao: { firstName: 'Thảo', lastName: 'Nguyễn' }, minh: { firstName: 'Minh', lastName: 'Trần' } },
      groups: { 'group:syt': 'Sở Y tế' },
      filesDir: join(dir, 'files'),
      print: (p) => printed.push(p),
    },
  });
  const now = Date.now();
  for (const p of ['thao', 'minh']) ids[p] = consolePerson(app.db, p, { firstName: p }, now).id;
  decide(app.db, createRequest(app.db, ids.minh!, 'SYT', ids.minh!, now).id, 'approved', ids.thao!, now);
});
afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the line after a question was answered is a message of its own', () => {
  it('"50" (the figure), then the note: saved once; "Cảm ơn bot" after it is not a report', async () => {
    await atNotePrompt('minh', 'V.4');
    expect(texts(await type('minh', 'minh', '50'))).toContain('🔄 Đang thực hiện (50%)');
    expect(texts(await type('minh', 'minh', 'Đã làm việc với 2 nhà tài trợ'))).toContain('Đã ghi nhận cập nhật nhiệm vụ V.4');
    expect(texts(await type('minh', 'minh', 'Cảm ơn bot'))).not.toContain('Đã ghi nhận');
    expect(rows('V.4')).toEqual([{ a: 'SYT', s: 'in_progress', p: 50, note: 'Đã làm việc với 2 nhà tài trợ' }]);
  });

  it('a note that raises a question, answered by its number: "Cảm ơn bot" after it is not a report', async () => {
    await atNotePrompt('minh', 'II.5');
    const q = await type('minh', 'minh', 'Đã khảo sát 3 xã, đạt 30% kế hoạch');
    expect(texts(await type('minh', 'minh', numberOf(q, /\(30%\)/)))).toContain('Đã ghi nhận cập nhật nhiệm vụ II.5');
    expect(texts(await type('minh', 'minh', 'Cảm ơn bot'))).not.toContain('Đã ghi nhận');
    expect(rows('II.5')).toHaveLength(1);
  });

  it('the coordinator: note, "which agency?", its number: "Cảm ơn bot" after it does not ask the agency again', async () => {
    await atNotePrompt('thao', 'V.1');
    const ag = await type('thao', 'thao', 'Đã họp tổ công tác 2 lần');
    expect(texts(await type('thao', 'thao', numberOf(ag, /KH&CN/)))).toContain('Đã ghi nhận cập nhật nhiệm vụ V.1');
    expect(texts(await type('thao', 'thao', 'Cảm ơn bot'))).not.toContain('cho cơ quan nào');
    expect(rows('V.1')).toHaveLength(1);
  });
});

describe('a choice typed by its label', () => {
  it('the coordinator types the agency\'s name at "cho cơ quan nào?": it is picked, the note and status kept (attack review)', async () => {
    await atNotePrompt('thao', 'V.2');
    expect(texts(await type('thao', 'thao', '40% Đã họp tổ công tác lần 3'))).toContain('cho cơ quan nào');
    expect(texts(await type('thao', 'thao', 'Sở KH&CN'))).toContain('Đã ghi nhận cập nhật nhiệm vụ V.2');
    expect(rows('V.2')).toEqual([{ a: 'SKHCN', s: 'in_progress', p: 40, note: 'Đã họp tổ công tác lần 3' }]);
  });
});

describe('a number alone answering the note prompt', () => {
  /** The note prompt of III.1.3 for `status`, then `line`: what the bot said first, and what was stored. */
  async function answer(status: RegExp, line: string) {
    await atNotePrompt('minh', 'III.1.3', status);
    const before = rows('III.1.3').length;
    const said = texts(await type('minh', 'minh', line));
    return { said, saved: rows('III.1.3').slice(before) };
  }

  it.each([
    [/Hoàn thành/, '50'],
    [/Chưa/, '50'],
    [/Chưa/, '0'],
    [/Đang thực hiện/, '101'],
  ])('%s answered %j is no note: refused, nothing saved, and the next line still answers it', async (status, line) => {
    const r = await answer(status, line);
    expect(r.said).toContain(`«${line}» chưa phải nội dung cập nhật`);
    expect(r.saved).toEqual([]);
    expect(texts(await type('minh', 'minh', 'Đã trình dự thảo lần 2'))).toContain('Đã ghi nhận cập nhật nhiệm vụ III.1.3');
  });

  it.each(['50.', '50 %', ' 7 ', '050'])('%j on an in-progress prompt is the figure: the note is asked for next', async (line) => {
    const r = await answer(/Đang thực hiện/, line);
    expect(r.said).toMatch(/🔄 Đang thực hiện \((50|7)%\)/);
    expect(r.saved).toEqual([]);
    await type('minh', 'minh', 'Đã hoàn thiện hồ sơ');
    expect(rows('III.1.3').at(-1)).toMatchObject({ s: 'in_progress', p: line.trim().startsWith('7') ? 7 : 50, note: 'Đã hoàn thiện hồ sơ' });
  });
});

describe('/huy while a question waits', () => {
  it('cancels the question, saving nothing; a second /huy is the usual withdraw', async () => {
    const before = rows('III.1.3').length;
    const q = await type('minh', 'minh', '/capnhat III.1.3 100%');
    expect(texts(q)).toContain('100%');
    expect(texts(await type('minh', 'minh', '/huy'))).toContain('Đã hủy câu hỏi đang chờ; chưa lưu gì.');
    expect(rows('III.1.3')).toHaveLength(before);
    // The question's numbers no longer apply.
    expect(texts(await type('minh', 'minh', '1'))).not.toContain('Đã ghi nhận');
    expect(rows('III.1.3')).toHaveLength(before);
    expect(texts(await type('minh', 'minh', '/huy'))).not.toContain('Đã hủy câu hỏi');
  });
});

describe('another status typed at the note prompt', () => {
  it('is asked about; keeping the chosen one saves the words whole, with the figure given', async () => {
    await atNotePrompt('minh', 'II.1');
    await type('minh', 'minh', '40');
    const q = await type('minh', 'minh', 'Tạm dừng: chờ bố trí vốn');
    expect(rows('II.1')).toEqual([]);
    await type('minh', 'minh', numberOf(q, /Đang thực hiện \(40%\)/));
    expect(rows('II.1')).toEqual([{ a: 'SYT', s: 'in_progress', p: 40, note: 'Tạm dừng: chờ bố trí vốn' }]);
  });
});

describe('a task code typed at the list of tasks', () => {
  it('picks that task, as its number would (new-user review: it got "Tôi chỉ hiểu các lệnh")', async () => {
    const list = texts(await type('minh', 'minh', '/capnhat'));
    expect(list).toMatch(/\d+\. III\.1\.3 /);
    const next = texts(await type('minh', 'minh', 'III.1.3'));
    expect(next).toContain('III.1.3 Xây dựng đề án');
    expect(next).toContain('Chọn tình trạng thực hiện');
  });
});
