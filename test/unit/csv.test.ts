import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/reports/csv.js';
import { splitNote } from '../../src/domain/notes.js';

describe('csvCell', () => {
  it.each([
    ['=1+2', `"'=1+2"`],
    ['+84 90', `"'+84 90"`],
    ['-5', `"'-5"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tx', `"'\tx"`],
    ['Sở "Y tế"', '"Sở ""Y tế"""'],
    [42, '"42"'],
    [null, '""'],
  ])('%s', (input, out) => {
    expect(csvCell(input)).toBe(out);
  });
});

describe('splitNote', () => {
  it('sorts lines into results, difficulties and proposals', () => {
    expect(splitNote('Đã tổ chức 2 hội thảo.\nKhó khăn: thiếu kinh phí\nĐề xuất: bổ sung vốn')).toEqual({
      result: 'Đã tổ chức 2 hội thảo.',
      difficulties: 'thiếu kinh phí',
      proposals: 'bổ sung vốn',
    });
  });
  it('reads markers without diacritics and mid-paragraph sentences', () => {
    expect(splitNote('Ket qua: xong. Vuong mac: chua co huong dan. Kien nghi: Bo ban hanh')).toEqual({
      result: 'xong.',
      difficulties: 'chua co huong dan.',
      proposals: 'Bo ban hanh',
    });
  });
  it('keeps a plain note as the result', () => {
    expect(splitNote('Đã ban hành kế hoạch')).toEqual({ result: 'Đã ban hành kế hoạch', difficulties: '', proposals: '' });
  });
});
