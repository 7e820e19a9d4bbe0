// The task list must match the signed appendix. These tests read the seed document itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENCIES } from '../../src/domain/agencies-data.js';
import { PLAN } from '../../src/domain/plan-data.js';
import { validatePlan } from '../../src/domain/plan-schema.js';

// A copy of ../shared/seed/000_aaf48fd6222eeef6.txt (the plan's text layer), kept in the repo so
// the check runs wherever the repository is cloned.
const seed = readFileSync(join(import.meta.dirname, '../fixtures/ke-hoach-457-seed.txt'), 'utf8').normalize('NFC');
const appendix = seed.slice(seed.indexOf('Phụ Lục'));
const compact = (s: string) => s.normalize('NFC').replace(/\s+/g, '');
const appendixCompact = compact(
  appendix.replaceAll(/TT Nội dung, nhiệm vụ\s+Cơ quan, đơn vị\s+chủ trì\s+Cơ quan, đơn vị\s+phối hợp\s+Thời gian\s+thực hiện/g, ''),
);

const EXPECTED_CODES = [
  'I.1', 'I.2', 'I.3', 'I.4',
  'II.1', 'II.2', 'II.3', 'II.4', 'II.5', 'II.6', 'II.7', 'II.8',
  'III.1.1', 'III.1.2', 'III.1.3', 'III.1.4', 'III.1.5', 'III.2', 'III.3.1', 'III.3.2', 'III.4',
  'IV.1', 'IV.2', 'IV.3', 'IV.4', 'IV.5', 'IV.6',
  'V.1', 'V.2', 'V.3', 'V.4',
];

// Rows whose content runs over a page break in the source, so the table header and the other
// cells interrupt it; five-word windows that straddle the break cannot be found verbatim.
const SPLIT_BY_PAGE_BREAK = new Set(['II.5', 'III.2', 'V.3']);

describe('the plan data', () => {
  it('validates: unique codes, every agency known, NFC text', () => {
    expect(() => validatePlan(PLAN, AGENCIES)).not.toThrow();
  });

  it('has exactly the 31 leaf tasks of the appendix, in order', () => {
    expect(PLAN.tasks.map((t) => t.code)).toEqual(EXPECTED_CODES);
    expect(PLAN.headings.map((h) => h.code)).toEqual(['III.1']);
    expect(PLAN.sections.map((s) => s.code)).toEqual(['I', 'II', 'III', 'IV', 'V']);
  });

  it.each(PLAN.tasks.map((t) => [t.code, t] as const))('%s: content is worded exactly as in the appendix', (code, task) => {
    const words = task.content.split(/\s+/);
    const missing: string[] = [];
    for (let i = 0; i + 5 <= words.length; i++) {
      const window = words.slice(i, i + 5).join('');
      if (!appendixCompact.includes(compact(window))) missing.push(words.slice(i, i + 5).join(' '));
    }
    expect(missing.length, `not in the appendix: ${missing.join(' | ')}`).toBeLessThanOrEqual(SPLIT_BY_PAGE_BREAK.has(code) ? 4 : 0);
  });

  it.each(PLAN.tasks.map((t) => [t.code, t] as const))('%s: agency cells are printed as in the appendix', (_code, task) => {
    for (const line of [...task.lead, ...task.coordinating]) {
      // Items separated by ';' may fall on both sides of a page break (II.5's lead cell).
      for (const item of line.replace(/^- /, '').split(';').filter((x) => x.trim())) {
        expect(appendixCompact.includes(compact(item)), item).toBe(true);
      }
    }
    if (task.timeline) expect(appendixCompact.includes(compact(task.timeline)), task.timeline).toBe(true);
  });

  it('each row\'s cells stand in that row of the appendix, not in another one', () => {
    // A row of the appendix runs from where its content starts to where the next row's starts.
    // Searching from the previous row on, since III.1.1–III.1.3 begin with the same words.
    const starts: number[] = [];
    for (const t of PLAN.tasks) {
      const head = compact(t.content.split(/\s+/).slice(0, 6).join(''));
      const at = appendixCompact.indexOf(head, (starts.at(-1) ?? -1) + 1);
      expect(at, `${t.code} not found after the row before it`).toBeGreaterThanOrEqual(0);
      starts.push(at);
    }
    PLAN.tasks.forEach((task, i) => {
      const row = appendixCompact.slice(starts[i], starts[i + 1] ?? appendixCompact.length);
      const previous = PLAN.tasks[i - 1];
      // Cells merged with the row above (III.1.2–5; IV.2's timeline) are printed once, up there.
      // III.3.2 is the second activity of source row III.3: its agency cells are III.3.1's.
      const sameSourceRow = task.code === 'III.3.2';
      const mergedCoord = sameSourceRow || (previous && task.parent && task.parent === previous.parent && task.coordinating === previous.coordinating);
      const mergedTimeline = previous && task.timeline === previous.timeline && (task.parent || task.code === 'IV.2');
      const cells = [
        ...(sameSourceRow ? [] : task.lead),
        ...(mergedCoord ? [] : task.coordinating),
        ...(mergedTimeline || !task.timeline ? [] : [task.timeline]),
      ];
      for (const line of cells) {
        for (const item of line.replace(/^- /, '').split(';').filter((x) => x.trim())) {
          expect(row.includes(compact(item)), `${task.code}: «${item}» is not in its row`).toBe(true);
        }
      }
    });
  });

  it('section titles are the appendix headings', () => {
    for (const s of PLAN.sections) expect(appendixCompact).toContain(compact(s.title));
  });

  it.each([
    ['I.1', ['SBN', 'UBND_HUYEN']],
    ['I.2', ['STTTT']],
    ['I.4', ['SKHCN', 'LHHKHKT']],
    ['II.1', ['SNNPTNT', 'STNMT', 'SCT', 'SYT', 'SGDDT', 'SLDTBXH', 'SKHCN']],
    ['II.3', ['SCT']],
    ['II.8', ['CTK']],
    ['III.1.1', ['SNNPTNT']],
    ['III.1.4', ['STNMT']],
    ['III.1.5', ['CAT']],
    ['III.3.2', ['SKHCN']],
    ['IV.1', ['SGDDT']],
    ['IV.6', ['SKHDT']],
    ['V.1', ['SKHCN', 'SKHDT']],
    ['V.4', ['SCT', 'SNNPTNT', 'SYT', 'STNMT']],
  ])('%s is led by %j', (code, leads) => {
    expect(PLAN.tasks.find((t) => t.code === code)!.leadAgencies).toEqual(leads);
  });

  it('applies merged cells to every row they span', () => {
    const sub = PLAN.tasks.filter((t) => t.parent === 'III.1');
    expect(sub.map((t) => t.code)).toEqual(['III.1.1', 'III.1.2', 'III.1.3', 'III.1.4', 'III.1.5']);
    for (const t of sub) {
      expect(t.timeline).toBe(sub[0]!.timeline);
      expect(t.coordinating).toEqual(sub[0]!.coordinating);
    }
    const iv1 = PLAN.tasks.find((t) => t.code === 'IV.1')!;
    const iv2 = PLAN.tasks.find((t) => t.code === 'IV.2')!;
    expect(iv2.timeline).toBe(iv1.timeline);
    expect(PLAN.tasks.find((t) => t.code === 'III.3.1')!.timeline).toBe('Hàng năm');
    expect(PLAN.tasks.find((t) => t.code === 'III.3.2')!.timeline).toMatch(/^Trình UBND tỉnh ban hành/);
  });

  it('keeps the plan identity and its 2030/2045 targets', () => {
    expect(seed).toContain('Kế hoạch số 457/KH-UBND ngày 08 tháng 5 năm 2024');
    expect(PLAN.identity.issuedOn).toBe('2024-05-08');
    for (const target of [...PLAN.identity.targets2030, ...PLAN.identity.targets2045]) {
      // The source breaks lines and inserts footnote markers ("sinh học1"); compare without them.
      const words = target.split(/\s+/).slice(0, 6).join('');
      expect(compact(seed)).toContain(compact(words));
    }
  });
});
