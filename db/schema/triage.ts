import { sql } from 'drizzle-orm'
import { boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { LOCALE_CODES } from '../../app/i18n/config'
import { createdAt, id, updatedAt } from './_columns'
import { users } from './accounts'
import { stories } from './monument'
import { directoryEntries } from './referrals'

/**
 * The chain from "I would like guidance" to "I am in care". `withdrawn` is the survivor's
 * own choice; `closed` is the worker's, always with a reason.
 */
export const helpRequestStatusEnum = pgEnum('help_request_status', ['new', 'inContact', 'referred', 'inCare', 'closed', 'withdrawn'])
export type HelpRequestStatus = (typeof helpRequestStatusEnum.enumValues)[number]

/**
 * A request for guidance. Contact details (phone, e-mail, postal address, safe times, the
 * neutral name to use) are one encrypted JSON value: readable only through the module, which
 * lets only the fixed contact person see them and logs every view. Facets (needs, setting,
 * decade, region) stay in clear for the queue, matching and the anonymised figures.
 */
export const helpRequests = pgTable(
  'help_requests',
  {
    id: id(),
    /** The survivor's account; null for a guest (who holds the tracking link instead). */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** The consent ledger's subject: the user id, or a random guest reference. */
    subjectRef: text('subject_ref').notNull(),
    /** SHA-256 of the guest's tracking token; the token itself is never stored. */
    guestTokenHash: text('guest_token_hash').unique(),
    status: helpRequestStatusEnum('status').notNull().default('new'),
    closeReason: text('close_reason'),
    needs: text('needs').array().notNull().default(sql`'{}'::text[]`),
    contactChannel: text('contact_channel', { enum: ['phone', 'email', 'letter', 'portal'] }).notNull(),
    /** encryptField(JSON of ContactDetails). */
    contactEncrypted: text('contact_encrypted').notNull(),
    voicemailAllowed: boolean('voicemail_allowed').notNull().default(false),
    language: text('language').notNull().default('nl'),
    interpreter: text('interpreter', { enum: ['none', 'interpreter', 'signLanguage'] }).notNull().default('none'),
    setting: text('setting'),
    decade: text('decade'),
    region: text('region'),
    storyId: uuid('story_id').references(() => stories.id, { onDelete: 'set null' }),
    locale: text('locale', { enum: LOCALE_CODES }).notNull().default('nl'),
    /** The fixed contact person: the only one who sees contact details and notes. */
    contactPersonId: uuid('contact_person_id').references(() => users.id, { onDelete: 'set null' }),
    takenAt: timestamp('taken_at', { withTimezone: true }),
    firstContactAt: timestamp('first_contact_at', { withTimezone: true }),
    referredAt: timestamp('referred_at', { withTimezone: true }),
    inCareAt: timestamp('in_care_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Two weeks after a referral: check that care started. */
    followUpDueAt: timestamp('follow_up_due_at', { withTimezone: true }),
    /** Set by the reminder job when the follow-up became due. */
    followUpFlaggedAt: timestamp('follow_up_flagged_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('help_requests_user_idx').on(t.userId),
    index('help_requests_status_created_idx').on(t.status, t.createdAt),
    index('help_requests_contact_person_idx').on(t.contactPersonId),
  ],
)
export type HelpRequest = typeof helpRequests.$inferSelect

/** The survivor's timeline: each step in plain words (no content, only what happened). */
export const helpRequestEvents = pgTable(
  'help_request_events',
  {
    id: id(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => helpRequests.id, { onDelete: 'cascade' }),
    kind: text('kind', {
      enum: ['created', 'taken', 'firstContact', 'referralProposed', 'referred', 'inCare', 'closed', 'withdrawn', 'transferred'],
    }).notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** e.g. { entryId } for a referral, { reason } for closing. Never free text. */
    detail: jsonb('detail').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('help_request_events_request_idx').on(t.requestId, t.occurredAt)],
)

export const helpContactAttempts = pgTable(
  'help_contact_attempts',
  {
    id: id(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => helpRequests.id, { onDelete: 'cascade' }),
    workerId: uuid('worker_id').references(() => users.id, { onDelete: 'set null' }),
    channel: text('channel', { enum: ['phone', 'email', 'letter', 'portal'] }).notNull(),
    outcome: text('outcome', { enum: ['reached', 'noAnswer', 'voicemailLeft', 'wrongNumber'] }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('help_contact_attempts_request_idx').on(t.requestId)],
)

/** Working notes: triage staff only, never shown to the survivor (but part of their data export). */
export const helpNotes = pgTable(
  'help_notes',
  {
    id: id(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => helpRequests.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    bodyEncrypted: text('body_encrypted').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('help_notes_request_idx').on(t.requestId)],
)

/** Secure messages between the survivor and their contact person, inside the portal only. */
export const helpMessages = pgTable(
  'help_messages',
  {
    id: id(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => helpRequests.id, { onDelete: 'cascade' }),
    fromSurvivor: boolean('from_survivor').notNull(),
    senderId: uuid('sender_id').references(() => users.id, { onDelete: 'set null' }),
    bodyEncrypted: text('body_encrypted').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('help_messages_request_idx').on(t.requestId, t.createdAt)],
)

/**
 * A referral to a directory organisation. `proposed` waits for the survivor's consent;
 * `shared` means the listed fields went to the organisation (the consent is in the ledger,
 * object id `<requestId>:<entryId>`).
 */
export const helpReferrals = pgTable(
  'help_referrals',
  {
    id: id(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => helpRequests.id, { onDelete: 'cascade' }),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => directoryEntries.id, { onDelete: 'restrict' }),
    /** Which fields (SHAREABLE_FIELDS) the organisation gets. */
    fields: text('fields').array().notNull(),
    status: text('status', { enum: ['proposed', 'shared', 'declined'] }).notNull().default('proposed'),
    proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
    sharedAt: timestamp('shared_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('help_referrals_request_idx').on(t.requestId)],
)
export type HelpReferral = typeof helpReferrals.$inferSelect
