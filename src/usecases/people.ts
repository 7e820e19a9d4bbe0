// People and groups: becoming a focal officer (/register, decided by a coordinator's choice),
// the list of officers (/officers), binding a group to an agency (/linkgroup), and the answers to
// "are you sure?" for what cannot be undone (revoke, re-link, rename, reassign).
import { carryOut, type ActionResult } from '../core/actions.js';
import { tellAssigned } from '../core/assign.js';
import { chatOf, linkChat, type Binding, type LinkOutcome } from '../core/chats.js';
import { askConfirmation, confirmChoices, decideConfirmation, type PendingAction } from '../core/confirm.js';
import { askCoordinatorsToDecide, decideRegistration, personName, requestRegistration, tellOfficer, type RegisterOutcome } from '../core/officers.js';
import { getOfficer, listOfficers } from '../db/queries/officers.js';
import { listAgencies, loadCatalog } from '../db/queries/plan.js';
import { getUser } from '../db/queries/users.js';
import { matchAgency } from '../domain/agency-match.js';
import type { TFunction } from '../i18n.js';
import { defaultT, notifyCoordinators } from '../jobs/deps.js';
import { clip } from '../text/clip.js';
import { CHOICES } from '../conversation/choices.js';
import type { Reply } from '../conversation/reply.js';
import { bold, esc } from '../conversation/rich.js';
import { coordinatorsOnly } from '../conversation/guards.js';
import type { Routes } from '../conversation/router.js';
import { answer, refuse, say, type Outcome, type Request } from '../conversation/types.js';

const argsOf = (req: Request) => (req.input.kind === 'command' ? req.input.args.trim() : '');

/** Choice data that does not decode was forged or is from an older bot: nothing happens. */
const staleChoice = (req: Request) => refuse(req.t('fallback.stale_button'));

// ── /register and the coordinator's decision ────────────────────────────────────────────────

function register(req: Request): Outcome {
  const { t } = req;
  if (req.actor.faceless) return say({ text: t('report.faceless') });
  const query = argsOf(req);
  if (!query) return say({ text: t('register.usage') });
  if (query.length > 200) return say({ text: t('tasks.filter_too_long') });
  return say(...registered(req, requestRegistration(req.deps.db, registrationInput(req, query))));
}

/** The agency chosen among several that matched. */
function registerChosen(req: Request): Outcome {
  const d = req.input.kind === 'choice' ? CHOICES.register.decode(req.input.data) : undefined;
  if (!d) return staleChoice(req);
  return answer({}, ...registered(req, requestRegistration(req.deps.db, { ...registrationInput(req, ''), agencyCode: d.agency })));
}

function registrationInput(req: Request, query: string) {
  return { userId: req.actor.id, query, chatId: req.conversation.id, eventId: req.eventId, now: req.deps.now() };
}

function registered(req: Request, o: RegisterOutcome): Reply[] {
  const { t } = req;
  switch (o.kind) {
    case 'not_found':
      return [{ text: t('register.not_found') }];
    case 'group':
      return [{ text: t('register.group', { agency: esc(o.agency.name) }) }];
    case 'choose':
      return [{ text: t('register.choose'), choices: o.candidates.slice(0, 10).map((a) => [{ label: a.short, data: CHOICES.register.encode({ agency: a.code }) }]) }];
    case 'already':
      return [{ text: t(`register.already.${o.status}`, { agency: esc(o.agency.name) }) }];
    case 'requested': {
      const mapped = o.mappedFrom ? t('register.mapped', { from: esc(o.mappedFrom.name), to: esc(o.agency.name) }) + '\n' : '';
      const username = getUser(req.deps.db, req.actor.id)?.username;
      const who = `${esc(req.actor.name)}${username ? ` (@${esc(username)})` : ''} [id ${esc(req.actor.ref)}]`;
      askCoordinatorsToDecide(req.deps, o.officerId, who, o.agency.name);
      return [{ text: mapped + t('register.requested', { agency: esc(o.agency.name) }) }];
    }
  }
}

// of:<a|r|v>:<officer id> — approve, reject, revoke. Coordinators only, checked on every press.
// Approving and rejecting a request are decided at once; revoking someone's right is asked first.
function decideOfficer(req: Request): Outcome {
  const { t, deps, actor } = req;
  const d = req.input.kind === 'choice' ? CHOICES.officer.decode(req.input.data) : undefined;
  if (!d) return staleChoice(req);
  if (!actor.isCoordinator) return refuse(t('register.coordinators_only'));
  if (d.decision === 'v') {
    const officer = getOfficer(deps.db, d.officer);
    if (!officer || officer.status !== 'approved') return refuse(t('register.stale'));
    const id = askConfirmation(deps.db, { kind: 'revoke', officerId: d.officer }, { actorId: actor.id, chatId: req.conversation.id, updateId: req.eventId }, deps.now());
    const agency = listAgencies(deps.db).find((a) => a.code === officer.agencyCode)!;
    return answer({}, {
      text: t('officers.confirm_revoke', { name: esc(personName(deps.db, officer.userId)), agency: esc(agency.name) }),
      choices: confirmChoices(t, id, 'officers.confirm_revoke_yes'),
      quote: false,
    });
  }
  const decision = ({ a: 'approved', r: 'rejected' } as const)[d.decision as 'a' | 'r'];
  const outcome = decideRegistration(deps.db, { officerId: d.officer, decision, by: actor.id, eventId: req.eventId, now: deps.now() });
  if (outcome.kind === 'stale') return refuse(t('register.stale'));
  const name = tellOfficer(deps, outcome.officer, decision, outcome.agency.name);
  return answer({ text: t(`register.done.${decision}`) }, { text: t(`register.decided.${decision}`, { name, agency: esc(outcome.agency.name) }), quote: false });
}

function officers(req: Request): Outcome {
  const { t, deps } = req;
  const query = argsOf(req);
  const agencies = listAgencies(deps.db);
  let codes: string[] | undefined;
  if (query) {
    const m = matchAgency(query, agencies);
    if (m.kind !== 'one') return say({ text: t('agency.not_found', { query: esc(clip(query, 100)) }) });
    codes = [m.agency.code];
  }
  const rows = listOfficers(deps.db, codes);
  if (!rows.length) return say({ text: t('officers.none') });
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  const lines = [bold(t('officers.title', { count: rows.length }))];
  let current = '';
  for (const r of rows) {
    if (r.agencyCode !== current) {
      current = r.agencyCode;
      lines.push('', bold(esc(byCode.get(current)?.name ?? current)));
    }
    const handle = r.username ? ` @${esc(r.username)}` : '';
    lines.push(`• ${esc([r.firstName, r.lastName].filter(Boolean).join(' '))}${handle} — ${t(`officers.status.${r.status}`)}`);
  }
  const data = (decision: 'a' | 'r' | 'v', officer: number) => CHOICES.officer.encode({ decision, officer });
  const choices = rows.slice(0, 30).map((r) => {
    const who = `${r.firstName} (${byCode.get(r.agencyCode)?.short ?? r.agencyCode})`;
    return r.status === 'approved'
      // One person may be officer of several agencies: every choice names both.
      ? [{ label: t('officers.revoke', { name: who }), data: data('v', r.id) }]
      : [{ label: `✅ ${who}`, data: data('a', r.id) }, { label: `✖️ ${who}`, data: data('r', r.id) }];
  });
  return say({ text: lines.join('\n'), choices });
}

// ── /linkgroup ─────────────────────────────────────────────────────────────────────────────

function linkGroup(req: Request): Outcome {
  if (req.actor.faceless) return say({ text: req.t('report.faceless') });
  const query = argsOf(req);
  if (!query && req.conversation.kind !== 'private') return say({ text: req.t('link.usage') });
  return say(...linked(req, link(req, query)));
}

/** The agency chosen among several that matched. */
function linkChosen(req: Request): Outcome {
  const d = req.input.kind === 'choice' ? CHOICES.link.decode(req.input.data) : undefined;
  if (!d) return staleChoice(req);
  return answer({}, ...linked(req, link(req, '', d.agency)));
}

function link(req: Request, query: string, agencyCode?: string): LinkOutcome {
  const { db, now } = req.deps;
  return linkChat(db, {
    chat: chatOf(db, req.conversation),
    query,
    agencyCode,
    userId: req.actor.id,
    isCoordinator: req.actor.isCoordinator,
    eventId: req.eventId,
    now: now(),
  });
}

/** "Sở Y tế" in bold, "the coordination group", or "no agency". */
function bindingLabel(t: TFunction, b: Binding): string {
  if (b.coordination) return t('link.label_coordination');
  return b.agency ? bold(esc(b.agency.name)) : t('link.label_none');
}

function linked(req: Request, o: LinkOutcome): Reply[] {
  const { t, deps } = req;
  switch (o.kind) {
    case 'linked': {
      // The coordinator learns of every group that starts speaking for an agency.
      const td = defaultT(deps);
      notifyCoordinators(deps, `link:${req.eventId}`, td('link.linked_for_coordinator', {
        title: req.conversation.title ? esc(req.conversation.title) : td('link.untitled_group'), to: bindingLabel(td, o.to), who: esc(req.actor.name),
      }), 'link');
      return [{ text: o.to.coordination ? t('link.coordination') : t('link.linked', { agency: esc(o.to.agency!.name) }) }];
    }
    case 'unchanged':
      return [{ text: t('link.unchanged', { to: bindingLabel(t, o.to) }) }];
    case 'confirm':
      return [{ text: t('link.confirm', { from: bindingLabel(t, o.from), to: bindingLabel(t, o.to) }), choices: confirmChoices(t, o.confirmationId, 'link.confirm_yes') }];
    case 'not_group':
      return [{ text: t('link.not_group') }];
    case 'not_allowed':
      if (o.why === 'coordination') return [{ text: t('link.coordinators_only') }];
      if (o.why === 'leave') return [{ text: t('link.not_yours', { from: esc(o.from.agency!.name) }) }];
      return [{ text: t('link.not_allowed', { agency: esc(o.to.agency?.name ?? '') }) }];
    case 'not_found':
      return [{ text: t('register.not_found') }];
    case 'choose':
      return [{ text: t('register.choose'), choices: o.candidates.slice(0, 10).map((a) => [{ label: a.short, data: CHOICES.link.encode({ agency: a.code }) }]) }];
  }
}

// ── "Are you sure?" ─────────────────────────────────────────────────────────────────────────

// cf:<id>:<y|n>. What the question was about is in the database (core/confirm.ts); here it is
// decided for its author, carried out with the rights checked again at the press, and the people
// it concerns told. What happened replaces the question, so it cannot be answered twice.
function confirmed(req: Request): Outcome {
  const { t, deps, actor } = req;
  const d = req.input.kind === 'choice' ? CHOICES.confirm.decode(req.input.data) : undefined;
  if (!d) return staleChoice(req);
  const now = deps.now();
  const decided = decideConfirmation(deps.db, { id: d.id, actorId: actor.id, yes: d.answer === 'y', now }, (a, tx) =>
    carryOut(tx, a, { userId: actor.id, isCoordinator: actor.isCoordinator }, now),
  );
  switch (decided.kind) {
    case 'unknown':
    case 'not_yours':
    case 'expired':
      return refuse(t(`confirm.${decided.kind}`));
    case 'already':
      return refuse(t(`confirm.already_${decided.decision}`));
    case 'cancelled':
      return answer({}, shown(t('confirm.cancelled')));
    case 'done':
      return answer({}, shown(carriedOut(req, decided.action, decided.value)));
  }
}

const shown = (text: string): Reply => ({ text, replace: true, quote: false });

function carriedOut(req: Request, action: PendingAction, result: ActionResult): string {
  const { t, deps, actor } = req;
  const agencies = listAgencies(deps.db);
  const byCode = (code: string) => agencies.find((a) => a.code === code);
  if (result.kind === 'refused') {
    if (result.why === 'last_lead' && action.kind === 'assign') {
      return t('assign.last_lead', { code: action.taskCode, agency: esc(byCode(action.agencyCode)?.name ?? action.agencyCode) });
    }
    return t(`confirm.refused_${result.why}`);
  }
  const who = esc(actor.name);
  switch (action.kind) {
    case 'relink': {
      const label = (tt: TFunction) => bindingLabel(tt, { agency: action.agencyCode ? byCode(action.agencyCode) : undefined, coordination: action.coordination });
      const td = defaultT(deps);
      notifyCoordinators(deps, `relink:${req.eventId}`, td('link.changed_for_coordinator', {
        title: esc(action.chat.title ?? String(action.chat.id)), to: label(td), who,
      }), 'relink');
      return t('link.changed', { to: label(t), who });
    }
    case 'revoke': {
      if (result.kind !== 'revoke' || !result.changed || !result.officer) return t('register.stale');
      const agency = byCode(result.officer.agencyCode)!;
      const name = tellOfficer(deps, result.officer, 'revoked', agency.name);
      return t('register.decided.revoked', { name, agency: esc(agency.name) });
    }
    case 'rename':
      return t('editagency.done', { name: esc(action.name), short: esc(byCode(action.agencyCode)!.short) });
    case 'assign': {
      const task = loadCatalog(deps.db).tasks.find((x) => x.code === action.taskCode)!;
      const leads = task.lead.map((c) => esc(byCode(c)?.short ?? c)).join(', ') || '—';
      const changed = result.kind === 'assign' && result.changed;
      if (changed) tellAssigned(deps, action, { content: task.content, leads }, { name: actor.name, eventId: req.eventId });
      const key = !changed ? 'assign.unchanged' : action.remove ? 'assign.removed' : 'assign.added';
      return t(key, { code: task.code, agency: esc(byCode(action.agencyCode)!.name), leads });
    }
  }
}

export const peopleRoutes: Routes = {
  commands: { register, officers: coordinatorsOnly(officers), linkgroup: linkGroup },
  choices: [
    { codec: CHOICES.register, run: registerChosen },
    { codec: CHOICES.officer, run: decideOfficer },
    { codec: CHOICES.link, run: linkChosen },
    { codec: CHOICES.confirm, run: confirmed },
  ],
};
