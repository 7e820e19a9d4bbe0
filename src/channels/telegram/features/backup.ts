import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Composer } from 'telegraf';
import { enqueue } from '../../../delivery/outbox.js';
import { backupDatabase } from '../../../ops/backup.js';
import { COMMANDS } from '../commands.js';
import type { BotContext } from '../context.js';
import { replyRich } from '../reply.js';

export const backup = new Composer<BotContext>();

// Bots may upload up to 50 MB; leave room for the multipart envelope.
const MAX_UPLOAD = 48 * 1024 * 1024;

backup.command([...COMMANDS.backup], async (ctx) => {
  if (!ctx.isCoordinator) return replyRich(ctx, ctx.t('register.coordinators_only'));
  const { config, now } = ctx.deps;
  const path = await backupDatabase(ctx.db, config.backupDir, config.backupKeep, config.timeZone, now());
  const size = statSync(path).size;
  if (size > MAX_UPLOAD) return replyRich(ctx, ctx.t('backup.too_large', { name: basename(path), mb: Math.round(size / 1048576) }));
  // The database holds names and reports: it goes to the coordinator privately, never to a group.
  enqueue(ctx.db, {
    dedupeKey: `backup:${ctx.update.update_id}`, chatId: ctx.from.id, kind: 'backup', method: 'sendDocument',
    payload: { caption: ctx.t('backup.caption', { name: basename(path) }) }, file: readFileSync(path), fileName: basename(path),
  }, now());
  ctx.deps.kick();
  return replyRich(ctx, ctx.t(ctx.chat.type === 'private' ? 'backup.sent' : 'backup.sent_privately', { name: basename(path) }));
});
