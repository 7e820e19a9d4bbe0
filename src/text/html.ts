// Telegram's HTML parse mode rejects the whole message on one stray '<', so every interpolated
// value is escaped; quotes too, because values also land inside href attributes.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ENTITIES[c]!);
}
