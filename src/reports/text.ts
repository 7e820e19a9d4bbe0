// Text that goes into .docx and .xlsx files must be valid XML 1.0: a control character or a lone
// surrogate pasted into a report (from a PDF, a spreadsheet, a broken phone keyboard) would make
// Word refuse the whole file. Tab, LF and CR are allowed and kept.
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(s: string): string {
  INVALID.lastIndex = 0;
  // Most text is clean: test first, so 100,000 cells do not each build a new string.
  return INVALID.test(s) ? s.replace(INVALID, '') : s;
}

/**
 * "Hoàn thành (100%)", "Đang thực hiện (—)", or the label alone for a line never reported;
 * `inline` gives "Hoàn thành, 100%" for text that is already in parentheses.
 */
export function statusWithPercent(status: string, percent: number | null, reported: boolean, percentText: (p: number | null) => string, inline = false): string {
  if (!reported) return status;
  return inline ? `${status}, ${percentText(percent)}` : `${status} (${percentText(percent)})`;
}
