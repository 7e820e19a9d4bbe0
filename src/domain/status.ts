import { fold } from '../text/fold.js';

export const STATUSES = ['not_started', 'in_progress', 'done', 'blocked'] as const;
export type Status = (typeof STATUSES)[number];

/** One-letter forms for callback data, which Telegram caps at 64 bytes. */
export const STATUS_SHORT: Record<Status, string> = { not_started: 'n', in_progress: 'p', done: 'd', blocked: 'b' };
export const statusFromShort = (s: string): Status | undefined =>
  (Object.entries(STATUS_SHORT).find(([, v]) => v === s)?.[0] as Status | undefined) ?? undefined;

// The words people use for each status, spelled as they should be. A typed word matches a
// spelled word when it is the same word with some diacritics left out ("dang", "thưc") — never
// with other marks ("dạng", "đăng" are other words). Longest phrases are tried first.
const PHRASES: ReadonlyArray<readonly [string, Status]> = (
  [
    ['đang gặp vướng mắc', 'blocked'],
    ['đang gặp khó khăn', 'blocked'],
    ['đang vướng mắc', 'blocked'],
    ['gặp vướng mắc', 'blocked'],
    ['gặp khó khăn', 'blocked'],
    ['vướng mắc', 'blocked'],
    ['khó khăn', 'blocked'],
    ['gặp khó', 'blocked'],
    ['tạm dừng', 'blocked'],
    ['tạm ngưng', 'blocked'],
    ['tạm ngừng', 'blocked'],
    ['vướng', 'blocked'],
    ['blocked', 'blocked'],
    // "Not yet finished" is work in progress, not work not started.
    ['chưa hoàn thành', 'in_progress'],
    ['chưa hoàn tất', 'in_progress'],
    ['chưa xong', 'in_progress'],
    ['chưa thực hiện', 'not_started'],
    ['chưa bắt đầu', 'not_started'],
    ['chưa triển khai', 'not_started'],
    ['chưa tiến hành', 'not_started'],
    ['chưa làm', 'not_started'],
    ['chưa', 'not_started'],
    ['not started', 'not_started'],
    ['todo', 'not_started'],
    ['đang thực hiện', 'in_progress'],
    ['đang triển khai', 'in_progress'],
    ['đang tiến hành', 'in_progress'],
    ['đang làm', 'in_progress'],
    ['đang', 'in_progress'],
    ['in progress', 'in_progress'],
    ['doing', 'in_progress'],
    ['đã hoàn thành', 'done'],
    ['đã hoàn tất', 'done'],
    ['hoàn thành', 'done'],
    ['hoàn tất', 'done'],
    ['đã xong', 'done'],
    ['xong rồi', 'done'],
    ['xong', 'done'],
    ['done', 'done'],
  ] as Array<[string, Status]>
)
  .map(([p, s]) => [p.normalize('NFC'), s] as const)
  .sort((a, b) => b[0].split(' ').length - a[0].split(' ').length || b[0].length - a[0].length);

/** The diacritics of one letter: its combining marks, plus the stroke of đ. */
function marksOf(ch: string): string[] {
  const d = ch.normalize('NFD');
  const marks = [...d.slice(1)];
  if (ch === 'đ') marks.push('stroke');
  return marks;
}

/** The typed word is the spelled one, possibly with diacritics left out but none added or changed. */
export function sameWord(typed: string, spelled: string): boolean {
  const a = [...typed.normalize('NFC').toLowerCase()];
  const b = [...spelled.normalize('NFC').toLowerCase()];
  if (a.length !== b.length || fold(typed) !== fold(spelled)) return false;
  return a.every((ch, i) => marksOf(ch).every((m) => marksOf(b[i]!).includes(m)));
}

// A well-formed Vietnamese syllable, without diacritics: onset, vowels, final consonant.
const SYLLABLE =
  /^(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?(?:uyu|uya|uye|oai|oay|oao|oeo|uay|uoi|uou|ieu|yeu|ai|ao|au|ay|eo|eu|ia|iu|ie|oa|oe|oi|ua|ue|ui|uo|uy|uu|ye|[aeiouy])(?:ch|nh|ng|[cmnpt])?$/;

/** Whether a folded word could be a Vietnamese word at all ("dang", "dong" yes; "dng", "vuog" no). */
export const isSyllable = (folded: string): boolean => SYLLABLE.test(folded);

/** Edit distance counting a swap of two neighbours as one edit ("dnag" → "dang"). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * A typo of the spelled word: at least three letters, not itself a Vietnamese word (so "đồng",
 * "dạng", "đăng" never count), and one edit away (two for long words).
 */
export function likelyTypo(typed: string, spelled: string): boolean {
  const f = fold(typed);
  const g = fold(spelled);
  if (f.length < 3 || g.length < 3 || !/^[a-z]+$/.test(f) || isSyllable(f)) return false;
  return editDistance(f, g) <= (g.length >= 6 ? 2 : 1);
}

const TRAILING = /[.,:;!?…]+$/u;
/** Separators between fields: punctuation, dashes not starting a negative number, line breaks. */
const LEADING_SEPARATORS = /^(?:[\s.,:;!?…–—]|-(?!\d))+/u;

export interface StatusMatch {
  status: Status;
  /** The words as typed, e.g. "đng". */
  typed: string;
  /** True when the words are only close to a known phrase (a typo): ask before saving. */
  guessed: boolean;
  /** The text after the status words. */
  rest: string;
  /** Whether the status words stood apart (punctuation, a percentage or the end followed). */
  apart: boolean;
}

/** A word in both forms the comparisons need, made once: letters as typed (NFC, lower case) and folded. */
interface Word {
  letters: string[];
  folded: string;
}
const wordOf = (w: string): Word => ({ letters: [...w.normalize('NFC').toLowerCase()], folded: fold(w) });

// The phrases' words, prepared once: every report is read against all of them.
const PHRASE_WORDS = PHRASES.map(([phrase, status]) => ({ status, words: phrase.split(' ').map(wordOf) }));

/** sameWord on prepared words. */
function sameLetters(typed: Word, spelled: Word): boolean {
  const a = typed.letters;
  const b = spelled.letters;
  if (a.length !== b.length || typed.folded !== spelled.folded) return false;
  return a.every((ch, i) => marksOf(ch).every((m) => marksOf(b[i]!).includes(m)));
}

/** likelyTypo on prepared words; `candidate`: the typed word could be a typo at all. */
function typoOf(typed: Word & { candidate: boolean }, spelled: Word): boolean {
  const g = spelled.folded;
  return typed.candidate && g.length >= 3 && editDistance(typed.folded, g) <= (g.length >= 6 ? 2 : 1);
}

/** Reads a status phrase at the start of `text`; the rest is sliced from the original text. */
export function takeStatus(text: string): StatusMatch | null {
  const src = text.replace(LEADING_SEPARATORS, '');
  const words = [...src.matchAll(/\S+/g)].slice(0, 4);
  // Each typed word prepared once, not once per phrase compared.
  const typed = words.map((m) => {
    const token = m[0].replace(TRAILING, '');
    const w = wordOf(token);
    return { raw: m[0], token, ...w, candidate: w.folded.length >= 3 && /^[a-z]+$/.test(w.folded) && !isSyllable(w.folded) };
  });
  let exact: { status: Status; n: number } | undefined;
  let guess: { status: Status; n: number } | undefined;
  for (const { status, words: spelled } of PHRASE_WORDS) {
    if (spelled.length > words.length) continue;
    let guessed = false;
    let ok = true;
    for (const [i, w] of spelled.entries()) {
      const t = typed[i]!;
      // Punctuation may end the phrase, not split it.
      if (!t.token || (t.token !== t.raw && i < spelled.length - 1)) { ok = false; break; }
      if (sameLetters(t, w)) continue;
      if (typoOf(t, w)) { guessed = true; continue; }
      ok = false;
      break;
    }
    if (!ok) continue;
    if (!guessed) { exact ??= { status, n: spelled.length }; } else guess ??= { status, n: spelled.length };
  }
  // A longer phrase read from a typo wins only when it says something else than the exact words.
  const pick = guess && (!exact || (guess.n > exact.n && guess.status !== exact.status)) ? { ...guess, guessed: true } : exact && { ...exact, guessed: false };
  if (!pick) return null;
  const last = words[pick.n - 1]!;
  const endOfWords = last.index! + last[0].replace(TRAILING, '').length;
  const after = src.slice(endOfWords);
  const apart = !after.trim() || /^\s*(?:[.,:;!?…–—]|-(?!\d)|\n)/u.test(after) || takePercent(after.replace(LEADING_SEPARATORS, '')) !== null;
  return { status: pick.status, typed: src.slice(0, endOfWords), guessed: pick.guessed, rest: after.replace(LEADING_SEPARATORS, ''), apart };
}

export type PercentResult = { percent: number; rest: string; cue: boolean } | { error: 'percent_range' } | null;

// Words that say "the progress is": "đạt 50%", "tiến độ 50%", "khoảng 50%".
const CUES = /^(?:(?:đạt|dat|được|duoc|khoảng|khoang|tiến độ|tien do|tỉ lệ|tỷ lệ|ti le|ty le|~|≈)\s*:?\s*){1,3}/iu;

/** Reads "NN%" (or "đạt NN%", "70 %") at the start of `text`; whole numbers 0–100 only. */
export function takePercent(text: string): PercentResult {
  const cue = CUES.exec(text);
  const body = cue ? text.slice(cue[0].length) : text;
  const m = /^\s*(-?\d+(?:[.,]\d+)?)\s*%/.exec(body);
  if (!m) return null;
  const value = Number(m[1]!.replace(',', '.'));
  if (!Number.isFinite(value) || value < 0 || value > 100 || !Number.isInteger(value)) return { error: 'percent_range' };
  return { percent: value, rest: body.slice(m[0].length), cue: !!cue };
}

/** Whole percentages 0–100 written anywhere in a note ("tăng 50% số doanh nghiệp"), in order, distinct. */
export function percentsIn(note: string): number[] {
  const out: number[] = [];
  for (const m of note.matchAll(/(?<![\d.,\-])(\d{1,3})\s*%/g)) {
    const v = Number(m[1]);
    const next = note.slice(m.index! + m[0].length - 1);
    if (/^%[.,]\d/.test(next) || v > 100 || out.includes(v)) continue;
    out.push(v);
  }
  return out;
}

export interface ParsedReport {
  status: Status | null;
  percent: number | null;
  note: string;
}

/** What the bot is not sure of, and the reports the officer can choose between. */
export interface Question {
  /** The words read as a status only because they are close to one ("đng"), or null. */
  typed: string | null;
  /** The status and the percentage disagree ("xong 80%", "chưa bắt đầu 30%"). */
  conflict: boolean;
  /** Percentages found inside the note, which may or may not be the progress. */
  figures: number[];
  /**
   * The words may not mean the status they start with: a negation or a part ("chưa có kinh phí",
   * "xong một phần", "hoàn thành giai đoạn 1"), a later word that says otherwise ("đang tạm
   * dừng"), a label ("Khó khăn: không có"), or 100 % with no status word.
   */
  doubt: boolean;
  /** One to four complete reports; the first is the best reading. */
  choices: ParsedReport[];
  /** At a note prompt: the status chosen, and the words typed that say another. */
  against?: { chosen: Status; words: string };
  /** "100%" with no status word: done, or in progress at 100? */
  fullFigure?: boolean;
}

export type ReportParse =
  | { ok: true; report: ParsedReport; question: Question | null }
  | { ok: false; error: 'percent_range' };

/** What a note prompt already holds: the status (and figure) chosen with buttons. */
export interface ReportDefaults {
  status: Status | null;
  percent: number | null;
}

// A heading difficulties are written under, as official reports have it (folded): "Khó khăn:",
// "Khó khăn -", "Khó khăn, vướng mắc:", "Khó khăn vướng mắc:", "Vướng mắc và kiến nghị:"; and
// "Khó khăn." or "Khó khăn" alone on a first line with the text below. "Vướng mắc" alone, or with
// a full stop or comma, is a blocker word, not a heading (attack review).
const HEADING_WORDS = '(kho khan|vuong mac)((\\s*,|\\s+va)?\\s+(kho khan|vuong mac|kien nghi|de xuat|de nghi))*';
const HEADING_COLON = new RegExp(`^${HEADING_WORDS}\\s*[:\\-–—]`);
const KHO_KHAN_ALONE = /^kho khan((\s*,|\s+va)?\s+(vuong mac|kien nghi|de xuat|de nghi))*\s*([.,]|$)/;

function isDifficultyHeading(text: string): boolean {
  const [first = '', ...below] = text.split('\n');
  const head = fold(first).trim();
  if (HEADING_COLON.test(head)) return true;
  const alone = KHO_KHAN_ALONE.exec(head);
  return !!alone && (alone[4] !== '' || below.some((l) => l.trim()));
}

// After a status word, words that say it is only partly so, or something else.
const PARTIAL = /^(mot phan|phan|giai doan|buoc|dot|mot so|co ban|gan)\b/;
const NOT_A_START = /^(thuc hien|bat dau|trien khai|tien hanh|lam)\b/;
const BLOCKER_LATER = /\b(tam dung|tam ngung|tam ngung|vuong|kho khan|bi vuong)\b/;

/**
 * The readings to offer when the words may not mean their status (see Question.doubt), best first;
 * null when the reading is clear. Nothing is saved until the officer picks one.
 */
function doubtful(
  s: StatusMatch | null,
  source: string,
  status: Status | null,
  percent: number | null,
  note: string,
): Array<{ status: Status | null; percent?: number | null }> | null {
  const figure = percent ?? percentsIn(note)[0] ?? null;
  if (!s) {
    // "100% Đã hoàn thành": a full figure with no status word first — done, or in progress at 100?
    return status === 'in_progress' && percent === 100 ? [{ status: 'done', percent: 100 }, { status: 'in_progress', percent: 100 }] : null;
  }
  const after = fold(s.rest).trim();
  const head = fold(source).trim();
  // "Khó khăn: …" is the label the reports read difficulties from, not necessarily a blocker.
  if (status === 'blocked' && /^kho khan\s*:/.test(head)) return [{ status: 'blocked' }, { status: null, percent: null }];
  if (status === 'not_started' && fold(s.typed) === 'chua' && (!s.apart || (figure !== null && figure > 0)) && !NOT_A_START.test(after)) {
    // "chưa có kinh phí": a negation inside a sentence; "chưa …, đạt 80%": some progress after all.
    return [{ status: 'in_progress', percent: figure }, { status: 'not_started', percent: null }, { status: null, percent: null }];
  }
  if (status === 'done' && (PARTIAL.test(after) || (!s.apart && figure !== null && figure < 100))) {
    return [{ status: 'in_progress', percent: figure }, { status: 'done', percent: 100 }];
  }
  // "đang 70% Khó khăn: thiếu kinh phí": with a figure typed, the label difficulties are written
  // under (README), not a blocker. Without one ("đang khó khăn: …", "đang có khó khăn: …") it may
  // well say the work is stuck: asked, as before.
  const beforeLabel = percent !== null ? after.replace(/\bkho khan\s*:.*$/, '') : after;
  if (status === 'in_progress' && BLOCKER_LATER.test(beforeLabel.split(/\s+/).slice(0, 4).join(' '))) {
    // The figure typed goes with either reading: a blocked line keeps its figure (nextPercent).
    return [{ status: 'blocked', percent }, { status: 'in_progress' }];
  }
  return null;
}

/**
 * The part of a report after the task code: `[status] [NN%] [note]`, as people type it. A
 * percentage alone means "đang thực hiện"; "hoàn thành" is 100%. When the status words or the
 * percentage stand apart (punctuation, a percentage, or the end follows) they are fields and
 * leave the note; when they run into a sentence ("Chưa có kinh phí") the note keeps every word.
 * When the reading is not certain — a typo'd status, a status and percentage that disagree, a
 * percentage inside the note — `question` says so and nothing should be saved without asking.
 */
export function parseReportText(text: string, defaults?: ReportDefaults, form: 'command' | 'free' = 'free'): ReportParse {
  const source = text.trim();
  let rest = source.replace(LEADING_SEPARATORS, '');
  let status: Status | null = null;
  let typed: string | null = null;
  let keepWhole = false;
  const matched = takeStatus(rest);
  // At a note prompt the status was chosen already (a button, or a number on a text channel):
  // "Khó khăn: …" there is the label difficulties are written under, not another status.
  const labelAtPrompt = !!matched && matched.status === 'blocked' && !!defaults?.status && isDifficultyHeading(rest);
  const s = labelAtPrompt ? null : matched;
  if (s) {
    status = s.status;
    if (s.guessed) typed = s.typed;
    // "Khó khăn: …" is also the label the reports read difficulties from: keep it in the note.
    const label = status === 'blocked' && /^kho khan\s*:/.test(fold(rest));
    // In `/capnhat <mã> <tình trạng> <nội dung>` the status is a field by the command's own syntax
    // (the one /help and the bot's hints teach): followed by a new sentence ("xong Đã vận động 2
    // dự án") it leaves the note. Lower-case words after it ("chưa có kinh phí") still read as one
    // sentence, kept whole.
    const newSentence = form === 'command' && /^\p{Lu}/u.test(s.rest);
    if ((s.apart || newSentence) && !label) rest = s.rest;
    else keepWhole = true;
  }
  let percent: number | null = null;
  if (!keepWhole) {
    const p = takePercent(rest);
    if (p && 'error' in p) return { ok: false, error: 'percent_range' };
    if (p) {
      percent = p.percent;
      const after = p.rest;
      const apart = !after.trim() || /^\s*(?:[.,:;!?…–—]|-(?!\d)|\n)/u.test(after) || !p.cue;
      // "Đạt 50% kế hoạch năm" is a sentence: its words stay in the note.
      rest = apart ? after.replace(LEADING_SEPARATORS, '') : rest;
    }
  }
  const note = normalizeNote(keepWhole ? source : rest);
  if (!s && defaults) {
    status = defaults.status;
    percent ??= defaults.percent;
  }
  // ── At a note prompt: a status was chosen (a button, or a number), and the text starts with
  // status words. The officer's words are the note, whole: at a prompt they are not a field.
  let wholeNote = false;
  if (s && defaults?.status) {
    const chosen = defaults.status;
    const whole = normalizeNote(source);
    // The figure that goes with a status: typed, or the one given with the chosen status (the
    // latest the officer gave); "done" is 100 and "not started" has none.
    const figureFor = (st: Status | null, own: number | null = null) =>
      st === 'done' ? 100 : st === 'not_started' || st === null ? null : (own ?? percent ?? (chosen === 'in_progress' || chosen === 'blocked' ? defaults.percent : null));
    const keep: ParsedReport = { status: chosen, percent: figureFor(chosen), note: whole };
    const readings = doubtful(s, source, status, percent, note);
    // Words doubtful as a status whose best reading is the status chosen ("Đã hoàn thành giai đoạn
    // 1" after Đang thực hiện), or that may be no status at all and carry no figure ("Chưa có kinh
    // phí" after Gặp vướng mắc or Chưa thực hiện): the note under the status chosen, no question.
    if (readings && (readings[0]!.status === chosen || (readings.some((r) => r.status === null) && readings.every((r) => (r.percent ?? null) === null)))) {
      return { ok: true, report: keep, question: null };
    }
    if (s.status !== chosen) {
      // Another status than the one chosen ("xong: Đã ban hành", "Đang tạm dừng do thiếu vốn" after
      // Hoàn thành): which one? The chosen first, with the words whole; then what the words say.
      const said = readings ?? [{ status: s.status }];
      const others = said.filter((r) => r.status !== chosen && (r.status !== null || note)).map((r) => ({ status: r.status, percent: figureFor(r.status, r.percent ?? null), note }));
      const choices = [keep, ...others];
      return { ok: true, report: keep, question: { typed, conflict: false, figures: [], doubt: true, choices, against: { chosen, words: s.typed } } };
    }
    // The chosen status typed again: its figure stays ("Đang thực hiện: đã lắp đặt" after 60; not
    // "done"'s 100, which nobody typed), and the words stay whole.
    if (chosen === 'in_progress' || chosen === 'blocked') percent ??= defaults.percent;
    wholeNote = true;
  }
  if (percent !== null && status === null) status = 'in_progress';
  const settled = (st: Status | null, pct: number | null): ParsedReport => ({ status: st, percent: st === 'done' ? 100 : pct, note: wholeNote ? normalizeNote(source) : note });

  let choices: ParsedReport[];
  let conflict = false;
  let figures: number[] = [];
  // "Đang thực hiện" chosen with no figure, then "Khó khăn: …": stuck, or going with difficulties?
  // Asked, as "đang khó khăn: …" typed is; with a figure it is saved as chosen, as "đang 70% Khó khăn: …" is.
  const doubt =
    labelAtPrompt && status === 'in_progress' && percent === null ? [{ status: 'in_progress' as const }, { status: 'blocked' as const }]
    : doubtful(s, source, status, percent, note);
  if (doubt) {
    choices = doubt.map((r) => settled(r.status, r.percent ?? (r.status === status ? percent : null)));
  } else if (status === 'done' && percent !== null && percent < 100) {
    conflict = true;
    choices = [settled('done', 100), settled('in_progress', percent)];
  } else if (status === 'not_started' && percent !== null && percent > 0) {
    conflict = true;
    choices = [settled('in_progress', percent), settled('not_started', null)];
  } else if (percent === null && status !== 'done' && status !== 'not_started' && (figures = percentsIn(note).slice(0, 3)).length) {
    choices = [...figures.map((f) => settled(status ?? 'in_progress', f)), settled(status, null)];
  } else {
    choices = [settled(status, percent)];
  }
  // "100%" with no status word is the one doubt not about the words the text starts with.
  const fullFigure = !s && status === 'in_progress' && percent === 100 && !!doubt;
  const question = typed || conflict || figures.length || doubt ? { typed, conflict, figures, doubt: !!doubt, choices, ...(fullFigure ? { fullFigure } : {}) } : null;
  return { ok: true, report: choices[0]!, question };
}

/** Whether a report is one the rules allow: 0–100, done is 100, not started has no progress. */
export function isConsistent(r: Pick<ParsedReport, 'status' | 'percent'>): boolean {
  if (r.percent !== null && (!Number.isInteger(r.percent) || r.percent < 0 || r.percent > 100)) return false;
  if (r.status === 'done') return r.percent === 100 || r.percent === null;
  if (r.status === 'not_started') return !r.percent;
  if (r.status === null) return r.percent === null;
  return true;
}

/**
 * NFC, trailing spaces trimmed, runs of blank lines collapsed; '' when only whitespace. Control
 * characters, direction overrides (which make a note read differently in someone else's chat or in
 * the printed report), U+FFFE/U+FFFF and lone surrogates (invalid in the .docx) never enter the record.
 */
export function normalizeNote(note: string): string {
  return note
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g, '')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// A note is at most 4 KiB of text, about a page: what an officer writes about one task. Channels
// with shorter messages (Zalo: 2,000) split the echo; the limit is the plan's, not a messenger's.
export const MAX_NOTE_LENGTH = 4 * 1024;

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
