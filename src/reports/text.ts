// Text that goes into .docx and .xlsx files must be valid XML 1.0: a control character or a lone
// surrogate pasted into a report (from a PDF, a spreadsheet, a broken phone keyboard) would make
// Word refuse the whole file. Tab, LF and CR are allowed and kept.
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(s: string): string {
  INVALID.lastIndex = 0;
  // Most text is clean: test first, so 100,000 cells do not each build a new string.
  return INVALID.test(s) ? s.replace(INVALID, '') : s;
}

// Direction overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069) and the direction
// marks (U+200E, U+200F, U+061C) reorder what follows them: "UBND \u202eTỈNH AN GIANG" prints as
// "UBND GNAIG NA HNỈT". A report prints what was typed, in the order typed. (Notes lose them when
// stored; this also covers what was stored before, and any other text.)
const DIRECTION = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Text as it goes into a .docx or .xlsx: valid XML, and no character that reorders the text around it. */
export function printable(s: string): string {
  DIRECTION.lastIndex = 0;
  return xmlSafe(DIRECTION.test(s) ? s.replace(DIRECTION, '') : s);
}

/** The most characters an Excel cell holds; a longer one makes Excel call the file damaged. */
export const EXCEL_CELL_MAX = 32_767;

/** `s` cut to at most `max` characters, ending with `more` (which says where the rest is) when cut. */
export function clip(s: string, max: number, more: string): string {
  if (s.length <= max) return s;
  let head = s.slice(0, max - more.length);
  // Never leave half of a surrogate pair at the cut.
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return head + more;
}

/**
 * "Hoàn thành (100%)", "Đang thực hiện (—)", or the label alone for a line never reported;
 * `inline` gives "Hoàn thành, 100%" for text that is already in parentheses.
 */
export function statusWithPercent(status: string, percent: number | null, reported: boolean, percentText: (p: number | null) => string, inline = false): string {
  if (!reported) return status;
  return inline ? `${status}, ${percentText(percent)}` : `${status} (${percentText(percent)})`;
}
