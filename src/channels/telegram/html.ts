// Telegram's HTML parse mode rejects the whole message on one stray '<', so every interpolated
// value is escaped; quotes too, because values also land inside href attributes.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ENTITIES[c]!);
}

const UNESCAPE: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };

/** What an HTML message reads as in plain text: tags dropped, entities decoded (for button answers). */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#(\d+));/g, (_, name: string, num?: string) => (num ? String.fromCodePoint(Number(num)) : UNESCAPE[name]!));
}
