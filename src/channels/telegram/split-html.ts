export const TELEGRAM_TEXT_LIMIT = 4096;

/** An open tag carried across a cut: its text (to reopen it) and name (to close it). */
interface OpenTag {
  text: string;
  name: string;
}

/** The tags open at some point, innermost last, with what closing them all costs. Never mutated: a cut keeps a reference. */
interface Stack {
  tags: readonly OpenTag[];
  closeLen: number;
}

const EMPTY: Stack = { tags: [], closeLen: 0 };

// What is never cut: a tag, an entity; and where a part may end: a line break, a space.
// Between two of these lies a run of text (usually a word), measured whole by its UTF-16 length.
const TOKEN = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^>]*)?>|&#?[a-zA-Z0-9]+;|\n| /g;
let segmenter: Intl.Segmenter | undefined;

function push(s: Stack, text: string, name: string): Stack {
  return { tags: [...s.tags, { text, name }], closeLen: s.closeLen + name.length + 3 };
}
function pop(s: Stack, name: string): Stack {
  let i = s.tags.length - 1;
  while (i >= 0 && s.tags[i]!.name !== name) i--;
  if (i < 0) return s;
  return { tags: [...s.tags.slice(0, i), ...s.tags.slice(i + 1)], closeLen: s.closeLen - name.length - 3 };
}
const closing = (s: Stack) => s.tags.map((x) => `</${x.name}>`).reverse().join('');
const reopening = (s: Stack) => s.tags.map((x) => x.text).join('');

/**
 * How much of `run` (plain text, no tag, entity, space or line break) fits in `room` UTF-16
 * units without cutting a grapheme (a surrogate pair, an emoji sequence, a letter and its
 * combining marks): its length in units. `atLeastOne` takes the first grapheme even if it does
 * not fit — a part must move forward. Graphemes are only looked at here, at a cut.
 */
function fitGraphemes(run: string, room: number, atLeastOne: boolean): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let used = 0;
  for (const g of segmenter.segment(run)) {
    if (used + g.segment.length > room && !(atLeastOne && used === 0)) break;
    used += g.segment.length;
  }
  return used;
}

/**
 * Splits an already-escaped HTML message into parts of at most `limit` characters that Telegram
 * accepts one by one: on line boundaries where possible, else at a space, else between graphemes
 * — never inside a tag, an entity, a surrogate pair or an emoji. A tag open at a cut (a withdrawn
 * note in `<s>` that spans lines) is closed at the end of the part and opened again at the start
 * of the next, so every part is balanced markup. Telegram counts the limit after entity parsing,
 * so measuring the raw HTML is conservative.
 *
 * Text between tags, entities, spaces and line breaks is measured by its length, a run at a
 * time: graphemes are segmented only in the one run a part would end inside. (An object per
 * grapheme made splitting most of the CPU of a long /tinhhinh.)
 */
export function splitMessage(html: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  // Nearly every reply fits: no need to look inside it.
  if (html.length <= limit) return [html.trim() ? html.replace(/\n+$/, '') : ''];
  const parts: string[] = [];
  let carry = EMPTY;
  let start = 0; // where the current part's own text begins in `html`
  while (start < html.length) {
    const prefix = reopening(carry);
    let len = prefix.length;
    let stack = carry;
    let lineBreak: { at: number; stack: Stack } | undefined;
    let spaceBreak: { at: number; stack: Stack } | undefined;
    // Where the part must end at the latest, and the tags open there; unset while all fits.
    let overflow: { at: number; stack: Stack } | undefined;
    let pos = start;
    TOKEN.lastIndex = start;
    while (pos < html.length) {
      const m = TOKEN.exec(html);
      const runEnd = m ? m.index : html.length;
      if (runEnd > pos) {
        // A run of text: whole if it fits, else as many graphemes as fit.
        const runLen = runEnd - pos;
        if (len + runLen + stack.closeLen > limit) {
          const room = limit - len - stack.closeLen;
          overflow = { at: pos + fitGraphemes(html.slice(pos, runEnd), room, pos === start), stack };
          break;
        }
        len += runLen;
        pos = runEnd;
      }
      if (!m) break;
      const t = m[0];
      const next = m[2] ? (m[1] ? pop(stack, m[2].toLowerCase()) : push(stack, t, m[2].toLowerCase())) : stack;
      if (pos > start && len + t.length + next.closeLen > limit) {
        overflow = { at: pos, stack };
        break;
      }
      if (t === '\n') lineBreak = { at: pos, stack };
      else if (t === ' ') spaceBreak = { at: pos, stack };
      len += t.length;
      stack = next;
      pos += t.length;
    }
    if (!overflow) {
      parts.push(prefix + html.slice(start) + closing(stack));
      break;
    }
    // Prefer a line boundary; a space only when it does not leave the part less than half full.
    const cut = lineBreak ?? (spaceBreak && spaceBreak.at - start > (overflow.at - start) / 2 ? spaceBreak : overflow);
    parts.push(prefix + html.slice(start, cut.at) + closing(cut.stack));
    carry = cut.stack;
    // The line break or space the part ended at is not carried into the next one.
    start = html[cut.at] === '\n' || html[cut.at] === ' ' ? cut.at + 1 : cut.at;
  }
  const kept = parts.map((p) => p.replace(/\n+$/, '')).filter((p) => p.replace(/<[^>]*>/g, '').trim().length);
  return kept.length ? kept : [''];
}
