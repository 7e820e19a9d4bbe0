// The coordinator's tools: the digest now (/digest) and where it goes (/setdigest), proposals
// from officers (/propose), who leads a task after the reorganisation (/assign), and today's
// names of an agency (/editagency).
import { actingAgencies } from '../core/acting.js';
import { planAssignment } from '../core/assign.js';
import { chatOf, setDigestChat } from '../core/chats.js';
import { askConfirmation, confirmChoices } from '../core/confirm.js';
import { mayView } from '../core/viewers.js';
import { findTask, reportableAgencies } from '../core/progress-reports.js';
import { loadCatalog } from '../db/queries/plan.js';
import { insertProposal } from '../db/queries/proposals.js';
import { applyOnce } from '../db/queries/progress-reports.js';
import { matchAgency } from '../domain/agency-match.js';
import { indexAgencies, isActive } from '../domain/agencies.js';
import { normalizeNote } from '../domain/status.js';
import { defaultT, notifyCoordinators } from '../jobs/deps.js';
import { sendDigest } from '../jobs/digest.js';
import { cleanName, isRealName } from '../text/clean.js';
import { clip } from '../text/clip.js';
import { describeCron } from '../text/cron.js';
import { yearAt } from '../text/dates.js';
import { CHOICES } from '../conversation/choices.js';
import type { Reply } from '../conversation/reply.js';
import { esc } from '../conversation/rich.js';
import { coordinatorsOnly } from '../conversation/guards.js';
import type { Routes } from '../conversation/router.js';
import { answer, refuse, say, type Outcome, type Request } from '../conversation/types.js';

const argsOf = (req: Request) => (req.input.kind === 'command' ? req.input.args.trim() : '');

async function digestNow(req: Request): Promise<Outcome> {
  // Read-only: viewers (leaders, Văn phòng UBND tỉnh) may ask for it too.
  if (!mayView(req.deps.db, req.actor)) return say({ text: req.t('register.coordinators_only') });
  const { deps, conversation } = req;
  // Once per event: a crash after queuing it must not send the digest again on replay (the
  // event is marked applied in the transaction that queues it).
  const r = await sendDigest(deps, { trigger: 'manual', chat: { id: conversation.id, threadId: conversation.threadId }, eventId: req.eventId });
  return say({ text: req.t(r.kind === 'no_chat' ? 'digest.no_chat' : 'digest.queued') });
}

function setDigest(req: Request): Outcome {
  const { deps, conversation, t } = req;
  setDigestChat(deps.db, chatOf(deps.db, conversation), conversation.threadId, deps.now());
  return say({ text: t('digest.chat_set', { when: esc(describeCron(deps.config.digestCron, t)) }) });
}

function propose(req: Request): Outcome {
  const { t, deps, actor } = req;
  if (actor.faceless) return say({ text: t('report.faceless') });
  const args = argsOf(req);
  const [code = ''] = args.split(/\s+/);
  const text = normalizeNote(args.slice(code.length));
  if (!code || !text) return say({ text: t('propose.usage') });
  const catalog = loadCatalog(deps.db);
  const found = findTask(catalog, code);
  if (!('task' in found)) return say({ text: t('report.unknown_task', { code: esc(clip(code, 40)), near: found.near.join(', ') }) });
  const task = found.task;
  const index = indexAgencies(catalog.agencies);
  const acting = actingAgencies(deps.db, { userId: actor.id, isCoordinator: actor.isCoordinator }, req.conversation);
  const allowed = reportableAgencies(deps.db, catalog, index, { userId: actor.id, isCoordinator: actor.isCoordinator }, task, acting.bound);
  if (!allowed.length) {
    if (!acting.own.length) return say({ text: t('propose.not_registered') });
    return say({ text: t('propose.not_your_task', { code: task.code, agencies: acting.own.map((c) => esc(index.get(c)?.short ?? c)).join(', ') }) });
  }
  // In an agency's group the proposal is that agency's; elsewhere it is the one agency the person
  // may speak for on this task, or none named.
  const agencyCode = acting.bound && allowed.includes(acting.bound) ? acting.bound : allowed.length === 1 ? allowed[0]! : null;
  const now = deps.now();
  const r = applyOnce(deps.db, req.eventId, (tx) => insertProposal(tx, {
    taskCode: task.code, agencyCode, year: yearAt(now, deps.config.timeZone), userId: actor.id, chatId: req.conversation.id,
    text, eventId: req.eventId, createdAt: now,
  }), now);
  if (r.applied) {
    const td = defaultT(deps);
    notifyCoordinators(deps, `proposal:${r.value.id}`, td('propose.for_coordinator', {
      code: task.code, agency: esc(agencyCode ? index.get(agencyCode)!.short : '—'), who: esc(actor.name), text: esc(text),
    }), 'proposal');
  }
  return say({ text: t('propose.saved', { code: task.code }) });
}

// /giaoviec <mã> [-]<cơ quan>: who leads a task after the reorganisation. The plan's rows stay as
// signed; the change is asked first, cannot leave a task without a lead, and refuses a body that
// no longer exists (offering the one that took it over instead).
function assign(req: Request): Outcome {
  const { t, deps } = req;
  const m = /^(\S+)\s+(-)?\s*(.+)$/.exec(argsOf(req));
  if (!m) return say({ text: t('assign.usage') });
  const catalog = loadCatalog(deps.db);
  const found = findTask(catalog, m[1]!);
  if (!('task' in found)) return say({ text: t('report.unknown_task', { code: esc(clip(m[1]!, 40)), near: found.near.join(', ') }) });
  const match = matchAgency(m[3]!, catalog.agencies);
  if (match.kind !== 'one') return say({ text: t('agency.not_found', { query: esc(clip(m[3]!, 100)) }) });
  return say(askAssign(req, found.task.code, match.agency.code, !!m[2]));
}

/** ga:<+|->:<task>:<agency> — the successor offered in place of a body that no longer exists. */
function assignChosen(req: Request): Outcome {
  const d = req.input.kind === 'choice' ? CHOICES.assign.decode(req.input.data) : undefined;
  if (!d) return refuse(req.t('fallback.stale_button'));
  if (!req.actor.isCoordinator) return refuse(req.t('register.coordinators_only'));
  return answer({}, askAssign(req, d.task, d.agency, d.op === '-'));
}

function askAssign(req: Request, taskCode: string, agencyCode: string, remove: boolean): Reply {
  const { t, deps } = req;
  const o = planAssignment(deps.db, { taskCode, agencyCode, remove, actorId: req.actor.id, chatId: req.conversation.id, updateId: req.eventId, now: deps.now() });
  const index = indexAgencies(loadCatalog(deps.db).agencies);
  const name = (c: string) => esc(index.get(c)?.name ?? c);
  const leads = (codes: readonly string[]) => codes.map((c) => esc(index.get(c)?.short ?? c)).join(', ') || '—';
  switch (o.kind) {
    case 'unknown':
      return { text: t('assign.usage') };
    case 'unchanged':
      return { text: t('assign.unchanged', { code: taskCode, leads: leads(o.leads) }) };
    case 'last_lead':
      return { text: t('assign.last_lead', { code: taskCode, agency: name(agencyCode) }) };
    case 'gone':
      return {
        text: t('assign.gone', { agency: name(agencyCode), successors: o.successors.map(name).join(', ') || '—' }),
        choices: o.successors.map((c) => [{ label: t('assign.use_successor', { agency: index.get(c)?.short ?? c }), data: CHOICES.assign.encode({ op: '+', task: taskCode, agency: c }) }]),
      };
    case 'confirm':
      return {
        text: t(remove ? 'assign.confirm_remove' : 'assign.confirm_add', {
          code: taskCode, agency: name(agencyCode), before: leads(o.before), after: leads(o.after),
          replaced: o.replaces.length ? t('assign.replaces', { agencies: o.replaces.map(name).join(', ') }) : '',
        }),
        choices: confirmChoices(t, o.confirmationId),
      };
  }
}

// /suacoquan <cơ quan> = <tên đầy đủ> [; <tên ngắn>] — today's names are data the coordinator
// corrects; the names the plan was signed with are not, and the answer says which to edit instead.
function editAgency(req: Request): Outcome {
  const { t, deps, actor } = req;
  const m = /^(.+?)\s*=\s*([^;]{1,200})(?:;\s*(.{1,60}))?$/s.exec(argsOf(req));
  if (!m) return say({ text: t('editagency.usage') });
  const catalog = loadCatalog(deps.db);
  const match = matchAgency(m[1]!, catalog.agencies);
  if (match.kind !== 'one') return say({ text: t('agency.not_found', { query: esc(clip(m[1]!, 100)) }) });
  const agency = match.agency;
  const index = indexAgencies(catalog.agencies);
  if (!isActive(agency)) {
    const heirs = agency.successors.map((c) => index.get(c)).filter((a) => a && isActive(a)).map((a) => esc(a!.short));
    return say({ text: t('editagency.plan_wording', { agency: esc(agency.name), successors: heirs.join(', ') || '—' }) });
  }
  const name = cleanName(m[2]!);
  const short = m[3] ? cleanName(m[3]) : null;
  if (!isRealName(name) || (short !== null && !isRealName(short))) return say({ text: t('editagency.empty_name') });
  const id = askConfirmation(deps.db, { kind: 'rename', agencyCode: agency.code, name, short, fromName: agency.name },
    { actorId: actor.id, chatId: req.conversation.id, updateId: req.eventId }, deps.now());
  return say({ text: t('editagency.confirm', { old: esc(agency.name), name: esc(name), short: esc(short ?? agency.short) }), choices: confirmChoices(t, id) });
}

export const coordinationRoutes: Routes = {
  commands: { digest: digestNow, setdigest: coordinatorsOnly(setDigest), propose, assign: coordinatorsOnly(assign), editagency: coordinatorsOnly(editAgency) },
  choices: [{ codec: CHOICES.assign, run: assignChosen }],
};
