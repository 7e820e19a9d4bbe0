export const TELEGRAM_TEXT_LIMIT = 4096;

/** A piece of an HTML message that is never cut: a tag, an entity, a line break, a space, or one grapheme. */
interface Atom {
  text: string;
  kind: 'open' | 'close' | 'newline' | 'space' | 'text';
  /** Tag name, for open and close tags. */
  name?: string;
}

const TOKEN = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^>]*)?>|&#?[a-zA-Z0-9]+;|\n| /g;
let segmenter: Intl.Segmenter | undefined;

function atomize(html: string): Atom[] {
  const atoms: Atom[] = [];
  const text = (s: string) => {
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    for (const g of segmenter.segment(s)) atoms.push({ text: g.segment, kind: 'text' });
  };
  let at = 0;
  for (const m of html.matchAll(TOKEN)) {
    if (m.index > at) text(html.slice(at, m.index));
    const t = m[0];
    if (m[2]) atoms.push({ text: t, kind: m[1] ? 'close' : 'open', name: m[2].toLowerCase() });
    else atoms.push({ text: t, kind: t === '\n' ? 'newline' : t === ' ' ? 'space' : 'text' });
    at = m.index + t.length;
  }
  if (at < html.length) text(html.slice(at));
  return atoms;
}

/** The open tags after `a`, innermost last. */
function afterAtom(stack: readonly Atom[], a: Atom): Atom[] {
  if (a.kind === 'open') return [...stack, a];
  if (a.kind === 'close') {
    const i = stack.map((s) => s.name).lastIndexOf(a.name);
    return i < 0 ? [...stack] : [...stack.slice(0, i), ...stack.slice(i + 1)];
  }
  return stack as Atom[];
}

const closing = (stack: readonly Atom[]) => stack.map((s) => `</${s.name}>`).reverse().join('');
const reopening = (stack: readonly Atom[]) => stack.map((s) => s.text).join('');

/**
 * Splits an already-escaped HTML message into parts of at most `limit` characters that Telegram
 * accepts one by one: on line boundaries where possible, else at a space, else between graphemes
 * — never inside a tag, an entity, a surrogate pair or an emoji. A tag open at a cut (a withdrawn
 * note in `<s>` that spans lines) is closed at the end of the part and opened again at the start
 * of the next, so every part is balanced markup. Telegram counts the limit after entity parsing,
 * so measuring the raw HTML is conservative.
 */
export function splitMessage(html: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  // Nearly every reply fits: no need to look at its graphemes.
  if (html.length <= limit) return [html.trim() ? html.replace(/\n+$/, '') : ''];
  const atoms = atomize(html);
  const parts: string[] = [];
  let carry: Atom[] = [];
  let i = 0;
  while (i < atoms.length) {
    let stack = carry;
    let len = reopening(carry).length;
    let j = i;
    let lineBreak: { at: number; stack: Atom[] } | undefined;
    let spaceBreak: { at: number; stack: Atom[] } | undefined;
    for (; j < atoms.length; j++) {
      const a = atoms[j]!;
      const next = afterAtom(stack, a);
      if (j > i && len + a.text.length + closing(next).length > limit) break;
      if (a.kind === 'newline') lineBreak = { at: j, stack };
      if (a.kind === 'space') spaceBreak = { at: j, stack };
      len += a.text.length;
      stack = next;
    }
    if (j >= atoms.length) {
      parts.push(reopening(carry) + atoms.slice(i).map((a) => a.text).join('') + closing(stack));
      break;
    }
    // Prefer a line boundary; a space only when it does not leave the part less than half full.
    const cut = lineBreak ?? (spaceBreak && spaceBreak.at - i > (j - i) / 2 ? spaceBreak : { at: j, stack });
    parts.push(reopening(carry) + atoms.slice(i, cut.at).map((a) => a.text).join('') + closing(cut.stack));
    carry = cut.stack;
    const skip = atoms[cut.at]?.kind === 'newline' || atoms[cut.at]?.kind === 'space';
    i = skip ? cut.at + 1 : cut.at;
  }
  const kept = parts.map((p) => p.replace(/\n+$/, '')).filter((p) => p.replace(/<[^>]*>/g, '').trim().length);
  return kept.length ? kept : [''];
}
