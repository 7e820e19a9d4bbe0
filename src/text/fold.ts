// Vietnamese users type with or without diacritics; every lookup compares folded forms.

/** Lower-case, no diacritics, đ→d, whitespace collapsed. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Folded words, with punctuation (&, -, commas, dots) acting as separators. */
export function foldTokens(s: string): string[] {
  return fold(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Folded with every separator removed: "Sở KH&CN" and "so khcn" both become "sokhcn". */
export function foldCompact(s: string): string {
  return foldTokens(s).join('');
}

export const collator = new Intl.Collator('vi');
