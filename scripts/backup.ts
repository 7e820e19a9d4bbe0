// `npm run backup`: one online backup now, with the same settings the bot uses.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { openDatabase } from '../src/db/open.js';
import { backupDatabase } from '../src/ops/backup.js';

if (existsSync('.env')) process.loadEnvFile('.env');
const env = z
  .object({
    DATABASE_PATH: z.string().default('./data/kh457.db'),
    BACKUP_DIR: z.string().default('./backups'),
    BACKUP_KEEP: z.coerce.number().int().min(1).default(14),
    TIMEZONE: z.string().default('Asia/Ho_Chi_Minh'),
  })
  .parse(process.env);
if (!existsSync(env.DATABASE_PATH)) {
  console.error(`No database at ${env.DATABASE_PATH} (set DATABASE_PATH).`);
  process.exit(2);
}
const db = openDatabase(env.DATABASE_PATH);
const path = await backupDatabase(db, env.BACKUP_DIR, env.BACKUP_KEEP, env.TIMEZONE);
db.$client.close();
console.log(path);
