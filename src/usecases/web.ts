// /web (/trangweb): a private, expiring link to the status page (src/channels/web/) for a coordinator, a
// viewer or an officer (their own agency only); a stranger gets none, and is told which code to
// give Sở KH&CN. Typed in a group, the link goes to the person's private chat, never to the group.
//   /trangweb                      a link
//   /trangweb thuhoi               revoke my links
//   /trangweb thuhoi <mã|@tên>     a coordinator revokes that person's links
//   /trangweb thuhoi tatca         a coordinator revokes every link
// /viewers (/nguoixem): the coordinator grants and ends the viewer role (leaders, Văn phòng UBND tỉnh).
//   /nguoixem                      who has it
//   /nguoixem <mã|@tên> [ghi chú]  grant
//   /nguoixem -<mã|@tên>           end (their links stop working at once)
import { linkSecret, signLink } from '../core/links.js';
import { webRight, type WebRight } from '../core/viewers.js';
import { DEFAULT_WEB_LINK_TTL_MS } from '../config.js';
import { privateChatOf } from '../db/queries/chats.js';
import { loadCatalog } from '../db/queries/plan.js';
import { getUser } from '../db/queries/users.js';
import { activeViewers, findPerson, grantViewer, revokeViewer, revokeWebLinks, webLinkForEvent } from '../db/queries/web.js';
import { inTransaction } from '../db/tx.js';
import { say as sayLater } from '../delivery/say.js';
import { isLocale } from '../i18n.js';
import { cleanName } from '../text/clean.js';
import { clip } from '../text/clip.js';
import { formatDate, formatDateTime } from '../text/dates.js';
import { fold } from '../text/fold.js';
import { esc } from '../conversation/rich.js';
import type { Routes } from '../conversation/router.js';
import { say, type Outcome, type Request } from '../conversation/types.js';

const argsOf = (req: Request) => (req.input.kind === 'command' ? req.input.args.trim() : '');
const REVOKE = new Set(['thuhoi', 'revoke', 'huy']);
const ALL = new Set(['tatca', 'all', '*']);
const END = new Set(['bo', 'xoa', 'thoi', 'revoke', 'remove']);

/** Where the page is served, or undefined when this installation has no public address or no HTTP server. */
export function webBase(req: Pick<Request, 'deps'>): string | undefined {
  const { publicBaseUrl, port } = req.deps.config;
  return publicBaseUrl && port !== undefined ? publicBaseUrl : undefined;
}

function web(req: Request): Outcome {
  const { t, actor, deps, conversation } = req;
  const { db, config } = deps;
  const words = argsOf(req).split(/\s+/).filter(Boolean);
  if (words.length && REVOKE.has(fold(words[0]!))) return revokeLinks(req, words.slice(1).join(' '));
  const right = webRight(db, actor);
  if (!right) return say({ text: t('web.no_access', { id: String(actor.id) }) });
  const base = webBase(req);
  if (!base) return say({ text: t('web.not_configured') });
  // In a group the link goes privately: a bot can write there only after the person pressed Start.
  if (conversation.kind === 'group' && !getUser(db, actor.id)?.privateChatOpen) return say({ text: t('web.open_private_first', { bot: req.botHandle }) });

  const now = deps.now();
  const link = webLinkForEvent(db, { userId: actor.id, role: right.role, now, expiresAt: now + (config.webLinkTtlMs ?? DEFAULT_WEB_LINK_TTL_MS), eventId: req.eventId });
  const token = signLink(linkSecret(db), { kind: 'w', ref: String(link.id), exp: link.expiresAt });
  // The link is a bearer credential: it goes into no log, only into the person's own conversation.
  const text = linkText(req, right, `${base}/w/${token}`, link.expiresAt);
  if (conversation.kind === 'private') return say({ text, quote: false });
  sayLater(deps, { chatId: privateChatOf(db, actor.id, now), threadId: null }, { text }, { key: `web:${req.eventId}`, kind: 'web' });
  deps.kick();
  return say({ text: t('web.sent_privately') });
}

function linkText(req: Request, right: WebRight, url: string, expiresAt: number): string {
  const { t, deps } = req;
  const index = new Map(loadCatalog(deps.db).agencies.map((a) => [a.code, a]));
  const scope = right.whole ? t('web.scope_whole') : t('web.scope_agencies', { agencies: right.agencies.map((c) => esc(index.get(c)?.name ?? c)).join(', ') });
  return t('web.link', { scope, url: esc(url), until: formatDateTime(expiresAt, deps.config.timeZone) });
}

function revokeLinks(req: Request, who: string): Outcome {
  const { t, actor, deps } = req;
  const now = deps.now();
  if (!who) return say({ text: t('web.revoked_own', { count: revokeWebLinks(deps.db, actor.id, actor.id, now) }) });
  if (!actor.isCoordinator) return say({ text: t('register.coordinators_only') });
  if (ALL.has(fold(who))) return say({ text: t('web.revoked_all', { count: revokeWebLinks(deps.db, 'all', actor.id, now) }) });
  const p = findPerson(deps.db, who);
  if (p.kind !== 'one') return say({ text: t(p.kind === 'many' ? 'web.person_ambiguous' : 'web.person_not_found', { query: esc(clip(who, 60)) }) });
  return say({ text: t('web.revoked_person', { name: esc(p.name), count: revokeWebLinks(deps.db, p.id, actor.id, now) }) });
}

function viewersCommand(req: Request): Outcome {
  const { t, actor, deps } = req;
  const { db } = deps;
  if (!actor.isCoordinator) return say({ text: t('register.coordinators_only') });
  const args = argsOf(req);
  if (!args) return say({ text: listViewers(req) });
  // "/nguoixem -123" and "/nguoixem bo 123" end the role; anything else grants it, with an optional label.
  const words = args.split(/\s+/);
  let ending = false;
  if (words[0]!.startsWith('-')) {
    ending = true;
    words[0] = words[0]!.slice(1);
    if (!words[0]) words.shift();
  } else if (words.length > 1 && END.has(fold(words[0]!))) {
    ending = true;
    words.shift();
  }
  const query = words.shift() ?? '';
  const label = cleanName(words.join(' ')) || null;
  const p = findPerson(db, query);
  if (p.kind !== 'one') return say({ text: t(p.kind === 'many' ? 'web.person_ambiguous' : 'web.person_not_found', { query: esc(clip(query, 60)) }) });
  const now = deps.now();
  const name = esc(p.name);
  if (ending) {
    const ended = inTransaction(db, (tx) => {
      const row = revokeViewer(tx, p.id, actor.id, now);
      return row ? { row, links: revokeWebLinks(tx, p.id, actor.id, now) } : undefined;
    });
    if (!ended) return say({ text: t('viewer.not_viewer', { name }) });
    tellPerson(req, p.id, 'viewer.notify_revoked', `viewer:${ended.row.id}:revoked`);
    return say({ text: t('viewer.revoked', { name, count: ended.links }) });
  }
  if (label && label.length > 100) return say({ text: t('signature.too_long', { max: 100 }) });
  const row = grantViewer(db, { userId: p.id, label, by: actor.id, now });
  if (!row) return say({ text: t('viewer.already', { name }) });
  tellPerson(req, p.id, 'viewer.notify_granted', `viewer:${row.id}:granted`);
  return say({ text: t('viewer.granted', { name, label: label ? ` (${esc(label)})` : '' }) });
}

/** Tells the person, privately and in their language, when they may (the bot cannot write first). */
function tellPerson(req: Request, userId: number, key: string, dedupe: string) {
  const { deps } = req;
  const user = getUser(deps.db, userId);
  if (!user?.privateChatOpen) return;
  const t = deps.i18n.t(isLocale(user.locale) ? user.locale : deps.config.defaultLocale);
  sayLater(deps, { chatId: privateChatOf(deps.db, userId, deps.now()), threadId: null }, { text: t(key) }, { key: dedupe, kind: 'notice' });
  deps.kick();
}

function listViewers(req: Request): string {
  const { t, deps } = req;
  const rows = activeViewers(deps.db);
  const lines = [t('viewer.usage'), ''];
  if (!rows.length) lines.push(t('viewer.list_none'));
  else lines.push(t('viewer.list_title', { count: rows.length }));
  for (const r of rows) {
    lines.push(
      t('viewer.list_item', {
        name: esc(cleanName([r.firstName, r.lastName].filter(Boolean).join(' '))),
        id: String(r.userId),
        label: r.label ? ` — ${esc(r.label)}` : '',
        since: formatDate(r.grantedAt, deps.config.timeZone),
      }),
    );
  }
  return lines.join('\n');
}

export const webRoutes: Routes = {
  commands: { web, viewers: viewersCommand },
};
