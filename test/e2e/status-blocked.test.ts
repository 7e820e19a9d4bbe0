// The whole plan's /tinhhinh after years of use: hundreds of blocked lines must not make it an
// answer of twenty messages. It lists the first BLOCKED_SHOWN in plan order and says how many more
// there are and where to see each of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN } from '../../src/domain/plan-data.js';
import { BLOCKED_SHOWN } from '../../src/render/status.js';
import { startHarness, type Harness } from '../support/harness.js';
import { seedUpdate, vn } from '../support/seed.js';
import { COORDINATOR, message } from '../support/updates.js';

let h: Harness;
// Two agencies blocked on each of the first 20 tasks: 40 blocked lines across sections I–III.
const blocked = PLAN.tasks.slice(0, 20).flatMap((task) => ['SKHCN', 'SYT'].map((agency) => ({ task, agency })));
const perSection = new Map<string, number>();
for (const { task } of blocked) {
  const section = task.code.split('.')[0]!; // III.1.5 is in section III
  perSection.set(section, (perSection.get(section) ?? 0) + 1);
}

beforeAll(async () => {
  h = await startHarness({ now: () => vn(2026, 11, 28, 10) });
  blocked.forEach(({ task, agency }, i) =>
    seedUpdate(h.app.db, { task: task.code, agency, status: 'blocked', note: `Vướng số ${i + 1}`, at: vn(2026, 9, 1 + (i % 28)) }));
});
afterAll(() => h?.close());

const bullets = (t: string) => t.split('\n').filter((l) => /^• <b>[IVX.\d]+<\/b> — /.test(l));

describe('/tinhhinh with many blocked lines', () => {
  it('lists the first ones, counts the rest by section and says how to see them', async () => {
    const answer = await h.ask(message('/tinhhinh', { from: COORDINATOR }));
    expect(answer).toHaveLength(1);
    const t = answer[0]!;
    expect(t).toContain(`⛔ Vướng mắc (${blocked.length}):`);
    expect(bullets(t)).toHaveLength(BLOCKED_SHOWN);
    // In plan order: the first BLOCKED_SHOWN seeded, none after them.
    expect(t).toContain('Vướng số 1\n');
    expect(t).toContain(`Vướng số ${BLOCKED_SHOWN}\n`);
    expect(t).not.toContain(`Vướng số ${BLOCKED_SHOWN + 1}\n`);
    const sections = [...perSection].map(([code, n]) => `<code>/tinhhinh ${code}</code> (${n})`).join(', ');
    expect(t).toContain(`… và ${blocked.length - BLOCKED_SHOWN} vướng mắc khác. Xem đủ theo mục: ${sections}; theo cơ quan: <code>/tinhhinh Sở Y tế</code>.`);
  });

  it('lists every one of a section where the pointer leads', async () => {
    const t = (await h.ask(message('/tinhhinh II', { from: COORDINATOR }))).join('\n');
    expect(bullets(t)).toHaveLength(perSection.get('II')!);
    expect(t).not.toContain('vướng mắc khác');
  });

  it('says it in English too', async () => {
    await h.ask(message('/lang en', { from: COORDINATOR }));
    const t = (await h.ask(message('/status', { from: COORDINATOR }))).join('\n');
    expect(bullets(t)).toHaveLength(BLOCKED_SHOWN);
    expect(t).toContain(`… and ${blocked.length - BLOCKED_SHOWN} more. See them all by section: <code>/status I</code> (${perSection.get('I')})`);
  });
});
