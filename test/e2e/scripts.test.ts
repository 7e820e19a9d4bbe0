// The README's other commands, run as a person would: the offline demo and a one-off backup.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { ROOT } from '../support/process.js';

const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

describe('npm run demo', () => {
  it('chats in the terminal on the console channel, with no token and no network', () => {
    const files = mkdtempSync(join(tmpdir(), 'kh457-demo-files-'));
    const script = ['/nv II.3', ':as minh', '/capnhat III.1.3 đang 80% Đã trình dự thảo', ':as thao', '/tinhhinh', '1', '/baocao', ':quit', ''].join('\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      cwd: ROOT, env: { ...env, KH457_DEMO_FILES: files }, input: script, encoding: 'utf8', timeout: 60_000,
    });
    expect(r.status).toBe(0);
    // The reports the bot sent outlive the demo, where it says.
    expect(readdirSync(files).sort()).toEqual(['bao-cao-kh457-2026.csv', 'bao-cao-kh457-2026.docx', 'bao-cao-kh457-2026.xlsx'].map((f) => f.replace('2026', String(new Date().getFullYear()))));
    expect(r.stdout).toContain(`Các tệp bot đã gửi được giữ lại ở ${files}`);
    rmSync(files, { recursive: true, force: true });
    expect(r.stdout).toContain('Khuyến khích xuất khẩu sản phẩm công nghệ sinh học');
    expect(r.stdout).toContain('Đã ghi nhận cập nhật nhiệm vụ III.1.3');
    expect(r.stdout).toContain('Tình hình thực hiện KH 457');
    expect(r.stdout).toContain('1. 📝 Cập nhật'); // choices are numbered lines
    expect(r.stdout).toContain('Không có lựa chọn nào đang chờ bạn ở đây'); // a number with nothing to choose
    expect(r.stdout).toContain('Tạm biệt!');
    expect(r.stdout).not.toMatch(/<b>|&amp;|\*\*/); // plain text: no Telegram HTML, no rich-text markup
  }, 90_000);
});

describe('npm run backup', () => {
  it('writes one online backup and says where', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kh457-backup-'));
    try {
      const dbPath = join(dir, 'kh457.db');
      openDatabase(dbPath).$client.close();
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts'], {
        cwd: ROOT, env: { ...env, DATABASE_PATH: dbPath, BACKUP_DIR: join(dir, 'b') }, encoding: 'utf8', timeout: 60_000,
      });
      expect(r.status).toBe(0);
      const [file] = readdirSync(join(dir, 'b'));
      expect(file).toMatch(/^kh457-\d{8}-\d{6}\.db$/);
      expect(r.stdout.trim()).toBe(join(dir, 'b', file!));
      const missing = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts'], {
        cwd: ROOT, env: { ...env, DATABASE_PATH: join(dir, 'none.db'), BACKUP_DIR: join(dir, 'b') }, encoding: 'utf8', timeout: 60_000,
      });
      expect(missing.status).toBe(2);
      expect(existsSync(join(dir, 'none.db'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
