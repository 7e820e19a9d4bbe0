// Times are epoch milliseconds (UTC); they are shown in the configured time zone at the edge.
import { sql } from 'drizzle-orm';
import { blob, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const sections = sqliteTable('sections', {
  code: text('code').primaryKey(),
  ord: integer('ord').notNull(),
  title: text('title').notNull(),
});

export const tasks = sqliteTable(
  'tasks',
  {
    code: text('code').primaryKey(),
    section: text('section')
      .notNull()
      .references(() => sections.code),
    parentCode: text('parent_code'),
    ord: integer('ord').notNull(),
    content: text('content').notNull(),
    // The appendix cells as printed, one line per printed item.
    leadText: text('lead_text').notNull(),
    coordinatingText: text('coordinating_text').notNull(),
    timeline: text('timeline').notNull(),
    // Folded content, for diacritic-insensitive keyword search.
    searchText: text('search_text').notNull(),
  },
  (t) => [index('tasks_section_idx').on(t.section, t.ord)],
);

export const agencies = sqliteTable('agencies', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  short: text('short').notNull(),
  aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull(),
  kind: text('kind', { enum: ['agency', 'group'] }).notNull(),
  change: text('change', { enum: ['unchanged', 'merged', 'split', 'renamed', 'abolished', 'new'] }).notNull(),
  successors: text('successors', { mode: 'json' }).$type<string[]>().notNull(),
  confirmed: integer('confirmed', { mode: 'boolean' }).notNull(),
  inPlan: integer('in_plan', { mode: 'boolean' }).notNull(),
  updatedBy: integer('updated_by'),
  updatedAt: integer('updated_at'),
});

/**
 * Who is responsible for a task. Rows are never deleted: a reassignment ends one row
 * (`endedAt`) and starts another, so "who was responsible when" stays answerable.
 */
export const taskAgencies = sqliteTable(
  'task_agencies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskCode: text('task_code')
      .notNull()
      .references(() => tasks.code),
    agencyCode: text('agency_code')
      .notNull()
      .references(() => agencies.code),
    role: text('role', { enum: ['lead', 'coordinating'] }).notNull(),
    ord: integer('ord').notNull(),
    source: text('source', { enum: ['plan', 'assigned'] }).notNull(),
    startedAt: integer('started_at').notNull(),
    startedBy: integer('started_by'),
    endedAt: integer('ended_at'),
    endedBy: integer('ended_by'),
    note: text('note'),
  },
  (t) => [
    index('task_agencies_task_idx').on(t.taskCode, t.role),
    index('task_agencies_agency_idx').on(t.agencyCode),
    uniqueIndex('task_agencies_plan_uq').on(t.taskCode, t.agencyCode, t.role).where(sql`source = 'plan'`),
  ],
);

/**
 * A person, on one channel. `id` is internal: reports, officers and history hang on it. Who they
 * are on their channel is (`channel`, `externalId`), ids kept as text since channels' ids are
 * not all numbers (Zalo's are strings). For Telegram the internal id equals the Telegram id
 * (queries/users.ts says why); rows made before channels existed kept theirs.
 */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  channel: text('channel').notNull().default('telegram'),
  externalId: text('external_id').notNull(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name'),
  username: text('username'),
  languageCode: text('language_code'),
  // Chosen with /lang; null means "follow DEFAULT_LOCALE".
  locale: text('locale'),
  // A bot cannot open a private chat: we may only message users who pressed Start.
  privateChatOpen: integer('private_chat_open', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  /**
   * Set when this identity was linked to another person's (/lienketkenh): the id of the person it
   * belongs to, whose own row has none. Null: the row is itself a person. Everything about a person
   * (officers, reports, history, language) hangs on the person's id (queries/users.ts personOf).
   */
  personId: integer('person_id'),
}, (t) => [uniqueIndex('users_channel_external_uq').on(t.channel, t.externalId), index('users_person_idx').on(t.personId)]);

export const officers = sqliteTable(
  'officers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    agencyCode: text('agency_code')
      .notNull()
      .references(() => agencies.code),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'revoked'] }).notNull(),
    requestedAt: integer('requested_at').notNull(),
    // Where the request was made, to tell the user the outcome if they never opened a private chat.
    requestChatId: integer('request_chat_id'),
    decidedAt: integer('decided_at'),
    decidedBy: integer('decided_by'),
  },
  (t) => [index('officers_user_idx').on(t.userId), index('officers_agency_idx').on(t.agencyCode, t.status)],
);

/** A conversation, on one channel: internal `id`, and (`channel`, `externalId`) as for users. */
export const chats = sqliteTable('chats', {
  id: integer('id').primaryKey(),
  channel: text('channel').notNull().default('telegram'),
  externalId: text('external_id').notNull(),
  type: text('type').notNull(),
  title: text('title'),
  agencyCode: text('agency_code').references(() => agencies.code),
  isCoordination: integer('is_coordination', { mode: 'boolean' }).notNull().default(false),
  isDigest: integer('is_digest', { mode: 'boolean' }).notNull().default(false),
  threadId: integer('thread_id'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  migratedTo: integer('migrated_to'),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [uniqueIndex('chats_channel_external_uq').on(t.channel, t.externalId)]);

/**
 * One progress report of one agency on one task for one reporting year. Never updated in place.
 * The table keeps its first name, `updates` (renaming it would rewrite every database for a word);
 * in the code it is a progress report, never an "update" (a Telegram update is an event).
 */
export const progressReports = sqliteTable(
  'updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskCode: text('task_code')
      .notNull()
      .references(() => tasks.code),
    agencyCode: text('agency_code')
      .notNull()
      .references(() => agencies.code),
    year: integer('year').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    chatId: integer('chat_id').notNull(),
    messageId: integer('message_id'),
    eventId: integer('telegram_update_id'),
    via: text('via', { enum: ['command', 'button', 'reply', 'import'] }).notNull(),
    status: text('status', { enum: ['not_started', 'in_progress', 'done', 'blocked'] }),
    percent: integer('percent'),
    note: text('note'),
    createdAt: integer('created_at').notNull(),
    editedAt: integer('edited_at'),
    withdrawnAt: integer('withdrawn_at'),
    withdrawnByUpdateId: integer('withdrawn_by_update_id'),
  },
  (t) => [
    uniqueIndex('updates_telegram_update_uq').on(t.eventId),
    index('updates_task_year_idx').on(t.year, t.taskCode, t.agencyCode, t.createdAt),
    index('updates_agency_year_idx').on(t.agencyCode, t.year, t.createdAt),
    index('updates_message_idx').on(t.chatId, t.messageId),
    index('updates_user_idx').on(t.userId, t.createdAt),
    index('updates_created_idx').on(t.createdAt),
    // The report's "every update" sheet reads a whole year in time order without sorting.
    index('updates_year_created_idx').on(t.year, t.createdAt, t.id),
  ],
);

/** Earlier versions of an update, kept when the message that carried it is edited. */
export const reportRevisions = sqliteTable('update_revisions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  updateId: integer('update_id')
    .notNull()
    .references(() => progressReports.id),
  status: text('status'),
  percent: integer('percent'),
  note: text('note'),
  replacedAt: integer('replaced_at').notNull(),
});

export const attachments = sqliteTable('attachments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  updateId: integer('update_id')
    .notNull()
    .references(() => progressReports.id),
  kind: text('kind', { enum: ['document', 'photo'] }).notNull(),
  fileId: text('file_id').notNull(),
  fileUniqueId: text('file_unique_id').notNull(),
  fileName: text('file_name'),
});

/**
 * Every event of every channel (a Telegram update, a console line…), stored before it is
 * acknowledged to its channel. A row whose `handledAt` is null is replayed at start-up; the
 * unique (`channel`, `eventKey`) makes a redelivery a no-op.
 */
export const inbox = sqliteTable(
  'inbox',
  {
    /**
     * The event id the rest of the code keys exactly-once writes on (Request.eventId, the
     * `eventId` parameters, outbox keys): Telegram's update_id for Telegram events, and
     * -1, -2, … for other channels' events, which no Telegram update_id (never negative) can be.
     * The column keeps its old name: rows, reports and tests refer to it.
     */
    updateId: integer('update_id').primaryKey(),
    channel: text('channel').notNull().default('telegram'),
    /** The event's own key on its channel, as text (Telegram: the update_id). */
    eventKey: text('event_key').notNull(),
    payload: text('payload').notNull(),
    receivedAt: integer('received_at').notNull(),
    // Set in the same transaction as the change the update caused; a replay then changes nothing.
    appliedAt: integer('applied_at'),
    handledAt: integer('handled_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [index('inbox_pending_idx').on(t.handledAt, t.updateId), uniqueIndex('inbox_event_uq').on(t.channel, t.eventKey)],
);

/** Bot messages that are about a task, so that a reply to them is a report on that task. */
export const botMessages = sqliteTable(
  'bot_messages',
  {
    chatId: integer('chat_id').notNull(),
    messageId: integer('message_id').notNull(),
    taskCode: text('task_code')
      .notNull()
      .references(() => tasks.code),
    agencyCode: text('agency_code'),
    kind: text('kind', { enum: ['task', 'summary', 'reminder', 'prompt'] }).notNull(),
    // For a note prompt (button flow): what the officer already chose.
    status: text('status', { enum: ['not_started', 'in_progress', 'done', 'blocked'] }),
    percent: integer('percent'),
    // A report waiting for the officer to pick the agency it is for.
    note: text('note'),
    forUserId: integer('for_user_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('bot_messages_pk').on(t.chatId, t.messageId)],
);

/**
 * Every message the bot sends on its own (digests, reminders, approval requests, reports) is
 * written here first and delivered by the outbox worker, so a restart or a Telegram outage
 * delays it but never loses it. `dedupeKey` makes enqueuing the same message twice a no-op.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dedupeKey: text('dedupe_key').notNull(),
    chatId: integer('chat_id').notNull(),
    threadId: integer('thread_id'),
    kind: text('kind').notNull(),
    // What the stored message is, whatever the channel: text, a document, a photo (0011 renamed
    // Telegram's method names to these).
    method: text('method', { enum: ['text', 'document', 'photo'] }).notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    // Files (documents, chart images) are stored with the message so a retry sends the same bytes.
    file: blob('file', { mode: 'buffer' }),
    fileName: text('file_name'),
    status: text('status', { enum: ['pending', 'sent', 'dead'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    notBefore: integer('not_before').notNull(),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
    telegramMessageId: integer('telegram_message_id'),
    lastError: text('last_error'),
  },
  (t) => [uniqueIndex('outbox_dedupe_uq').on(t.dedupeKey), index('outbox_due_idx').on(t.status, t.notBefore, t.id)],
);

/** A due date set by the coordinator for a task in a year; without one, 10/12 of that year applies. */
export const deadlines = sqliteTable(
  'deadlines',
  {
    taskCode: text('task_code')
      .notNull()
      .references(() => tasks.code),
    year: integer('year').notNull(),
    dueDate: text('due_date').notNull(),
    setBy: integer('set_by').notNull(),
    setAt: integer('set_at').notNull(),
  },
  (t) => [uniqueIndex('deadlines_pk').on(t.taskCode, t.year)],
);

/** One row per digest period: what makes a restart never send the same digest twice. */
export const digests = sqliteTable(
  'digests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    periodStart: integer('period_start').notNull(),
    periodEnd: integer('period_end').notNull(),
    chatId: integer('chat_id').notNull(),
    trigger: text('trigger', { enum: ['schedule', 'catch_up', 'manual'] }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('digests_end_idx').on(t.periodEnd)],
);

/** Reminders sent to an agency, for escalation ("reminded N days ago and still silent"). */
export const reminders = sqliteTable(
  'reminders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    agencyCode: text('agency_code')
      .notNull()
      .references(() => agencies.code),
    year: integer('year').notNull(),
    day: text('day').notNull(),
    taskCodes: text('task_codes', { mode: 'json' }).$type<string[]>().notNull(),
    sentAt: integer('sent_at').notNull(),
    escalatedAt: integer('escalated_at'),
  },
  (t) => [uniqueIndex('reminders_day_uq').on(t.agencyCode, t.day), index('reminders_agency_idx').on(t.agencyCode, t.year)],
);

/** Proposals to adjust the plan (Kế hoạch 457, mục IV.1.c), sent to Sở KH&CN and carried into the report. */
export const proposals = sqliteTable('proposals', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  taskCode: text('task_code')
    .notNull()
    .references(() => tasks.code),
  agencyCode: text('agency_code').references(() => agencies.code),
  year: integer('year').notNull(),
  userId: integer('user_id').notNull(),
  chatId: integer('chat_id').notNull(),
  text: text('text').notNull(),
  eventId: integer('telegram_update_id').unique(),
  createdAt: integer('created_at').notNull(),
});

/**
 * The current state of each line (task × agency × year), kept in the same transaction as every
 * insert, edit and withdrawal of an update. /status, the digest and the report read this instead
 * of scanning years of updates.
 */
export const lineState = sqliteTable(
  'line_state',
  {
    year: integer('year').notNull(),
    taskCode: text('task_code').notNull(),
    agencyCode: text('agency_code').notNull(),
    status: text('status', { enum: ['not_started', 'in_progress', 'done', 'blocked'] }),
    percent: integer('percent'),
    statusAt: integer('status_at'),
    statusNote: text('status_note'),
    lastAt: integer('last_at').notNull(),
    lastNote: text('last_note'),
    lastUserId: integer('last_user_id').notNull(),
    updateCount: integer('update_count').notNull(),
  },
  (t) => [uniqueIndex('line_state_pk').on(t.year, t.taskCode, t.agencyCode), index('line_state_agency_idx').on(t.agencyCode, t.lastAt)],
);

/**
 * How an agency signs its yearly report (NĐ 30/2020: authority line, signer's title and name),
 * and how it is named in the letterhead. One row per issuing agency (SKHCN for the consolidated
 * report), set in chat by its officers or a coordinator; unset fields leave the place blank to be
 * filled in by hand.
 */
export const issuerSettings = sqliteTable('issuer_settings', {
  agencyCode: text('agency_code')
    .primaryKey()
    .references(() => agencies.code),
  /** "KT. GIÁM ĐỐC" — the authority line above the title, when someone signs on the head's behalf. */
  authority: text('authority'),
  /** "PHÓ GIÁM ĐỐC" */
  signerTitle: text('signer_title'),
  signerName: text('signer_name'),
  /** The symbol in "Số: …/BC-SYT". */
  abbreviation: text('abbreviation'),
  /** The body above the issuer in the letterhead ("UBND TỈNH AN GIANG"). */
  parentBody: text('parent_body'),
  updatedBy: integer('updated_by').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Yearly values of the plan's quantitative targets ("Mục tiêu cụ thể"), recorded by the
 * coordinator with their source. Rows are never overwritten: the newest for a target and year counts.
 */
export const targetValues = sqliteTable(
  'target_values',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    targetCode: text('target_code').notNull(),
    year: integer('year').notNull(),
    value: real('value').notNull(),
    source: text('source').notNull(),
    recordedBy: integer('recorded_by').notNull(),
    recordedAt: integer('recorded_at').notNull(),
    /** The Telegram update that recorded it: recording is applied once. */
    eventId: integer('telegram_update_id').unique(),
  },
  (t) => [index('target_values_idx').on(t.targetCode, t.year, t.recordedAt)],
);

/**
 * An action that cannot be undone, waiting for its author to confirm with a button (revoking an
 * officer, re-linking a group, renaming an agency, reassigning a task). The button carries only
 * the row id; what it does, and who may press it, is here. Decided once: the decision and the
 * action share one transaction.
 */
export const confirmations = sqliteTable('confirmations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind').notNull(),
  payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  actorId: integer('actor_id').notNull(),
  chatId: integer('chat_id').notNull(),
  createdAt: integer('created_at').notNull(),
  decision: text('decision', { enum: ['yes', 'no'] }),
  decidedAt: integer('decided_at'),
  /** The Telegram update that asked: asking again on a replay finds this row instead of a new one. */
  askedByUpdateId: integer('asked_by_update_id').unique(),
});

/**
 * Files for channels that cannot receive a document (Zalo): kept here and served by the bot's own
 * HTTP server at a signed, expiring link (core/links.ts). Rows past `expiresAt` are removed.
 */
export const storedFiles = sqliteTable('stored_files', {
  /** Random, unguessable; what a link's token names. */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  contentType: text('content_type').notNull(),
  bytes: blob('bytes', { mode: 'buffer' }).notNull(),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
}, (t) => [index('stored_files_expiry_idx').on(t.expiresAt)]);

/**
 * Messages counted against a channel's monthly quota (Zalo's free plan counts both directions),
 * per calendar month; `warnedAt` is set once the coordinator has been told it is running out.
 */
export const channelQuota = sqliteTable('channel_quota', {
  channel: text('channel').notNull(),
  /** YYYY-MM in the platform's time zone. */
  month: text('month').notNull(),
  incoming: integer('incoming').notNull().default(0),
  outgoing: integer('outgoing').notNull().default(0),
  warnedAt: integer('warned_at'),
  exceededAt: integer('exceeded_at'),
}, (t) => [uniqueIndex('channel_quota_pk').on(t.channel, t.month)]);

/**
 * One-time codes that link a person's identities on two channels (/lienketkenh): shown on one
 * channel, typed on the other. Only a salted scrypt hash of the code is kept; a code is valid for
 * ten minutes and once (usecases/identity.ts).
 */
export const linkCodes = sqliteTable(
  'link_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The person who asked for the code, and the channel it was shown on. */
    personId: integer('person_id').notNull(),
    channel: text('channel').notNull(),
    salt: text('salt').notNull(),
    hash: text('hash').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    /** The event that used it: a replay of that event is answered as the first time. */
    usedByEvent: integer('used_by_event'),
    /** Asking again replaces the person's earlier codes. */
    replacedAt: integer('replaced_at'),
  },
  (t) => [index('link_codes_created_idx').on(t.createdAt), index('link_codes_person_idx').on(t.personId)],
);

/** Wrong codes typed, per person: a few are allowed in an hour, then typing codes is locked. */
export const linkFailures = sqliteTable(
  'link_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('link_failures_person_idx').on(t.personId, t.at)],
);

/**
 * The viewer role: leaders and Văn phòng UBND tỉnh read everything (/tinhhinh, the digest, the
 * yearly reports, the status page) and change nothing. Granted and ended by a coordinator
 * (/nguoixem); rows are ended, never deleted, so who could read when stays answerable.
 */
export const viewers = sqliteTable('viewers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  userId: integer('user_id').notNull().references(() => users.id),
  /** Who they are, as the coordinator wrote it ("Văn phòng UBND tỉnh"). */
  label: text('label'),
  grantedBy: integer('granted_by').notNull(),
  grantedAt: integer('granted_at').notNull(),
  revokedBy: integer('revoked_by'),
  revokedAt: integer('revoked_at'),
}, (t) => [index('viewers_user_idx').on(t.userId, t.revokedAt)]);

/**
 * Links to the status page handed out by /web. The token (core/links.ts) names a row and carries
 * its expiry; the row says whose it is and whether it was revoked. What the page shows is decided
 * when it is opened, from the person's rights then (a revoked viewer's links stop working).
 */
export const webLinks = sqliteTable('web_links', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  userId: integer('user_id').notNull().references(() => users.id),
  /** The right it was given under: the whole plan (coordinator, viewer) or an officer's agencies. */
  role: text('role', { enum: ['coordinator', 'viewer', 'officer'] }).notNull(),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  revokedAt: integer('revoked_at'),
  revokedBy: integer('revoked_by'),
  /** The event that asked for it: a replayed /web finds this row instead of making another. */
  eventId: integer('event_id').unique(),
}, (t) => [index('web_links_user_idx').on(t.userId)]);

export const schema = {
  viewers,
  webLinks,
  linkCodes,
  linkFailures,
  storedFiles,
  channelQuota,
  confirmations,
  issuerSettings,
  targetValues,
  lineState,
  outbox,
  deadlines,
  digests,
  reminders,
  proposals,
  botMessages,
  meta,
  sections,
  tasks,
  agencies,
  taskAgencies,
  users,
  officers,
  chats,
  progressReports,
  reportRevisions,
  attachments,
  inbox,
};
