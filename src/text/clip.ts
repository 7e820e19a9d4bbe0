// Cutting text for previews without breaking a character a person would see as one.
let segmenter: Intl.Segmenter | undefined;

/** The grapheme clusters of `s` (an emoji with its modifiers is one). */
export function graphemes(s: string): Iterable<string> {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(s), (g) => g.segment);
}

/**
 * The first `max` characters of plain text, cut between graphemes (never inside an emoji or a
 * surrogate pair), with "…" when something was cut. For previews of notes and names.
 */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = '';
  for (const g of graphemes(s)) {
    if (out.length + g.length > max) break;
    out += g;
  }
  return `${out}…`;
}
