// The report process: forked by outside.ts for one /baocao, it builds the files and hands them
// back over IPC, then exits. Its 300+ MB peak (the year's ~100,000 updates as objects, the
// workbook's XML) is freed with the process instead of staying in the bot's resident memory.
//
// It opens the database itself, READ-ONLY (openReadOnly): WAL lets it read a consistent snapshot
// while the bot keeps writing, and a read-only connection cannot change anything nor migrate.
import { closeDatabase, openReadOnly } from '../db/open.js';
import { createI18n } from '../i18n.js';
import { buildReportFiles, type ReportRequest } from './build.js';

export interface BuildMessage extends ReportRequest {
  databasePath: string;
}

export type BuildReply =
  | { ok: true; outline: import('./build.js').ReportOutline; docx: Uint8Array; xlsx: Uint8Array; csv: Uint8Array; phases: Record<string, number>; sentAt: number }
  | { ok: false; error: string };

// The bot went away (stopped, crashed, killed): nobody is waiting for the files.
process.on('disconnect', () => process.exit(0));

process.once('message', (msg: BuildMessage) => {
  void (async () => {
    let reply: BuildReply;
    try {
      const db = openReadOnly(msg.databasePath);
      const files = await buildReportFiles(db, msg, createI18n().t('vi'));
      closeDatabase(db);
      reply = { ok: true, outline: files.outline, docx: files.docx, xlsx: files.xlsx, csv: files.csv, phases: files.phases, sentAt: Date.now() };
    } catch (err) {
      reply = { ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
    // The bot disconnects once it has the reply, which ends this process (above).
    process.send!(reply);
  })();
});
