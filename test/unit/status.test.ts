import { describe, expect, it } from 'vitest';
import { deriveTaskStatus, normalizeNote, parseReportText, takeStatus } from '../../src/domain/status.js';

describe('takeStatus', () => {
  it.each([
    ['xong Đã ban hành', 'done', 'Đã ban hành'],
    ['hoàn thành: đã xong', 'done', 'đã xong'],
    ['Hoan thanh', 'done', ''],
    ['đang thực hiện 50% abc', 'in_progress', '50% abc'],
    ['dang làm', 'in_progress', 'làm'],
    ['Gặp vướng mắc về kinh phí', 'blocked', 'về kinh phí'],
    ['vuong mac\nthiếu người', 'blocked', 'thiếu người'],
    ['chưa thực hiện', 'not_started', ''],
    ['todo later', 'not_started', 'later'],
    ['doing it', 'in_progress', 'it'],
    ['blocked by X', 'blocked', 'by X'],
  ])('%s', (text, status, rest) => {
    expect(takeStatus(text)).toEqual({ status, rest });
  });
  it('needs the word at the start and whole', () => {
    expect(takeStatus('Đã tổ chức hội nghị xong')).toBeNull();
    expect(takeStatus('xongxuôi')).toBeNull();
    expect(takeStatus('dangerous')).toBeNull();
  });
});

describe('parseReportText', () => {
  it('reads status, percent and note', () => {
    expect(parseReportText('dang 40% Đã khảo sát 3 doanh nghiệp')).toEqual({
      ok: true,
      report: { status: 'in_progress', percent: 40, note: 'Đã khảo sát 3 doanh nghiệp' },
    });
  });
  it('a percentage alone means in progress; done means 100%', () => {
    expect(parseReportText('70% gần xong')).toMatchObject({ report: { status: 'in_progress', percent: 70 } });
    expect(parseReportText('xong đã ban hành QĐ')).toMatchObject({ report: { status: 'done', percent: 100 } });
  });
  it('rejects percentages outside 0–100 and non-integers', () => {
    for (const t of ['dang 150% x', 'dang -5% x', 'dang 12.5% x', '999999999999999999999% x']) {
      expect(parseReportText(t)).toEqual({ ok: false, error: 'percent_range' });
    }
  });
  it('keeps a note without status as a plain note', () => {
    expect(parseReportText('Đã gửi văn bản số 12')).toEqual({ ok: true, report: { status: null, percent: null, note: 'Đã gửi văn bản số 12' } });
  });
  it('treats whitespace-only notes as empty', () => {
    expect(parseReportText('xong   \n\t ')).toMatchObject({ report: { note: '' } });
    expect(normalizeNote('a\u0000b\n\n\n\nc  ')).toBe('ab\n\nc');
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
