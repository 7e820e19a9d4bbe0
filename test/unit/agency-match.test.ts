import { describe, expect, it } from 'vitest';
import { AGENCIES } from '../../src/domain/agencies-data.js';
import { matchAgency } from '../../src/domain/agency-match.js';
import { indexAgencies, predecessorsOf, tasksOfAgency } from '../../src/domain/agencies.js';
import { PLAN } from '../../src/domain/plan-data.js';
import type { Task } from '../../src/domain/types.js';
import { fold } from '../../src/text/fold.js';

const one = (q: string) => {
  const m = matchAgency(q, AGENCIES);
  return m.kind === 'one' ? m.agency.code : m.kind;
};

describe('matchAgency', () => {
  it.each([
    ['so khcn', 'SKHCN'],
    ['Sở KH&CN', 'SKHCN'],
    ['khoa hoc cong nghe', 'SKHCN'],
    ['KHCN', 'SKHCN'],
    ['nn&ptnt', 'SNNPTNT'],
    ['Sở NN&PTNT', 'SNNPTNT'],
    ['NNPTNT', 'SNNPTNT'],
    ['Sở TN&MT', 'STNMT'],
    ['LĐTBXH', 'SLDTBXH'],
    ['ldtbxh', 'SLDTBXH'],
    ['Sở GD&ĐT', 'SGDDT'],
    ['GDĐT', 'SGDDT'],
    ['KHĐT', 'SKHDT'],
    ['Sở TT&TT', 'STTTT'],
    ['Đài PT-TH', 'DPTTH'],
    ['UBND huyện', 'UBND_HUYEN'],
    ['Sở NN&MT', 'SNNMT'],
    ['y te', 'SYT'],
    ['cong an', 'CAT'],
  ])('%s → %s', (q, code) => {
    expect(one(q)).toBe(code);
  });

  it('resolves a line of succession to today’s agency', () => {
    // Sở NN&PTNT and Sở NN&MT both match; the first became the second.
    expect(one('nông nghiệp')).toBe('SNNMT');
  });

  it('lists candidates when the query is ambiguous', () => {
    const m = matchAgency('khoa học', AGENCIES);
    expect(m.kind).toBe('many');
    if (m.kind === 'many') expect(m.candidates.map((a) => a.code)).toEqual(expect.arrayContaining(['SKHCN', 'LHHKHKT', 'TCKHCN']));
  });

  it('finds nothing for nonsense, markup or empty input', () => {
    expect(one('xyz không có')).toBe('none');
    expect(one('<script>')).toBe('none');
    expect(one('   ')).toBe('none');
  });
});

const tasks: Task[] = PLAN.tasks.map((t) => ({
  code: t.code,
  section: t.code.split('.')[0] as Task['section'],
  parentCode: t.parent ?? null,
  content: t.content,
  leadText: t.lead.join('\n'),
  coordinatingText: t.coordinating.join('\n'),
  timeline: t.timeline,
  searchText: fold(t.content),
  lead: t.leadAgencies,
  coordinating: t.coordinatingAgencies,
}));
const index = indexAgencies(AGENCIES);

describe('tasks of an agency', () => {
  it('Sở NN&MT inherits the tasks of Sở NN&PTNT and Sở TN&MT', () => {
    expect(predecessorsOf('SNNMT', index).sort()).toEqual(['SNNPTNT', 'STNMT']);
    const led = tasksOfAgency('SNNMT', tasks, index).filter((x) => x.role === 'lead').map((x) => x.task.code);
    expect(led).toEqual(['II.1', 'II.5', 'III.1.1', 'III.1.4', 'V.4']);
  });
  it('Sở Tài chính inherits Sở KH&ĐT', () => {
    const led = tasksOfAgency('STC', tasks, index).filter((x) => x.role === 'lead').map((x) => x.task.code);
    expect(led).toEqual(['IV.6', 'V.1', 'V.2']);
  });
  it('every department shares I.1 through “Các Sở, ban, ngành”', () => {
    expect(tasksOfAgency('SYT', tasks, index).find((x) => x.task.code === 'I.1')?.role).toBe('lead_group');
  });
  it('named coordination counts, group coordination does not', () => {
    const sk = tasksOfAgency('SKHCN', tasks, index);
    expect(sk.find((x) => x.task.code === 'II.8')?.role).toBe('coordinating');
    expect(sk.find((x) => x.task.code === 'II.3')).toBeUndefined();
  });
});
