import type { Message } from 'telegraf/types';
import { cleanName } from '../../text/clean.js';
import type { NewProgressReport } from '../../db/queries/progress-reports.js';
import type { BotContext } from './context.js';

/** Telegram's stand-in user for anonymous group admins; such messages have no person behind them. */
export const ANONYMOUS_ADMIN_ID = 1087968824;

/** Messages sent as a channel or as an anonymous admin cannot report: nobody is accountable. */
export function isFaceless(ctx: BotContext): boolean {
  const msg = (ctx.message ?? ctx.editedMessage) as (Message & { sender_chat?: unknown }) | undefined;
  return ctx.from?.id === ANONYMOUS_ADMIN_ID || !!msg?.sender_chat || !!ctx.from?.is_bot;
}

/**
 * A person's name as others will read it: without direction overrides or invisible characters, so
 * a name cannot make a coordinator's notice read as something else.
 */
export function displayName(u: { first_name: string; last_name?: string }): string {
  return cleanName([u.first_name, u.last_name].filter(Boolean).join(' '));
}

/** File ids of a document or the largest photo size, stored as evidence. */
export function filesOf(msg: Message | undefined): NonNullable<NewProgressReport['files']> {
  if (!msg) return [];
  if ('document' in msg && msg.document) {
    return [{ kind: 'document', fileId: msg.document.file_id, fileUniqueId: msg.document.file_unique_id, fileName: msg.document.file_name ?? null }];
  }
  if ('photo' in msg && msg.photo?.length) {
    const p = msg.photo[msg.photo.length - 1]!;
    return [{ kind: 'photo', fileId: p.file_id, fileUniqueId: p.file_unique_id, fileName: null }];
  }
  return [];
}

/** The text a message carries: its text, or a media caption ('' for a file sent without one). */
export function textOf(msg: Message | undefined): string | undefined {
  if (!msg) return undefined;
  if ('text' in msg) return msg.text;
  if ('caption' in msg) return msg.caption;
  // A file answering the bot without a caption is still an answer (it is told the note is missing).
  if ('document' in msg || 'photo' in msg) return '';
  return undefined;
}

/** "/update@bot II.3 ..." → { command: 'update', args: 'II.3 ...' } when addressed to us. */
export function parseCommand(text: string, botUsername: string): { command: string; args: string } | null {
  const m = /^\/([A-Za-z0-9_]+)(?:@(\w+))?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return null;
  if (m[2] && m[2].toLowerCase() !== botUsername.toLowerCase()) return null;
  return { command: m[1]!.toLowerCase(), args: m[3] ?? '' };
}
