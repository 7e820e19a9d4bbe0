// The Zalo serializer: a Reply → the messages Zalo takes. Text is plain (Zalo's markdown and HTML
// modes are known only second-hand, and nothing a person typed may be read as markup), at most
// 2,000 UTF-16 code units a message, split at line ends in order; choices are numbered lines
// answered by the number; a reply with a shorter form (`short`) says that, since every message
// counts against the monthly quota. Zalo cannot receive a document: a file becomes a signed,
// expiring link to the bot's own server; a picture is sent with sendPhoto at such a link.
import { richToPlain } from '../../conversation/rich.js';
import type { Reply } from '../../conversation/reply.js';
import type { ChannelMessage } from '../../delivery/say.js';
import { formatDate } from '../../text/dates.js';
import { textParts, withoutControls } from '../text/conversation.js';

export const ZALO_LIMIT = 2000;

export interface ZaloFiles {
  /** Stores the file and returns the public link to it, with its expiry. */
  publish(name: string, bytes: Buffer): { url: string; expiresAt: number };
  timeZone: string;
  /** "link valid until …" in the default language. */
  linkNote(name: string, url: string, until: string): string;
}

const clipTo = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

export function toZaloMessages(reply: Reply, files: ZaloFiles): ChannelMessage[] {
  const out: ChannelMessage[] = [];
  if (reply.file) {
    const f = reply.file;
    const link = files.publish(f.name, f.bytes);
    const caption = f.caption ? richToPlain(f.caption) : '';
    if (f.kind === 'photo') {
      out.push({ method: 'photo', payload: { photo: link.url, ...(caption ? { caption: clipTo(caption, ZALO_LIMIT) } : {}) } });
    } else {
      const note = files.linkNote(f.name, link.url, formatDate(link.expiresAt, files.timeZone));
      // The link goes whole into one message: the caption gives way if both do not fit.
      const text = caption ? `${clipTo(caption, ZALO_LIMIT - note.length - 1)}\n${note}` : note;
      out.push({ method: 'text', payload: { text, file: f.name } });
    }
  }
  const said = reply.short !== undefined ? { ...reply, text: reply.short } : reply;
  for (const payload of textParts(said, ZALO_LIMIT, (r) => withoutControls(richToPlain(r)))) out.push({ method: 'text', payload: { ...payload } });
  return out;
}
