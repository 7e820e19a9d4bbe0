// The Zalo serializer: a Reply → the messages Zalo takes. Text is plain (Zalo's markdown and HTML
// modes are known only second-hand, and nothing a person typed may be read as markup), at most
// 2,000 UTF-16 code units a message, split at line ends in order; choices are numbered lines
// answered by the number; a reply with a shorter form (`short`) says that, since every message
// counts against the monthly quota. Zalo cannot receive a document: a file becomes a signed,
// expiring link to the bot's own server; a picture is sent with sendPhoto at such a link.
// The file is stored here, at enqueue time, but its link is made when the message is sent
// (fileLinkPayload, called by ZaloChannel.send): a message held for days by Zalo's quota must not
// arrive with a link that has already expired, nor say a date that is past.
import { richToPlain } from '../../conversation/rich.js';
import type { Reply } from '../../conversation/reply.js';
import type { ChannelMessage } from '../../delivery/say.js';
import { formatDateTime } from '../../text/dates.js';
import { textParts, withoutControls } from '../text/conversation.js';

export const ZALO_LIMIT = 2000;

export interface ZaloFiles {
  /** Stores the file until its link is made (at send time); returns its id. */
  keep(name: string, bytes: Buffer): string;
  /**
   * The public link to a kept file, valid from now for FILE_LINK_TTL (the file kept that long too);
   * undefined when the file is no longer stored.
   */
  link(id: string): { url: string; expiresAt: number } | undefined;
  timeZone: string;
  /** "link valid until …" in the default language. */
  linkNote(name: string, url: string, until: string): string;
}

const clipTo = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** What an outbox row of a file carries until it is sent: the kept file, its name, the caption. */
export interface FileLink {
  id: string;
  name: string;
}

export function toZaloMessages(reply: Reply, files: ZaloFiles): ChannelMessage[] {
  const out: ChannelMessage[] = [];
  if (reply.file) {
    const f = reply.file;
    const link: FileLink = { id: files.keep(f.name, f.bytes), name: f.name };
    const caption = f.caption ? richToPlain(f.caption) : '';
    if (f.kind === 'photo') {
      out.push({ method: 'photo', payload: { link, ...(caption ? { caption: clipTo(caption, ZALO_LIMIT) } : {}) } });
    } else {
      out.push({ method: 'text', payload: { link, ...(caption ? { caption } : {}), file: f.name } });
    }
  }
  const said = reply.short !== undefined ? { ...reply, text: reply.short } : reply;
  for (const payload of textParts(said, ZALO_LIMIT, (r) => withoutControls(richToPlain(r)))) out.push({ method: 'text', payload: { ...payload } });
  return out;
}

/**
 * At send time: the row's file link made now, valid for FILE_LINK_TTL from now — a photo's URL, or
 * the text with the caption and "link valid until <time> <date>". The link goes whole into one
 * message: the caption gives way if both do not fit. Undefined when the row carries no link; `gone`
 * when its file is no longer stored (held longer than files are kept).
 */
export function withFileLink(method: string, payload: Record<string, unknown>, files: ZaloFiles): { text?: string; photo?: string; gone?: true } | undefined {
  const l = payload.link as Partial<FileLink> | undefined;
  if (!l || typeof l.id !== 'string') return undefined;
  const link = files.link(l.id);
  if (!link) return { gone: true };
  if (method === 'photo') return { photo: link.url };
  const note = files.linkNote(String(l.name ?? ''), link.url, formatDateTime(link.expiresAt, files.timeZone));
  const caption = typeof payload.caption === 'string' ? payload.caption : '';
  return { text: caption ? `${clipTo(caption, ZALO_LIMIT - note.length - 1)}\n${note}` : note };
}
