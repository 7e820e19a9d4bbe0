// The Zalo channel: events from the poller or the webhook are stored in the inbox first (keyed by
// message_id, so a redelivery is applied once), then handled in order per person and conversation:
// a text is read as a command ("/…"), a numbered choice or the answer to the question waiting for
// that person (channels/text/conversation.ts, shared with the console), run through the router,
// and the answer is put in the outbox — stored, then sent once by this channel's transport, later
// if Zalo refuses for a while (5xx, a proxy page, 429). What the bot says on its own goes the same way.
import { dayAt } from '../../text/dates.js';
import { findUseCase, type Routes } from '../../conversation/router.js';
import type { Actor, Conversation, Outcome, Request } from '../../conversation/types.js';
import { commitHandled, markFailed, markHandled, pendingEvents, recordEvent } from '../../db/queries/inbox.js';
import { coordinationChats } from '../../db/queries/digests.js';
import { chatAddress, chatId } from '../../db/queries/chats.js';
import { getUser, identitiesOf } from '../../db/queries/users.js';
import { enqueue, type OutboxRow, type SendResult, type Transport } from '../../delivery/outbox.js';
import { say } from '../../delivery/say.js';
import type { AppDeps } from '../../deps.js';
import { isLocale } from '../../i18n.js';
import { notifyCoordinators } from '../../jobs/deps.js';
import { coordinatorPersons, isCoordinator } from '../../core/roles.js';
import { isOpenPrompt, readLine, rememberAbout, settleOutcome, TextPrompts, unrouted, type TextPayload } from '../text/conversation.js';
import { ZaloError, type ZaloClient, type ZaloMe, type ZaloUpdate } from './client.js';
import { openPrivateChat, ZALO, zaloChat, zaloPerson } from './identities.js';
import { countMessages, markQuotaExceeded, quotaMonth } from './quota.js';
import type { ZaloStopReason } from './receive.js';
import { withFileLink, type ZaloFiles } from './serialize.js';

const MAX_ATTEMPTS = 3;
/** After Zalo says "Quota exceeded", nothing is sent to Zalo for this long (doubling, up to an hour). */
const QUOTA_HOLD_MS = 30_000;
const QUOTA_HOLD_MAX_MS = 3_600_000;
/** After Zalo stopped here (its token refused, another instance's webhook), what is for Zalo is looked at again this often: a restart with the problem fixed sends it. */
const HALTED_RETRY_MS = 600_000;

/** What an event carries that the channel reads (the rest is kept in the inbox as it came). */
interface ZaloMessage {
  message_id: string;
  from: { id: string; name: string };
  chat: { id: string; kind: 'private' | 'group' };
  text?: string;
}

/** The event an HTTP body or a poll carries: the documented envelope {ok, result} or the bare event. */
export function unwrapEvent(body: unknown): ZaloUpdate | undefined {
  const b = body as { result?: unknown; event_name?: unknown } | null;
  const event = (b && typeof b === 'object' && b.result && typeof b.result === 'object' ? b.result : b) as Partial<ZaloUpdate> | null;
  if (!event || typeof event.event_name !== 'string' || !event.message || typeof event.message !== 'object') return undefined;
  return event as ZaloUpdate;
}

const idOf = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);

/** The fields the channel needs, read defensively (the payload's shape has drifted before). */
function readMessage(u: ZaloUpdate): ZaloMessage | undefined {
  const m = u.message;
  const messageId = idOf(m.message_id);
  const from = idOf(m.from?.id);
  const chat = idOf(m.chat?.id) ?? from;
  if (!messageId || !from || !chat) return undefined;
  const name = String(m.from?.display_name ?? m.from?.first_name ?? from).trim() || from;
  // A picture's words are its caption; an empty `text` beside it (the payload's shape drifts) is not them.
  const text = typeof m.text === 'string' && (m.text !== '' || typeof m.caption !== 'string') ? m.text : typeof m.caption === 'string' ? m.caption : undefined;
  // Private only when Zalo says so, or (no type given) when the chat is the sender's own: anything
  // else is a group, where no link or code may be posted.
  const type = String(m.chat?.chat_type ?? '').toUpperCase();
  const kind = type === 'PRIVATE' || (type === '' && chat === from) ? 'private' : 'group';
  return { message_id: messageId, from: { id: from, name }, chat: { id: chat, kind }, text };
}

/**
 * In a group Zalo delivers only messages that @mention the bot, and the text starts with
 * "@<the bot's name>" — a name that may contain spaces. It is removed before the text is read;
 * without a known name, a leading mention before a command is.
 */
export function stripMention(text: string, names: string[]): string {
  // NFC first: a name typed in decomposed form (Unikey's "Unicode tổ hợp") is longer, and the
  // text must be cut where the name ends in the form that was compared.
  const t = text.trim().normalize('NFC');
  const lower = t.toLocaleLowerCase('vi');
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    const n = name.normalize('NFC').toLocaleLowerCase('vi');
    for (const form of [`@${n}`, n]) {
      if (n && lower.startsWith(form) && (lower.length === form.length || /[\s:,]/.test(lower[form.length]!))) {
        return t.slice(form.length).replace(/^[\s:,]+/, '');
      }
    }
  }
  const command = /^@[^/]*?\s(\/\S[\s\S]*)$/.exec(t);
  return command ? command[1]!.trim() : t;
}

export class ZaloChannel implements Transport {
  private readonly prompts = new TextPrompts();
  /** The day each private chat was last told its picture without words was not kept (in memory: at worst told again after a restart). */
  private readonly pictureToldOn = new Map<number, string>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<number>();
  private idleWaiters: Array<() => void> = [];
  private stopping = false;
  private names: string[] = [];
  private heldUntil = 0;
  private holdMs = QUOTA_HOLD_MS;
  private halted: ZaloStopReason | undefined;

  constructor(
    private readonly deps: AppDeps,
    private readonly routes: Routes,
    readonly client: ZaloClient,
    /** `files`: where file links are made at send time (app.ts; absent without PUBLIC_BASE_URL). */
    private readonly o: { quotaHoldMs?: number; files?: ZaloFiles } = {},
  ) {
    this.holdMs = o.quotaHoldMs ?? QUOTA_HOLD_MS;
  }

  /** The bot's names from getMe, stripped from group messages. */
  setMe(me: ZaloMe) {
    this.names = [me.display_name, me.account_name].filter((n): n is string => typeof n === 'string' && n.trim() !== '').map((n) => n.trim());
  }

  get botHandle(): string {
    return this.names[0] ?? 'KH457';
  }

  /**
   * An event from Zalo: stored in the inbox (a message_id seen before stores nothing and runs
   * nothing), counted against the month's quota, then handled in the background. Returns false
   * when the event cannot be keyed (no message_id): it is logged and dropped.
   */
  accept(update: ZaloUpdate): boolean {
    const { db, now, log } = this.deps;
    const key = idOf(update.message?.message_id);
    if (!key) {
      log.warn({ event: update.event_name }, 'zalo: event without a message_id ignored');
      return false;
    }
    const event = recordEvent(db, ZALO, key, update, now());
    if (!event.fresh) return true;
    this.count('incoming', 1);
    this.enqueue(event.eventId, update);
    return true;
  }

  /** Runs what was stored and not handled (a crash, a stop mid-backlog). */
  drain() {
    for (const e of pendingEvents(this.deps.db, ZALO)) this.enqueue(e.eventId, e.payload as ZaloUpdate);
  }

  stop() {
    this.stopping = true;
  }

  get isHalted(): boolean {
    return this.halted !== undefined;
  }

  /**
   * Zalo stopped in this process while Telegram goes on (receive.ts, ZaloStoppedError): nothing
   * more is sent to Zalo — it stays in the outbox for a restart with the problem fixed — and the
   * coordinators are told on their other channel, once a day however often the process restarts.
   */
  halt(reason: ZaloStopReason) {
    this.halted = reason;
    const { config, i18n } = this.deps;
    const t = i18n.t(config.defaultLocale);
    const day = new Date(this.deps.now()).toISOString().slice(0, 10);
    if (!this.tellElsewhere(`zalo-stopped:${reason}:${day}`, t(reason === 'token' ? 'zalo.stopped_token' : 'zalo.stopped_webhook'))) {
      this.deps.log.error('zalo: stopped, and no coordinator on another channel to tell');
    }
  }

  idle(): Promise<void> {
    return this.inFlight.size === 0 ? Promise.resolve() : new Promise((r) => this.idleWaiters.push(r));
  }

  /** One person's messages in one conversation run in order; different people's side by side. */
  private enqueue(eventId: number, update: ZaloUpdate) {
    if (this.stopping || this.inFlight.has(eventId)) return;
    this.inFlight.add(eventId);
    const m = update.message ?? {};
    const key = `${idOf(m.chat?.id) ?? ''}:${idOf(m.from?.id) ?? ''}`;
    const next = (this.chains.get(key) ?? Promise.resolve()).then(() => this.run(eventId, update));
    this.chains.set(key, next);
    void next.finally(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
      this.inFlight.delete(eventId);
      if (this.inFlight.size === 0) for (const w of this.idleWaiters.splice(0)) w();
    });
  }

  private async run(eventId: number, update: ZaloUpdate) {
    if (this.stopping) return; // left in the inbox for the next start
    const { db, now, log } = this.deps;
    try {
      await this.handle(eventId, update);
      commitHandled(db, [eventId], now());
    } catch (err) {
      log.error({ err, eventId }, 'zalo: event could not be handled');
      try {
        if (markFailed(db, eventId, String(err)) >= MAX_ATTEMPTS) markHandled(db, eventId, now());
      } catch (markErr) {
        // The database refuses even this (disk full): the event stays unhandled, tried again later.
        log.error({ err: markErr, eventId }, 'zalo: could not record the failure');
      }
    }
  }

  private async handle(eventId: number, update: ZaloUpdate) {
    const { db, now, log } = this.deps;
    const name = update.event_name;
    const known = ['message.text.received', 'message.image.received', 'message.sticker.received', 'message.voice.received', 'message.unsupported.received'];
    if (!known.includes(name)) return void log.info({ event: name }, 'zalo: unknown event ignored');
    const m = readMessage(update);
    if (!m) return void log.warn({ event: name }, 'zalo: event without sender or chat ignored');
    const person = zaloPerson(db, m.from.id, m.from.name, now());
    const chatId = zaloChat(db, m.chat.id, m.chat.kind, now());
    if (m.chat.kind === 'private') openPrivateChat(db, person.id);
    const t = this.deps.i18n.t(isLocale(person.locale) ? person.locale : this.deps.config.defaultLocale, 'text');
    if (name === 'message.unsupported.received') return this.answer(chatId, eventId, person.id, [{ text: t('zalo.unsupported') }]);
    // Pictures are not kept (the Bot Platform gives an expiring URL; nothing downloads it yet): the
    // sender is told so after every answer, rather than left to think it is on file with the report.
    // Said at the end of the answer's last text, not as a message of its own: Zalo counts messages.
    const picture = name === 'message.image.received';
    const withNotice = (replies: Outcome['replies']): Outcome['replies'] => {
      if (!picture) return replies;
      const last = replies.at(-1);
      const notice = t('zalo.photo_not_kept');
      return last?.text && !last.file ? [...replies.slice(0, -1), { ...last, text: `${last.text}\n\n${notice}` }] : [...replies, { text: notice }];
    };
    const tell = (text: string) => this.answer(chatId, eventId, person.id, withNotice([{ text }]));
    // Stickers and voice say nothing the bot can act on; a picture alone gets its own notice.
    if (m.text === undefined) {
      // Privately only (in a group Zalo delivers only what mentions the bot, in the caption), and
      // once a day per chat: an album arrives as one event per picture.
      if (picture && m.chat.kind === 'private' && this.pictureToldOn.get(chatId) !== dayAt(now(), this.deps.config.timeZone)) {
        this.pictureToldOn.set(chatId, dayAt(now(), this.deps.config.timeZone));
        return this.answer(chatId, eventId, person.id, [{ text: t('zalo.photo_alone') }]);
      }
      return void log.debug({ event: name }, 'zalo: nothing to read in this event');
    }
    const line = (m.chat.kind === 'group' ? stripMention(m.text, this.names) : m.text).trim();
    // Only the bot's name ("@KH457 An Giang"): the person called it and waits for an answer.
    if (!line) return tell(t('fallback.text'));
    const stored = getUser(db, person.id);
    const actor: Actor = {
      id: person.id,
      name: [stored?.firstName, stored?.lastName].filter(Boolean).join(' ') || m.from.name,
      firstName: stored?.firstName ?? m.from.name,
      ref: m.from.id,
      locale: isLocale(person.locale) ? person.locale : this.deps.config.defaultLocale,
      // One rule for every channel (core/roles.ts): ZALO_COORDINATOR_IDS, or a linked identity named elsewhere.
      isCoordinator: isCoordinator(db, this.deps.config, person.id),
      faceless: false,
    };
    const conversation: Conversation = { channel: 'zalo', id: chatId, kind: m.chat.kind, title: null, threadId: null, filesAsLinks: true, numberedChoices: true };
    const read = readLine(this.prompts, chatId, person.id, line, m.chat.kind, (ref) => isOpenPrompt(this.deps, ref));
    if (read.kind === 'notice') return tell(t(read.key, read.params));
    const run = findUseCase(this.routes, read.input);
    if (!run) return tell(t(unrouted(read.input)!));
    const req: Request = { actor, conversation, input: read.input, eventId, deps: this.deps, botHandle: this.botHandle, t };
    const outcome: Outcome = await run(req);
    settleOutcome(this.deps, this.prompts, read, outcome);
    // The answer to a choice is Telegram's toast: on Zalo it costs a message, so only a refusal,
    // or an answer with nothing else to show, is said.
    const extra = outcome.answer?.text && (outcome.answer.alert || !outcome.replies.length) ? [{ text: `${outcome.answer.alert ? '⚠ ' : ''}${outcome.answer.text}` }] : [];
    this.answer(chatId, eventId, person.id, withNotice([...extra, ...outcome.replies]));
  }

  /**
   * Puts the replies in the outbox, keyed by the event (a replay adds nothing), each message
   * numbered by its outbox row: that number is what its choices and questions are known by.
   */
  private answer(chatId: number, eventId: number, userId: number, replies: Outcome['replies']) {
    const { db, now } = this.deps;
    let i = 0;
    for (const reply of replies) {
      let last: number | undefined;
      for (const m of this.deps.serialize(chatId, reply)) {
        last = enqueue(db, { dedupeKey: `zalo:${eventId}:${i++}`, chatId, kind: 'answer', method: m.method, payload: { ...m.payload, forUserId: userId } }, now()).id;
      }
      if (last !== undefined) rememberAbout(this.deps, this.prompts, { chatId, messageId: last }, reply, userId);
    }
    this.deps.kick();
  }

  /** The Transport of Zalo chats. */
  async send(row: OutboxRow): Promise<SendResult> {
    const { db, log } = this.deps;
    const to = chatAddress(db, row.chatId);
    if (to.channel !== ZALO) return { kind: 'fatal', error: `chat ${row.chatId} is on ${to.channel}, not Zalo` };
    if (this.halted) return { kind: 'retry_after', ms: HALTED_RETRY_MS, error: `Zalo stopped in this process (${this.halted})` };
    const held = this.heldUntil - Date.now();
    if (held > 0) return { kind: 'retry_after', ms: held, error: 'Zalo quota exceeded: held' };
    const p = row.payload as Partial<TextPayload> & { photo?: string; forUserId?: number };
    // A file's link is made now, not when the message was queued: it is valid from its sending.
    const linked = this.o.files ? withFileLink(row.method, row.payload, this.o.files) : undefined;
    if (linked?.gone) return { kind: 'fatal', error: 'the file of this link is no longer stored' };
    const text = linked?.text ?? String(p.text ?? '');
    const photo = linked?.photo ?? p.photo;
    try {
      if (row.method === 'text') await this.client.sendMessage(to.externalId, text);
      else if (row.method === 'photo' && typeof photo === 'string') await this.client.sendPhoto(to.externalId, photo, p.caption);
      else return { kind: 'fatal', error: `Zalo cannot send ${row.method}` };
    } catch (err) {
      if (!(err instanceof ZaloError)) return { kind: 'transient', error: String(err) };
      if (err.isQuota) return this.quotaExceeded(err);
      return err.isTransient ? { kind: 'transient', error: err.message } : { kind: 'fatal', error: err.message };
    }
    this.holdMs = this.o.quotaHoldMs ?? QUOTA_HOLD_MS;
    this.count('outgoing', 1);
    // Its choices and question are now before the person: their number or next message answers them.
    const ref = { chatId: row.chatId, messageId: row.id };
    const forUserId = typeof p.forUserId === 'number' ? p.forUserId : null;
    this.prompts.offer(ref, forUserId, p.choices ?? []);
    if (p.question) this.prompts.ask(ref, forUserId);
    log.debug({ id: row.id, chat: row.chatId }, 'zalo: sent');
    return { kind: 'sent', messageId: null };
  }

  /** Holds every Zalo send for a while and tells the coordinators once a month, on another channel. */
  private quotaExceeded(err: ZaloError): SendResult {
    const { db, log, i18n, config } = this.deps;
    this.heldUntil = Date.now() + this.holdMs;
    const wait = this.holdMs;
    this.holdMs = Math.min(QUOTA_HOLD_MAX_MS, this.holdMs * 2);
    log.warn({ waitMs: wait }, 'zalo: quota exceeded; holding what is to be sent to Zalo');
    if (markQuotaExceeded(db, this.deps.now())) {
      const t = i18n.t(config.defaultLocale);
      // The month in the key: told once however often Zalo refuses.
      const told = this.tellElsewhere(`zalo-quota-exceeded:${quotaMonth(this.deps.now())}`, t('zalo.quota_exceeded', { quota: config.zalo?.monthlyQuota ?? 0 }));
      if (!told) log.error('zalo: quota exceeded and no coordinator on another channel to tell');
    }
    return { kind: 'retry_after', ms: wait, error: err.message };
  }

  /** Tells the coordinators on a channel that is not Zalo (Zalo cannot carry it); `key` makes it once. False when there is no one to tell. */
  private tellElsewhere(key: string, text: string): boolean {
    const targets = this.elsewhere();
    // Said in each target's own channel's form.
    for (const chatId of targets) say(this.deps, { chatId }, { text }, { key: `${key}:${chatId}`, kind: 'notice' });
    this.deps.kick();
    return targets.length > 0;
  }

  /** The coordinators' conversations that are not on Zalo: the coordination group, else their private chats. */
  private elsewhere(): number[] {
    const { db, config, now } = this.deps;
    const groups = coordinationChats(db).map((c) => c.id).filter((id) => chatAddress(db, id).channel !== ZALO);
    if (groups.length) return groups;
    // A coordinator who last wrote from Zalo is told on another channel they use, if any.
    return coordinatorPersons(db, config).flatMap((id) => {
      const others = identitiesOf(db, id).filter((i) => i.channel !== ZALO);
      const other = others.find((i) => i.privateChatOpen) ?? others[0];
      return other ? [chatId(db, other.channel, other.externalId, { type: 'private' }, now())] : [];
    });
  }

  /** Counts messages against the month's quota; at 80 % the coordinators are warned, once a month. */
  private count(direction: 'incoming' | 'outgoing', n: number) {
    const { db, config, now, i18n } = this.deps;
    const quota = config.zalo?.monthlyQuota ?? 3000;
    const c = countMessages(db, direction, n, now(), Math.ceil(quota * 0.8));
    if (!c.warnNow) return;
    const t = i18n.t(config.defaultLocale);
    notifyCoordinators(this.deps, `zalo-quota-80:${c.month}`, t('zalo.quota_warning', { used: c.incoming + c.outgoing, quota, month: c.month }));
  }
}
