// Zalo runs the text channels' conversation: a question waits for the next line only until it is
// answered (attack review; the console's cases are in text-prompts.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statement } from '../../src/db/statements.js';
import { zaloText } from '../support/zalo-api-stub.js';
import { startZaloHarness, textsOf, Z_COORDINATOR, Z_OFFICER, type ZaloHarness } from '../support/zalo-harness.js';

const joined = (calls: Parameters<typeof textsOf>[0]) => textsOf(calls).join('\n---\n');
let h: ZaloHarness;
beforeAll(async () => {
  h = await startZaloHarness();
  await h.say(Z_COORDINATOR, '/start');
  await h.say(Z_OFFICER, '/dangky Sở Y tế');
  await h.say(Z_COORDINATOR, '1');
});
afterAll(() => h?.close());
const notes = () => statement(h.app.db, "select status s, percent p, note from updates where task_code = 'II.5' order by id").all();

describe('Zalo: a line after the question answered by number', () => {
  it('is a message of its own, not another report', async () => {
    const statuses = joined(await h.say(Z_OFFICER, '/capnhat II.5'));
    await h.say(Z_OFFICER, /(\d+)\. [^\n]*Đang thực hiện/.exec(statuses)![1]!);
    const q = joined(await h.say(Z_OFFICER, 'Đã khảo sát 3 xã, đạt 30% kế hoạch'));
    expect(q).toContain('Chưa lưu gì');
    expect(joined(await h.say(Z_OFFICER, /(\d+)\. [^\n]*\(30%\)/.exec(q)![1]!))).toContain('Đã ghi nhận cập nhật nhiệm vụ II.5');
    expect(notes()).toHaveLength(1);
    const after = joined(await h.say(Z_OFFICER, 'Cảm ơn bot'));
    expect(after).not.toContain('Đã ghi nhận');
    expect(notes()).toHaveLength(1);
  });

  it('after "50" (the figure) and the note, the next line is a message of its own', async () => {
    const v4 = () => statement(h.app.db, "select status s, percent p, note from updates where task_code = 'V.4'").all();
    const statuses = joined(await h.say(Z_OFFICER, '/capnhat V.4'));
    await h.say(Z_OFFICER, /(\d+)\. [^\n]*Đang thực hiện/.exec(statuses)![1]!);
    expect(joined(await h.say(Z_OFFICER, '50'))).toContain('(50%)');
    expect(joined(await h.say(Z_OFFICER, 'Đã làm việc với 2 nhà tài trợ'))).toContain('Đã ghi nhận cập nhật nhiệm vụ V.4');
    const after = joined(await h.say(Z_OFFICER, 'Cảm ơn bot'));
    expect(after).not.toContain('Đã ghi nhận');
    expect(v4()).toHaveLength(1);
  });
});

describe('Zalo: a picture', () => {
  /** A picture event as the Bot Platform sends it: a URL, and the caption when one was typed. */
  const picture = (caption?: string) => {
    const e = zaloText('', { from: Z_OFFICER, event: 'message.image.received' });
    delete e.message.text;
    e.message.photo = 'https://photo-stal-1.zdn.vn/kh457/anh-hien-truong.jpg';
    if (caption !== undefined) e.message.caption = caption;
    return e;
  };

  it('with a report as its caption: the report is saved, and the officer is told the picture was not kept', async () => {
    const i13 = () => statement(h.app.db, "select status s, percent p, note from updates where task_code = 'III.1.3'").all();
    const texts = textsOf(await h.send(picture('/capnhat III.1.3 đang 40% Ảnh buổi tập huấn ở xã Mỹ Hoà')));
    // One message, as for the same words typed: the notice ends the answer (Zalo counts messages).
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('Đã ghi nhận cập nhật nhiệm vụ III.1.3');
    expect(texts[0]).toContain('\n\n📷 Bot chưa lưu được ảnh gửi qua Zalo; bot chỉ ghi nhận phần chữ gửi kèm ảnh.');
    expect(i13()).toEqual([{ s: 'in_progress', p: 40, note: 'Ảnh buổi tập huấn ở xã Mỹ Hoà' }]);
  });

  it('with an empty text beside its caption: the caption is read', async () => {
    const e = picture('/tinhhinh');
    e.message.text = '';
    const texts = textsOf(await h.send(e));
    expect(texts.join('\n')).toContain('Sở Y tế');
    expect(texts.join('\n')).not.toContain('Tôi chỉ hiểu');
  });

  it('alone, privately: nothing is done, and the officer is told why and how to report', async () => {
    const before = statement(h.app.db, 'select count(*) n from updates').get();
    const texts = textsOf(await h.send(picture()));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('không kèm chữ');
    expect(texts[0]).toContain('/viectoi');
    expect(statement(h.app.db, 'select count(*) n from updates').get()).toEqual(before);
    // The rest of an album (one event per picture) the same day: told once is enough.
    expect(textsOf(await h.send(picture()))).toEqual([]);
    expect(statement(h.app.db, 'select count(*) n from updates').get()).toEqual(before);
  });
});
