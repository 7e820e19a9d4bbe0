export const TELEGRAM_TEXT_LIMIT = 4096;

/**
 * Splits an already-escaped HTML message into chunks of at most `limit` characters, on line
 * boundaries. Telegram counts the limit after entity parsing, so measuring the raw HTML is
 * conservative. Tags are never opened across lines in our templates, so a line boundary never cuts
 * a tag in half. A single line longer than the limit is cut at the last space (or hard) but never
 * inside an HTML entity or tag.
 */
export function splitMessage(html: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const chunks: string[] = [];
  let current = '';
  const push = () => {
    if (current.trim().length) chunks.push(current.replace(/\n+$/, ''));
    current = '';
  };
  for (const line of html.split('\n')) {
    for (const piece of cutLongLine(line, limit)) {
      const candidate = current ? `${current}\n${piece}` : piece;
      if (candidate.length > limit) {
        push();
        current = piece;
      } else {
        current = candidate;
      }
    }
  }
  push();
  return chunks.length ? chunks : [''];
}

function cutLongLine(line: string, limit: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf(' ', limit);
    if (cut < limit / 2) cut = limit;
    cut = avoidMarkupCut(rest, cut);
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^ /, '');
  }
  out.push(rest);
  return out;
}

/** Moves a cut point back so it does not land inside `&amp;` or `<b>`. */
function avoidMarkupCut(s: string, cut: number): number {
  const amp = s.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > cut - 8 && s.indexOf(';', amp) >= cut) return amp;
  const lt = s.lastIndexOf('<', cut - 1);
  if (lt >= 0 && s.indexOf('>', lt) >= cut) return lt;
  return cut;
}
