// Builds five years of history — 31 tasks × 60 agencies, one update a week — for the benchmarks.
import type { Db } from '../src/db/open.js';
import { listTasks } from '../src/db/queries/plan.js';

export const BENCH_AGENCIES = Array.from({ length: 60 }, (_, i) => `BENCH_${String(i + 1).padStart(2, '0')}`);

export function loadHistory(db: Db, years: number[], weeks = 52): number {
  const sqlite = db.$client;
  const tasks = listTasks(db).map((t) => t.code);
  const now = Date.now();
  sqlite.transaction(() => {
    const agency = sqlite.prepare(
      "insert or ignore into agencies (code, name, short, aliases, kind, change, successors, confirmed, in_plan) values (?, ?, ?, '[]', 'agency', 'new', '[]', 1, 0)",
    );
    const lead = sqlite.prepare("insert into task_agencies (task_code, agency_code, role, ord, source, started_at) values (?, ?, 'lead', 100, 'assigned', ?)");
    const user = sqlite.prepare('insert or ignore into users (id, external_id, first_name, created_at, updated_at) values (?, ?, ?, ?, ?)');
    BENCH_AGENCIES.forEach((code, i) => {
      agency.run(code, `Cơ quan thử ${i + 1}`, `CQ ${i + 1}`);
      user.run(700_000 + i, String(700_000 + i), `Cán bộ ${i + 1}`, now, now);
      for (const t of tasks) lead.run(t, code, now);
    });
  })();
  const insert = sqlite.prepare(
    `insert into updates (task_code, agency_code, year, user_id, chat_id, via, status, percent, note, created_at)
     values (?, ?, ?, ?, ?, 'command', ?, ?, ?, ?)`,
  );
  const statuses = ['in_progress', 'in_progress', 'in_progress', 'done', 'blocked', null] as const;
  let n = 0;
  sqlite.transaction(() => {
    for (const year of years) {
      const start = Date.UTC(year, 0, 5, 2);
      for (let w = 0; w < weeks; w++) {
        for (let a = 0; a < BENCH_AGENCIES.length; a++) {
          for (let t = 0; t < tasks.length; t++) {
            const status = statuses[(w + a + t) % statuses.length]!;
            insert.run(tasks[t], BENCH_AGENCIES[a], year, 700_000 + a, -100_000 - a, status, status === 'in_progress' ? (w * 2) % 100 : null,
              `Tuần ${w + 1}: kết quả thực hiện của cơ quan ${a + 1} về nhiệm vụ ${tasks[t]}. Khó khăn: chưa có. Đề xuất: tiếp tục.`,
              start + w * 7 * 86_400_000 + a * 1000 + t);
            n++;
          }
        }
      }
    }
  })();
  return n;
}
