import { describe, expect, it } from 'vitest';
import {
  deriveTaskStatus,
  editDistance,
  isConsistent,
  isSyllable,
  normalizeNote,
  parseReportText,
  percentsIn,
  sameWord,
  takeStatus,
  type Status,
} from '../../src/domain/status.js';
import { takeTaskCode } from '../../src/domain/task-code.js';
import { PLAN } from '../../src/domain/plan-data.js';

const ok = (text: string, defaults?: Parameters<typeof parseReportText>[1]) => {
  const r = parseReportText(text, defaults);
  if (!r.ok) throw new Error(`${text}: ${r.error}`);
  return r;
};

describe('takeStatus', () => {
  it.each([
    ['xong: Đã ban hành', 'done', 'Đã ban hành'],
    ['hoàn thành: đã xong', 'done', 'đã xong'],
    ['Hoan thanh', 'done', ''],
    ['đang thực hiện 50% abc', 'in_progress', '50% abc'],
    ['dang làm', 'in_progress', ''],
    ['Gặp vướng mắc - về kinh phí', 'blocked', 'về kinh phí'],
    ['vuong mac\nthiếu người', 'blocked', 'thiếu người'],
    ['chưa thực hiện', 'not_started', ''],
    ['chưa bắt đầu', 'not_started', ''],
    ['chưa làm.', 'not_started', ''],
    ['chưa triển khai', 'not_started', ''],
    ['đang triển khai, đạt 50%', 'in_progress', 'đạt 50%'],
    ['đang tiến hành', 'in_progress', ''],
    ['đã xong', 'done', ''],
    ['xong rồi!', 'done', ''],
    ['tạm dừng', 'blocked', ''],
    ['Tạm ngưng: chờ kinh phí', 'blocked', 'chờ kinh phí'],
    ['khó khăn', 'blocked', ''],
    ['vướng', 'blocked', ''],
    ['gặp khó', 'blocked', ''],
    ['đang gặp khó khăn', 'blocked', ''],
    ['todo', 'not_started', ''],
    ['doing', 'in_progress', ''],
    ['blocked', 'blocked', ''],
    ['đang thưc hiên', 'in_progress', ''], // diacritics left out are still the word
  ])('%s', (text, status, rest) => {
    expect(takeStatus(text)).toMatchObject({ status, rest, guessed: false });
  });

  it.each([
    ['đng 50%', 'in_progress', 'đng'],
    ['dnag', 'in_progress', 'dnag'],
    ['hoan thnah', 'done', 'hoan thnah'],
    ['vuog mac', 'blocked', 'vuog mac'],
    ['xog', 'done', 'xog'],
    ['chưa bắt đàu', 'not_started', 'chưa bắt đàu'],
  ])('a typo is only likely: %s', (text, status, typed) => {
    const m = takeStatus(text)!;
    expect(m.status).toBe(status);
    expect(m.typed).toBe(typed);
    // "chưa bắt đàu" leaves a mark out only: that is the word itself.
    if (typed !== 'chưa bắt đàu') expect(m.guessed).toBe(true);
  });

  it.each([
    'Đã tổ chức hội nghị xong',
    'Đã tổ chức hội nghị',
    'dạng văn bản: kế hoạch',
    'Dạng',
    'đăng ký nhãn hiệu',
    'đồng ý chủ trương',
    'Đồng Tháp',
    'xongxuôi',
    'dangerous',
    'Dự thảo đã trình',
    'Sở đã họp',
    'UBND tỉnh đã ban hành',
    'DN đã đăng ký',
    'Vụ lúa',
    'Chuẩn bị',
  ])('no status in "%s"', (text) => {
    expect(takeStatus(text)).toBeNull();
  });

  it('knows a typo from a word', () => {
    expect(isSyllable('dang')).toBe(true);
    expect(isSyllable('dong')).toBe(true);
    expect(isSyllable('nghieng')).toBe(true);
    expect(isSyllable('dng')).toBe(false);
    expect(isSyllable('vuog')).toBe(false);
    expect(editDistance('dnag', 'dang')).toBe(1);
    expect(sameWord('dang', 'đang')).toBe(true);
    expect(sameWord('dạng', 'đang')).toBe(false);
    expect(sameWord('đăng', 'đang')).toBe(false);
  });
});

describe('parseReportText', () => {
  it('reads status, percent and note', () => {
    expect(parseReportText('dang 40% Đã khảo sát 3 doanh nghiệp')).toEqual({
      ok: true,
      report: { status: 'in_progress', percent: 40, note: 'Đã khảo sát 3 doanh nghiệp' },
      question: null,
    });
  });

  it.each([
    ['đang 56%', 'in_progress', 56, ''],
    ['- đang 56%', 'in_progress', 56, ''],
    [': đang 55%', 'in_progress', 55, ''],
    ['đang 70 % Đã trình', 'in_progress', 70, 'Đã trình'],
    ['70%.', 'in_progress', 70, ''],
    ['đạt 50%', 'in_progress', 50, ''],
    ['đang triển khai, đạt 50%', 'in_progress', 50, ''],
    ['đang triển khai, đạt 50%. Đã khảo sát 5 DN', 'in_progress', 50, 'Đã khảo sát 5 DN'],
    ['tiến độ 30%: đã lập dự toán', 'in_progress', 30, 'đã lập dự toán'],
    ['70% gần xong', 'in_progress', 70, 'gần xong'],
    ['xong đã ban hành QĐ', 'done', 100, 'xong đã ban hành QĐ'],
    ['hoàn thành 100%', 'done', 100, ''],
    ['tạm dừng', 'blocked', null, ''],
    ['tạm ngưng 40% chờ vốn', 'blocked', 40, 'chờ vốn'],
    ['vướng: thiếu kinh phí', 'blocked', null, 'thiếu kinh phí'],
    ['chưa bắt đầu', 'not_started', null, ''],
    ['chưa 0% chưa có vốn', 'not_started', 0, 'chưa có vốn'],
    ['Đang xây dựng dự thảo', 'in_progress', null, 'Đang xây dựng dự thảo'],
    ['Đạt 50% kế hoạch năm', 'in_progress', 50, 'Đạt 50% kế hoạch năm'],
    ['Đã gửi văn bản số 12', null, null, 'Đã gửi văn bản số 12'],
    ['Đã tổ chức hội nghị', null, null, 'Đã tổ chức hội nghị'],
    ['dạng văn bản: kế hoạch', null, null, 'dạng văn bản: kế hoạch'],
    ['Đăng ký 3 sản phẩm OCOP', null, null, 'Đăng ký 3 sản phẩm OCOP'],
    ['Đồng bộ dữ liệu với Sở', null, null, 'Đồng bộ dữ liệu với Sở'],
    ['Đã tổ chức hội nghị xong', null, null, 'Đã tổ chức hội nghị xong'],
  ])('is sure of "%s"', (text, status, percent, note) => {
    expect(ok(text)).toEqual({ ok: true, report: { status, percent, note }, question: null });
  });

  it.each([
    ['đng 50%', 'đng', [{ status: 'in_progress', percent: 50, note: '' }]],
    ['dnag 30% Đã họp', 'dnag', [{ status: 'in_progress', percent: 30, note: 'Đã họp' }]],
    ['hoan thnah', 'hoan thnah', [{ status: 'done', percent: 100, note: '' }]],
    ['vuog mac: thiếu người', 'vuog mac', [{ status: 'blocked', percent: null, note: 'thiếu người' }]],
  ])('asks about the typo in "%s"', (text, typed, choices) => {
    expect(ok(text).question).toEqual({ typed, conflict: false, figures: [], doubt: false, choices });
  });

  it('asks when the status and the percentage disagree', () => {
    expect(ok('xong 80%').question).toEqual({
      typed: null, conflict: true, figures: [], doubt: false,
      choices: [{ status: 'done', percent: 100, note: '' }, { status: 'in_progress', percent: 80, note: '' }],
    });
    expect(ok('chưa bắt đầu 30% mới khảo sát').question).toEqual({
      typed: null, conflict: true, figures: [], doubt: false,
      choices: [{ status: 'in_progress', percent: 30, note: 'mới khảo sát' }, { status: 'not_started', percent: null, note: 'mới khảo sát' }],
    });
  });

  it('asks whether a percentage inside the note is the progress', () => {
    const note = 'Đã tổ chức hội nghị, tăng 50% số doanh nghiệp';
    expect(ok(note).question).toEqual({
      typed: null, conflict: false, figures: [50], doubt: false,
      choices: [{ status: 'in_progress', percent: 50, note }, { status: null, percent: null, note }],
    });
    expect(ok(`đang: ${note}`).question?.choices).toEqual([{ status: 'in_progress', percent: 50, note }, { status: 'in_progress', percent: null, note }]);
    // The head percentage is the progress; figures after it are the note's.
    expect(ok(`đang 20% ${note}`).question).toBeNull();
    // Done and not started settle the figure themselves.
    expect(ok(`xong: ${note}`).question).toBeNull();
    expect(percentsIn('tăng 12,5% và 150% và 30 % và 30%')).toEqual([30]);
  });

  it('a note prompt supplies the status chosen with buttons', () => {
    expect(ok('Thiếu kinh phí', { status: 'blocked', percent: null }).report).toEqual({ status: 'blocked', percent: null, note: 'Thiếu kinh phí' });
    expect(ok('60% đã khảo sát', { status: 'in_progress', percent: null }).report).toEqual({ status: 'in_progress', percent: 60, note: 'đã khảo sát' });
    expect(ok('Đã ban hành', { status: 'done', percent: null }).report).toEqual({ status: 'done', percent: 100, note: 'Đã ban hành' });
    // Another status typed at the prompt than the one chosen: asked, the chosen first (attack review).
    // The chosen status keeps the words as typed (status words and all); the typed status takes them as its field.
    expect(ok('vướng: chờ vốn', { status: 'in_progress', percent: 20 }).question!.choices).toEqual([
      { status: 'in_progress', percent: 20, note: 'vướng: chờ vốn' },
      { status: 'blocked', percent: 20, note: 'chờ vốn' },
    ]);
    // A figure typed goes with the chosen status ("Hoàn thành 50% khối lượng" after Đang thực hiện 60).
    expect(ok('Hoàn thành 50% khối lượng', { status: 'in_progress', percent: 60 }).question!.choices[0]).toEqual({ status: 'in_progress', percent: 50, note: 'Hoàn thành 50% khối lượng' });
    expect(ok('Vướng: 30% chờ vốn', { status: 'in_progress', percent: null }).question!.choices.map((c) => [c.status, c.percent])).toEqual([['in_progress', 30], ['blocked', 30]]);
    // Words doubtful as a status (a negation or a part inside a sentence) are the note under the status chosen.
    expect(ok('Chưa có kinh phí', { status: 'blocked', percent: null })).toMatchObject({ report: { status: 'blocked', note: 'Chưa có kinh phí' }, question: null });
    expect(ok('Đã hoàn thành giai đoạn 1', { status: 'in_progress', percent: 60 })).toMatchObject({ report: { status: 'in_progress', percent: 60, note: 'Đã hoàn thành giai đoạn 1' }, question: null });
    // "Done" chosen lends no figure: "Hoàn thành giai đoạn 1" offers in progress without the 100.
    expect(ok('Hoàn thành giai đoạn 1', { status: 'done', percent: 100 }).question!.choices.map((c) => [c.status, c.percent])).toEqual([['in_progress', null], ['done', 100]]);
    // "Vướng mắc" alone after Hoàn thành is a blocker word, not a heading: asked.
    expect(ok('Vướng mắc', { status: 'done', percent: 100 }).question!.choices.map((c) => c.status)).toEqual(['done', 'blocked']);
    // The chosen status typed again keeps the figure given with it.
    expect(ok('Đang thực hiện: đã lắp đặt thiết bị', { status: 'in_progress', percent: 60 })).toMatchObject({ report: { status: 'in_progress', percent: 60 }, question: null });
    // A heading alone on its line, or ended by a full stop, is a label too.
    for (const note of ['Khó khăn\nThiếu kinh phí', 'Khó khăn. Thiếu kinh phí đối ứng']) {
      expect(ok(note, { status: 'done', percent: 100 })).toMatchObject({ report: { status: 'done', note }, question: null });
    }
  });

  it('rejects percentages outside 0–100 and non-integers at the head', () => {
    for (const t of ['dang 150% x', 'dang -5% x', 'dang 12.5% x', '999999999999999999999% x', 'đạt 120%']) {
      expect(parseReportText(t)).toEqual({ ok: false, error: 'percent_range' });
    }
  });

  it('treats whitespace-only notes as empty', () => {
    expect(ok('xong   \n\t ').report.note).toBe('');
    expect(normalizeNote('a\u0000b\n\n\n\nc  ')).toBe('ab\n\nc');
  });

  it('checks a chosen report against the rules', () => {
    expect(isConsistent({ status: 'done', percent: 80 })).toBe(false);
    expect(isConsistent({ status: 'not_started', percent: 30 })).toBe(false);
    expect(isConsistent({ status: null, percent: 30 })).toBe(false);
    expect(isConsistent({ status: 'blocked', percent: 30 })).toBe(true);
  });
});

describe('takeTaskCode', () => {
  const known = new Set(PLAN.tasks.map((t) => t.code));
  const exists = (c: string) => known.has(c);
  it.each([
    ['II.3: đang 55%', 'II.3', ' đang 55%'],
    ['II.3 - đang 56%', 'II.3', ' - đang 56%'],
    ['II.3, xong', 'II.3', ' xong'],
    ['III 1 3 đang 50%', 'III.1.3', ' đang 50%'],
    ['3 1 3 đang 50%', 'III.1.3', ' đang 50%'],
    ['II.3 5 doanh nghiệp', 'II.3', ' 5 doanh nghiệp'],
    ['iii.1.3', 'III.1.3', ''],
  ])('%s', (text, code, rest) => {
    expect(takeTaskCode(text, exists)).toEqual({ code, typed: expect.any(String), rest, found: true });
  });
  it('quotes back what did not name a task', () => {
    expect(takeTaskCode('II.99 xong x', exists)).toMatchObject({ code: 'II.99', typed: 'II.99', found: false });
    expect(takeTaskCode('xuat khau', exists)).toMatchObject({ code: null, typed: 'xuat', found: false });
  });
});

describe('deriveTaskStatus', () => {
  const line = (status: 'done' | 'blocked' | 'in_progress' | null) => ({ agencyCode: 'X', status, percent: null });
  it('follows the lines', () => {
    expect(deriveTaskStatus([line('done'), line('done')])).toBe('done');
    expect(deriveTaskStatus([line('done'), line(null)])).toBe('in_progress');
    expect(deriveTaskStatus([line('done'), line('blocked')])).toBe('blocked');
    expect(deriveTaskStatus([line(null)])).toBe('not_started');
  });
});

describe('the status word of /capnhat before a new sentence', () => {
  it('is a field in the command form, and the note is the sentence', () => {
    expect(parseReportText('xong Đã vận động 2 dự án tài trợ', undefined, 'command')).toMatchObject({ ok: true, report: { status: 'done', percent: 100, note: 'Đã vận động 2 dự án tài trợ' } });
    expect(parseReportText('đang Đã tổ chức 1 hội nghị', undefined, 'command')).toMatchObject({ ok: true, report: { status: 'in_progress', note: 'Đã tổ chức 1 hội nghị' } });
  });
  it('stays in a lower-case sentence, and in free text such as a reply', () => {
    expect(parseReportText('chưa có kinh phí', undefined, 'command')).toMatchObject({ ok: true, report: { note: 'chưa có kinh phí' } });
    expect(parseReportText('xong Đã vận động 2 dự án')).toMatchObject({ ok: true, report: { note: 'xong Đã vận động 2 dự án' } });
  });
});

describe('normalizeNote', () => {
  it('drops direction overrides, non-characters and lone surrogates, keeps emoji', () => {
    expect(normalizeNote('Đã \u202ehọp\u202c xong \ufffe\uffff\ud800 👍🏽')).toBe('Đã họp xong  👍🏽');
  });
});

describe('words that only look like a status are asked about', () => {
  const read = (t: string, form: 'command' | 'free' = 'command') => {
    const r = parseReportText(t, undefined, form);
    if (!r.ok) throw new Error('refused');
    return { first: r.report, doubt: r.question?.doubt ?? false, choices: r.question?.choices.map((c) => [c.status, c.percent]) };
  };
  it('"chưa hoàn thành, đạt 80%" is work in progress at 80 %, not "not started"', () => {
    expect(read('chưa hoàn thành, đạt 80%').first).toMatchObject({ status: 'in_progress', percent: 80 });
    expect(read('Chưa xong, còn khoảng 20% nữa').first.status).toBe('in_progress');
  });
  it('a negation inside a sentence asks', () => {
    expect(read('chưa có kinh phí')).toMatchObject({ doubt: true, choices: [['in_progress', null], ['not_started', null], [null, null]] });
    expect(read('Chưa có kinh phí nên chưa triển khai', 'free')).toMatchObject({ doubt: true });
  });
  it('a part of the work asks between done and in progress', () => {
    expect(read('xong một phần, còn lại chuyển năm sau')).toMatchObject({ doubt: true, choices: [['in_progress', null], ['done', 100]] });
    expect(read('hoàn thành giai đoạn 1, đạt 60%')).toMatchObject({ doubt: true });
  });
  it('a later word that says blocked asks', () => {
    expect(read('Đang tạm dừng do chờ kinh phí')).toMatchObject({ doubt: true, choices: [['blocked', null], ['in_progress', null]] });
    expect(read('đang bị vướng thủ tục')).toMatchObject({ doubt: true });
  });
  it('"Khó khăn: …" keeps its label in the note and asks whether it is a blocker', () => {
    const r = read('Khó khăn: không có');
    expect(r).toMatchObject({ doubt: true, choices: [['blocked', null], [null, null]] });
    expect(r.first.note).toBe('Khó khăn: không có');
  });
  it('"Khó khăn: …" at a note prompt is the label under the status already chosen', () => {
    // Chosen "Đang thực hiện" and 60: saved as chosen, as "đang 60% Khó khăn: …" typed is.
    expect(ok('Khó khăn: thiếu kinh phí', { status: 'in_progress', percent: 60 })).toMatchObject({
      report: { status: 'in_progress', percent: 60, note: 'Khó khăn: thiếu kinh phí' },
      question: null,
    });
    // Chosen without a figure: stuck, or going with difficulties? Asked, the chosen status first.
    const q = ok('Khó khăn: thiếu kinh phí', { status: 'in_progress', percent: null }).question!;
    expect(q.choices.map((c) => [c.status, c.percent])).toEqual([['in_progress', null], ['blocked', null]]);
    expect(ok('Khó khăn: không có', { status: 'done', percent: 100 })).toMatchObject({ report: { status: 'done', note: 'Khó khăn: không có' }, question: null });
    // The headings official reports use are labels too, kept whole in the note (attack review).
    for (const heading of ['Khó khăn - chưa có kinh phí nghiệm thu', 'Khó khăn, vướng mắc: chưa có kinh phí', 'Vướng mắc và kiến nghị: cần bổ sung vốn']) {
      expect(ok(heading, { status: 'done', percent: 100 })).toMatchObject({ report: { status: 'done', percent: 100, note: heading }, question: null });
    }
    // Status words running into a sentence that say otherwise than the status chosen: asked, the
    // chosen first, with its figure; the words kept whole.
    const other = ok('Đang chờ Hội đồng nghiệm thu', { status: 'done', percent: 100 }).question!;
    expect(other.choices).toEqual([
      { status: 'done', percent: 100, note: 'Đang chờ Hội đồng nghiệm thu' },
      { status: 'in_progress', percent: null, note: 'Đang chờ Hội đồng nghiệm thu' },
    ]);
    expect(ok('Khó khăn thì chưa có', { status: 'in_progress', percent: 60 }).question!.choices.map((c) => [c.status, c.percent])).toEqual([['in_progress', 60], ['blocked', 60]]);
    // Final attack review: words saying the work is stuck after "Hoàn thành" or "Chưa thực hiện" are asked about.
    const stuck = (text: string, status: Status) => ok(text, { status, percent: status === 'done' ? 100 : null }).question!.choices.map((c) => c.status);
    expect(stuck('Đang tạm dừng do thiếu vốn', 'done')).toEqual(['done', 'blocked', 'in_progress']);
    expect(stuck('Đang vướng thủ tục thanh quyết toán', 'not_started')).toEqual(['not_started', 'blocked', 'in_progress']);
    // "Chưa, đạt 80%" after Hoàn thành: some progress after all — asked, with the 80.
    expect(ok('Chưa, đạt 80%', { status: 'done', percent: 100 }).question!.choices.map((c) => [c.status, c.percent])).toContainEqual(['in_progress', 80]);
    // "Chưa thực hiện" chosen lends no figure to itself: its choice can be picked.
    expect(ok('Đang thực hiện 30%', { status: 'not_started', percent: null }).question!.choices.map((c) => [c.status, c.percent])).toEqual([['not_started', null], ['in_progress', 30]]);
    // The chosen status typed again keeps its words whole.
    expect(ok('Tạm dừng: chờ vốn', { status: 'blocked', percent: null })).toMatchObject({ report: { status: 'blocked', note: 'Tạm dừng: chờ vốn' }, question: null });
    expect(ok('Chưa có kinh phí', { status: 'not_started', percent: null })).toMatchObject({ report: { status: 'not_started', note: 'Chưa có kinh phí' }, question: null });
    // Chosen "Gặp vướng mắc": the label agrees; nothing to ask.
    expect(ok('Khó khăn: chờ Bộ duyệt', { status: 'blocked', percent: null })).toMatchObject({ report: { status: 'blocked', note: 'Khó khăn: chờ Bộ duyệt' }, question: null });
  });
  it('100 % with no status word asks between done and in progress', () => {
    expect(read('100% Đã hoàn thành')).toMatchObject({ doubt: true, choices: [['done', 100], ['in_progress', 100]] });
  });
  it('clear reports are not asked about', () => {
    expect(read('đang 40% Đã khảo sát').doubt).toBe(false);
    expect(read('xong Đã ban hành').doubt).toBe(false);
    expect(read('chưa bắt đầu').doubt).toBe(false);
    expect(read('vướng mắc chờ Bộ', 'free').doubt).toBe(false);
  });
});
