import { fold } from '../text/fold.js';

export const STATUSES = ['not_started', 'in_progress', 'done', 'blocked'] as const;
export type Status = (typeof STATUSES)[number];

/** One-letter forms for callback data, which Telegram caps at 64 bytes. */
export const STATUS_SHORT: Record<Status, string> = { not_started: 'n', in_progress: 'p', done: 'd', blocked: 'b' };
export const statusFromShort = (s: string): Status | undefined =>
  (Object.entries(STATUS_SHORT).find(([, v]) => v === s)?.[0] as Status | undefined) ?? undefined;

// Folded phrases, longest first so "dang thuc hien" wins over "dang".
const PHRASES: Array<[string, Status]> = (
  [
    ['gap vuong mac', 'blocked'],
    ['chua thuc hien', 'not_started'],
    ['dang thuc hien', 'in_progress'],
    ['da hoan thanh', 'done'],
    ['hoan thanh', 'done'],
    ['vuong mac', 'blocked'],
    ['in progress', 'in_progress'],
    ['not started', 'not_started'],
    ['kho khan', 'blocked'],
    ['blocked', 'blocked'],
    ['vuong', 'blocked'],
    ['doing', 'in_progress'],
    ['chua', 'not_started'],
    ['dang', 'in_progress'],
    ['xong', 'done'],
    ['done', 'done'],
    ['todo', 'not_started'],
  ] as Array<[string, Status]>
).sort((a, b) => b[0].length - a[0].length);

/**
 * Reads a status word at the start of `text` ("Đang thực hiện", "xong", "vuong mac", "done") and
 * returns it with the rest of the text untouched (original diacritics and line breaks kept).
 */
export function takeStatus(text: string): { status: Status; rest: string } | null {
  const words = text.trimStart().split(/(\s+)/); // keep separators so the rest is sliced exactly
  for (const [phrase, status] of PHRASES) {
    const n = phrase.split(' ').length;
    const head = words.slice(0, n * 2 - 1).join('');
    if (fold(head).replace(/[.,:;!]+$/, '') === phrase) {
      return { status, rest: words.slice(n * 2).join('').replace(/^(?:[\s.,:;!]|-(?!\d))+/, '') };
    }
  }
  return null;
}

export type PercentResult = { percent: number; rest: string } | { error: 'percent_range' } | null;

/** Reads "NN%" at the start of `text`; 0–100 only. */
export function takePercent(text: string): PercentResult {
  const m = /^\s*(-?\d+(?:[.,]\d+)?)\s*%/.exec(text);
  if (!m) return null;
  const value = Number(m[1]!.replace(',', '.'));
  if (!Number.isFinite(value) || value < 0 || value > 100 || !Number.isInteger(value)) return { error: 'percent_range' };
  return { percent: value, rest: text.slice(m[0].length).replace(/^[\s.,:;-]+/, '') };
}

export interface ParsedReport {
  status: Status | null;
  percent: number | null;
  note: string;
}

export type ReportParse = { ok: true; report: ParsedReport } | { ok: false; error: 'percent_range' | 'percent_without_progress' };

/**
 * The part of a report after the task code: `[status] [NN%] [note]`. A percentage alone means
 * "đang thực hiện"; 100% is allowed with "hoàn thành". The note keeps the user's own text.
 */
export function parseReportText(text: string): ReportParse {
  let rest = text.trim();
  let status: Status | null = null;
  const s = takeStatus(rest);
  if (s) {
    status = s.status;
    rest = s.rest;
  }
  let percent: number | null = null;
  const p = takePercent(rest);
  if (p && 'error' in p) return { ok: false, error: 'percent_range' };
  if (p) {
    percent = p.percent;
    rest = p.rest;
    if (status === null) status = 'in_progress';
    if (status === 'not_started' || status === 'blocked') {
      if (status === 'not_started' && percent > 0) return { ok: false, error: 'percent_without_progress' };
    }
  }
  if (status === 'done' && percent === null) percent = 100;
  return { ok: true, report: { status, percent, note: normalizeNote(rest) } };
}

/** NFC, trailing spaces trimmed, runs of blank lines collapsed; '' when only whitespace. */
export function normalizeNote(note: string): string {
  return note
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// Whatever fits in one Telegram message (4,096) fits; the limit only guards imports and edits.
export const MAX_NOTE_LENGTH = 4096;

export interface StatusLine {
  agencyCode: string;
  status: Status | null;
  percent: number | null;
}

/**
 * A task's own status from its agencies' lines: done when every line is done, blocked when any is
 * blocked, in progress when any has started, otherwise not started.
 */
export function deriveTaskStatus(lines: readonly StatusLine[]): Status {
  if (!lines.length) return 'not_started';
  if (lines.some((l) => l.status === 'blocked')) return 'blocked';
  if (lines.every((l) => l.status === 'done')) return 'done';
  if (lines.some((l) => l.status === 'in_progress' || l.status === 'done')) return 'in_progress';
  return 'not_started';
}
