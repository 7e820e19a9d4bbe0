// Text that came from a person and will be shown to others or written into a document.

// Direction overrides and isolates (U+202A–U+202E, U+2066–U+2069) and marks (U+200E/F) can make
// "Sở Y tế" display as something else in the coordinator's chat; zero-width characters hide in
// names. Names never need them.
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/** A name or short label: NFC, no control, direction or zero-width characters, single spaces. */
export function cleanName(s: string): string {
  return s.normalize('NFC').replace(CONTROL, ' ').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** A name is worth storing when it has at least two letters (not only punctuation or digits). */
export const isRealName = (s: string) => (s.match(/\p{L}/gu) ?? []).length >= 2;
