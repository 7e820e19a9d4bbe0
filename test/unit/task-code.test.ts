import { describe, expect, it } from 'vitest';
import { PLAN } from '../../src/domain/plan-data.js';
import { compareCodes, parseSection, parseTaskCode, suggestCodes } from '../../src/domain/task-code.js';

const CODES = PLAN.tasks.map((t) => t.code);

describe('parseTaskCode', () => {
  it.each([
    ['III.1.2', 'III.1.2'],
    ['iii.1.2', 'III.1.2'],
    ['3.1.2', 'III.1.2'],
    ['III 1 2', 'III.1.2'],
    ['III-1-2', 'III.1.2'],
    ['  ii.3 ', 'II.3'],
    ['ii3', 'II.3'],
    ['2.3', 'II.3'],
    ['IV.06', 'IV.6'],
    ['v.4.', 'V.4'],
    ['nv II.3', 'II.3'],
  ])('%s → %s', (input, code) => {
    expect(parseTaskCode(input)).toBe(code);
  });

  it.each(['xuat khau', '12', 'VI.1', '6.1', '', '<b>II.3</b>', 'II.3; drop table'])('%s is not a code', (input) => {
    expect(parseTaskCode(input)).toBeNull();
  });
});

describe('parseSection', () => {
  it('reads roman and arabic numerals', () => {
    expect(parseSection('II')).toBe('II');
    expect(parseSection('iv')).toBe('IV');
    expect(parseSection('3')).toBe('III');
    expect(parseSection('Mục V')).toBe('V');
    expect(parseSection('6')).toBeNull();
  });
});

describe('suggestCodes', () => {
  it('lists the children of a heading', () => {
    expect(suggestCodes('III.1', CODES)).toEqual(['III.1.1', 'III.1.2', 'III.1.3', 'III.1.4', 'III.1.5']);
    expect(suggestCodes('III.3', CODES)).toEqual(['III.3.1', 'III.3.2']);
  });
  it('offers the nearest rows of the same section', () => {
    expect(suggestCodes('II.9', CODES, 3)).toEqual(['II.6', 'II.7', 'II.8']);
    expect(suggestCodes('I.7', CODES, 2)).toEqual(['I.3', 'I.4']);
  });
  it('sorts codes as the plan does', () => {
    expect(['II.10', 'II.2', 'III.1.5', 'III.2', 'I.4'].sort(compareCodes)).toEqual(['I.4', 'II.2', 'II.10', 'III.1.5', 'III.2']);
  });
});
