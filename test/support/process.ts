// The bot as a real child process (`tsx src/main.ts`), configured only through its environment.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';

export const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Node itself with tsx's loader, not the tsx CLI: the CLI runs the bot in a child process, so a
 * SIGKILL would kill the wrapper and leave the bot running — two bots on one database.
 */
/**
 * The bot as `npm start` runs it: the compiled JavaScript in dist/ (`npm test` builds it first).
 */
export function runBot(env: Record<string, string>) {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

/** A read-only look at the bot's database from outside the process. */
export function query<T>(path: string, sql: string): T[] {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  } catch {
    return [];
  }
}
