// /lienketkenh (/linkchannel): a person who uses two channels (Telegram and Zalo, or the console)
// makes them one person. Asked for with nothing after it, in a private chat, it shows a one-time
// code; typed with that code on the other channel, it links the two identities (linkPersons in
// db/queries/users.ts): from then on officers' agencies, reports, history, language and the
// coordinator role follow the person whichever channel they write from.
//
// The code: 6 digits from the system's CSPRNG, valid for 10 minutes and once; asking again replaces
// the earlier one. Only a salted scrypt hash is stored, so a copy of the database (a backup) does
// not hand out live codes. Guessing: after 5 wrong codes in an hour a person may type no code (even
// the right one) until the hour has passed; with at most a few live codes among a million, five
// guesses an hour from one account find one with a chance of about 5 in 200,000.
import { randomBytes, randomInt, scrypt } from 'node:crypto';
import { promisify } from 'node:util';
import { commandName } from '../conversation/commands.js';
import { esc, type Rich } from '../conversation/rich.js';
import type { Routes } from '../conversation/router.js';
import { say as answer, type Outcome, type Request } from '../conversation/types.js';
import { isCoordinator } from '../core/roles.js';
import { chatId } from '../db/queries/chats.js';
import { approvedAgencies } from '../db/queries/officers.js';
import { listAgencies } from '../db/queries/plan.js';
import { applyOnce } from '../db/queries/progress-reports.js';
import { getUser, identitiesOf, linkPersons, personOfRow, type LinkResult } from '../db/queries/users.js';
import { insertLinkCode, linkCodesSince, linkFailuresSince, recordLinkFailure, useLinkCode, type LinkCodeRow } from '../db/queries/link-codes.js';
import { isLocale } from '../i18n.js';
import { say } from '../delivery/say.js';
import type { Db } from '../db/open.js';
import type { Tx } from '../db/tx.js';

export const CODE_TTL_MS = 10 * 60_000;
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 60 * 60_000;
/** Codes are kept a day after they were made, to tell "expired" or "used" from "wrong"; then deleted. */
const KEPT_MS = 24 * 60 * 60_000;

const scryptAsync = promisify(scrypt) as (password: string, salt: string, keylen: number) => Promise<Buffer>;
// scrypt's defaults (N = 16384, r = 8): tens of milliseconds a hash, in libuv's thread pool, so
// the bot keeps serving while a code is checked.
const hashOf = async (code: string, salt: string) => (await scryptAsync(code, salt, 32)).toString('base64');

async function linkChannel(req: Request): Promise<Outcome> {
  const { t, conversation, actor } = req;
  const args = req.input.kind === 'command' ? req.input.args : '';
  // A code shown in a group is a code for everyone in it.
  if (conversation.kind !== 'private' || actor.faceless) return answer({ text: t('linkchannel.private_only', { command: commandName('linkchannel', actor.locale) }) });
  const typed = args.replace(/[\s.-]/g, '');
  if (!typed) return issue(req);
  if (!/^\d{6}$/.test(typed)) return answer({ text: t('linkchannel.usage', { command: commandName('linkchannel', actor.locale) }) });
  return redeem(req, typed);
}

/** A new code for the person, shown on this channel; their earlier codes stop working. */
async function issue(req: Request): Promise<Outcome> {
  const { deps, actor, conversation, t } = req;
  const now = deps.now();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const salt = randomBytes(16).toString('base64');
  const hash = await hashOf(code, salt);
  insertLinkCode(deps.db, {
    personId: actor.id,
    channel: conversation.channel,
    salt,
    hash,
    now,
    expiresAt: now + CODE_TTL_MS,
    keptSince: now - KEPT_MS,
    failuresSince: now - FAILURE_WINDOW_MS,
  });
  return answer({ text: t('linkchannel.code', { code, minutes: CODE_TTL_MS / 60_000, command: commandName('linkchannel', actor.locale) }) });
}

/** The code typed on another channel: checked, then the two identities become one person. */
async function redeem(req: Request, code: string): Promise<Outcome> {
  const { deps, actor, conversation, t, eventId } = req;
  const { db } = deps;
  const now = deps.now();
  const command = commandName('linkchannel', actor.locale);
  const locked = lockedFor(db, actor.id, now);
  if (locked) return answer({ text: t('linkchannel.locked', { minutes: Math.ceil(locked / 60_000) }) });

  const row = await findCode(db, code, now);
  if (!row) {
    // A replay of this event does not count the same wrong code twice.
    applyOnce(db, eventId, (tx) => recordLinkFailure(tx, actor.id, now), now);
    const left = MAX_FAILURES - failures(db, actor.id, now).length;
    return answer({ text: left > 0 ? t('linkchannel.wrong', { left }) : t('linkchannel.locked', { minutes: Math.ceil(lockedFor(db, actor.id, now) / 60_000) }) });
  }
  // The event that used the code, handled again (a restart mid-way): answered as the first time.
  if (row.usedAt !== null && row.usedByEvent === eventId) return linked(req, actor.id);
  if (row.usedAt !== null) return answer({ text: t('linkchannel.used', { command }) });
  if (row.replacedAt !== null || row.expiresAt <= now) return answer({ text: t('linkchannel.expired', { command }) });
  if (row.personId === actor.id) {
    // Their own code: typed where it was shown, or on a channel already linked.
    if (row.channel === conversation.channel) return answer({ text: t('linkchannel.same_identity') });
    return answer({ text: t('linkchannel.already', { channels: channelList(req, actor.id) }) });
  }

  let refused: Exclude<LinkResult, { kind: 'linked' }> | undefined;
  try {
    applyOnce(db, eventId, (tx) => {
      if (!useLinkCode(tx, row.id, eventId, now)) throw new Refusal({ kind: 'already' });
      const r = linkPersons(tx, row.personId, actor.id);
      // Nothing changes when the link is refused: the code stays unused and the event unapplied.
      if (r.kind !== 'linked') throw new Refusal(r);
      tellOtherChannel(req, tx, r.personId, row.channel);
    }, now);
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    refused = err.result;
  }
  if (!refused) return linked(req, personOfRow(db, actor.id));
  switch (refused.kind) {
    case 'already':
      return answer({ text: t('linkchannel.used', { command }) });
    case 'same_channel':
      return answer({ text: t('linkchannel.same_channel', { channel: channelName(req, refused.channel) }) });
    case 'both_officers':
      return answer({ text: t('linkchannel.both_officers', { agencies: agencyNames(db, refused.agencies) }) });
  }
}

class Refusal extends Error {
  constructor(readonly result: Exclude<LinkResult, { kind: 'linked' }>) {
    super(result.kind);
  }
}

/** The one stored code that `code` is, if any; each candidate's hash is salted, so each is computed. */
async function findCode(db: Db, code: string, now: number): Promise<LinkCodeRow | undefined> {
  const rows = linkCodesSince(db, now - KEPT_MS);
  for (const r of rows) if ((await hashOf(code, r.salt)) === r.hash) return r;
  return undefined;
}

const failures = (db: Db, personId: number, now: number) => linkFailuresSince(db, personId, now - FAILURE_WINDOW_MS);

/** How long the person must still wait before typing a code (0: they may). */
function lockedFor(db: Db, personId: number, now: number): number {
  const recent = failures(db, personId, now);
  if (recent.length < MAX_FAILURES) return 0;
  // Unlocked when enough of the recent failures have left the window.
  return recent[recent.length - MAX_FAILURES]!.at + FAILURE_WINDOW_MS - now;
}

function linked(req: Request, personId: number): Outcome {
  const { deps } = req;
  // Answered in the person's language now: the one they chose on either channel.
  const locale = getUser(deps.db, personId)?.locale;
  const t = isLocale(locale) ? deps.i18n.t(locale) : req.t;
  const lines: Rich[] = [t('linkchannel.linked', { channels: channelList(req, personId) })];
  const agencies = approvedAgencies(deps.db, personId);
  if (agencies.length) lines.push(t('linkchannel.linked_officer', { agencies: agencyNames(deps.db, agencies) }));
  if (isCoordinator(deps.db, deps.config, personId)) lines.push(t('linkchannel.linked_coordinator'));
  return answer({ text: lines.join('\n') });
}

/**
 * The person is told on the channel the code was shown on, so that a code someone else got hold of
 * does not link an account unnoticed.
 */
function tellOtherChannel(req: Request, tx: Tx, personId: number, channel: string) {
  const { deps, conversation } = req;
  const there = identitiesOf(tx, personId).find((i) => i.channel === channel);
  if (!there || !there.privateChatOpen) return;
  const chat = chatId(tx, there.channel, there.externalId, { type: 'private' }, deps.now());
  // The name of the account that typed the code, as that channel shows it — not the person's kept
  // name, which would look like the owner's own account to someone whose code was taken.
  const text = req.t('linkchannel.notice', { channel: channelName(req, conversation.channel), name: esc(req.actor.name) });
  say(deps, { chatId: chat }, { text }, { key: `linkchannel:${req.eventId}`, kind: 'notice' });
  deps.kick();
}

const channelName = (req: Request, channel: string): string => {
  const key = `linkchannel.channel.${channel}`;
  const name = req.t(key);
  return name === key ? esc(channel) : name;
};

const channelList = (req: Request, personId: number): string =>
  [...new Set(identitiesOf(req.deps.db, personId).map((i) => channelName(req, i.channel)))].join(', ');

function agencyNames(db: Db, codes: string[]): string {
  const all = listAgencies(db);
  return codes.map((c) => `**${esc(all.find((a) => a.code === c)?.name ?? c)}**`).join(', ');
}

export const identityRoutes: Routes = { commands: { linkchannel: linkChannel } };
