// The web channel's markup: HTML escaping and rich text (conversation/rich.ts) as HTML. Everything
// that came from people — notes, names, agency names the coordinator edited — passes through `h`
// (or `richToHtml`, which escapes every span) exactly once on its way into a page.
import { parseRich, type Rich } from '../../conversation/rich.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe inside HTML, in element content and in quoted attribute values alike. */
export function h(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const TAGS = { bold: 'strong', italic: 'em', strike: 's', code: 'code' } as const;

/** Rich text as HTML: each span escaped, its styles as nested tags; a mention is just the name. */
export function richToHtml(r: Rich): string {
  return parseRich(r)
    .map((span) => {
      let out = h(span.text).replace(/\n/g, '<br>');
      for (const style of [...span.styles].reverse()) out = `<${TAGS[style]}>${out}</${TAGS[style]}>`;
      return out;
    })
    .join('');
}
