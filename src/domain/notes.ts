import { fold } from '../text/fold.js';

export interface NoteParts {
  result: string;
  difficulties: string;
  proposals: string;
}

// Officers write one note; the report has three columns. Lines or sentences that start with
// these words go to the matching column ("Khó khăn: …", "Đề xuất: …"); the rest is the result.
const MARKERS: Array<[RegExp, keyof NoteParts]> = [
  [/^(kho khan|vuong mac|han che|difficult(y|ies)|blocker)s?\b[\s:,-]*/, 'difficulties'],
  [/^(de xuat|kien nghi|propos(al|e)s?|recommend(ation)?s?)\b[\s:,-]*/, 'proposals'],
  [/^(ket qua|result)s?\b[\s:,-]*/, 'result'],
];

export function splitNote(note: string): NoteParts {
  const out: Record<keyof NoteParts, string[]> = { result: [], difficulties: [], proposals: [] };
  let current: keyof NoteParts = 'result';
  for (const segment of note.split(/\n+|(?<=[.;])\s+(?=\p{Lu})/u)) {
    const trimmed = segment.trim();
    if (!trimmed) continue;
    const folded = fold(trimmed);
    let text = trimmed;
    for (const [re, part] of MARKERS) {
      const m = re.exec(folded);
      if (m) {
        current = part;
        text = trimmed.slice(m[0].length).trim();
        break;
      }
    }
    if (text) out[current].push(text);
  }
  return { result: out.result.join('\n'), difficulties: out.difficulties.join('\n'), proposals: out.proposals.join('\n') };
}
