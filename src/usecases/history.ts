// /history (/lichsu): every report on a task, newest first, a page at a time; optionally of one
// agency. The task's details offer its first page as a choice.
import { findTask } from '../core/progress-reports.js';
import { loadCatalog } from '../db/queries/plan.js';
import { taskHistory } from '../db/queries/progress-reports.js';
import { matchAgency } from '../domain/agency-match.js';
import { indexAgencies } from '../domain/agencies.js';
import { renderHistory } from '../render/progress-reports.js';
import { clip } from '../text/clip.js';
import { CHOICES } from '../conversation/choices.js';
import type { Choice } from '../conversation/reply.js';
import { esc } from '../conversation/rich.js';
import type { Routes } from '../conversation/router.js';
import { refuse, say, type Outcome, type Request } from '../conversation/types.js';

const PAGE = 5;

function historyCommand(req: Request): Outcome {
  const args = req.input.kind === 'command' ? req.input.args.trim() : '';
  const [code = '', ...rest] = args.split(/\s+/);
  if (!code) return say({ text: req.t('history.usage') });
  const agencyQuery = rest.join(' ').trim();
  if (!agencyQuery) return showPage(req, code, undefined, 0);
  const m = matchAgency(agencyQuery, loadCatalog(req.deps.db).agencies);
  if (m.kind !== 'one') return say({ text: req.t('agency.not_found', { query: esc(clip(agencyQuery, 100)) }) });
  return showPage(req, code, m.agency.code, 0);
}

/** Newer or older page; each is a new message, so earlier pages stay readable above. */
function historyChoice(req: Request): Outcome {
  const d = req.input.kind === 'choice' ? CHOICES.history.decode(req.input.data) : undefined;
  if (!d) return refuse(req.t('fallback.stale_button'));
  return { answer: {}, ...showPage(req, d.task, d.agency === '*' ? undefined : d.agency, d.page) };
}

function showPage(req: Request, code: string, agency: string | undefined, page: number): Outcome {
  const { t, deps } = req;
  const catalog = loadCatalog(deps.db);
  const found = findTask(catalog, code);
  if (!('task' in found)) return say({ text: t('history.unknown_task', { code: esc(clip(code, 40)), near: found.near.join(', ') }) });
  const task = found.task;
  const { total, entries } = taskHistory(deps.db, task.code, { agencyCode: agency, offset: page * PAGE, limit: PAGE });
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const text = renderHistory(task, entries, { index: page, pages, total }, indexAgencies(catalog.agencies), deps.config.timeZone, t);
  const to = (p: number) => CHOICES.history.encode({ task: task.code, agency: agency ?? '*', page: p });
  const nav: Choice[] = [];
  if (page > 0) nav.push({ label: t('history.newer'), data: to(page - 1) });
  if (page + 1 < pages) nav.push({ label: t('history.older'), data: to(page + 1) });
  return say({ text, ...(nav.length ? { choices: [nav] } : {}) });
}

export const historyRoutes: Routes = {
  commands: { history: historyCommand },
  choices: [{ codec: CHOICES.history, run: historyChoice }],
};
