import { sql } from 'drizzle-orm'
import { bigint, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { LOCALE_CODES } from '../../app/i18n/config'

export const CONSENT_OBJECT_TYPES = ['story', 'media', 'helpRequest', 'application', 'account'] as const
export type ConsentObjectType = (typeof CONSENT_OBJECT_TYPES)[number]
export const CONSENT_ACTIONS = ['grant', 'withdraw'] as const
export type ConsentAction = (typeof CONSENT_ACTIONS)[number]
export const CONSENT_CHANNELS = ['web', 'staffRecorded', 'paper'] as const
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number]
export const CONSENT_LOCALES = LOCALE_CODES
export type ConsentLocale = (typeof CONSENT_LOCALES)[number]

/**
 * The consent ledger: every grant and withdrawal, never changed or removed (triggers in
 * migration `consent_triggers` refuse UPDATE, DELETE and TRUNCATE). The current state of
 * a consent is its latest event. No foreign key to users: the ledger is the proof of
 * consent and must outlive an erased account; `subject_ref` is the user id or, for a
 * guest, a random guest reference.
 */
export const consentEvents = pgTable(
  'consent_events',
  {
    // Monotonic, so "latest event wins" never depends on two events sharing a timestamp.
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id'),
    subjectRef: text('subject_ref').notNull(),
    objectType: text('object_type', { enum: CONSENT_OBJECT_TYPES }).notNull(),
    objectId: text('object_id').notNull(),
    purpose: text('purpose').notNull(),
    action: text('action', { enum: CONSENT_ACTIONS }).notNull(),
    /** The exact text the person saw, e.g. `monument.publishPublic@2026-11-01`. */
    textVersion: text('text_version').notNull(),
    locale: text('locale', { enum: CONSENT_LOCALES }).notNull(),
    channel: text('channel', { enum: CONSENT_CHANNELS }).notNull(),
    /** Staff member who recorded a consent given by phone or on paper. */
    recordedBy: uuid('recorded_by'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Current state: the newest event for (subject, object, purpose) in one index scan.
    index('consent_events_current_idx').on(t.subjectRef, t.objectType, t.objectId, t.purpose, t.id.desc()),
    index('consent_events_user_idx').on(t.userId),
    check('consent_events_action_check', sql`${t.action} in ('grant', 'withdraw')`),
    check('consent_events_channel_check', sql`${t.channel} in ('web', 'staffRecorded', 'paper')`),
    // A language tag's shape, not a list: the ledger is append-only and outlives any language
    // the portal stops offering, and a new language needs no migration (ADR 0021).
    check('consent_events_locale_check', sql`${t.locale} ~ '^[a-z]{2,3}(-[A-Z]{2})?$'`),
    check(
      'consent_events_object_type_check',
      sql`${t.objectType} in ('story', 'media', 'helpRequest', 'application', 'account')`,
    ),
    check('consent_events_user_matches_subject', sql`${t.userId} is null or ${t.subjectRef} = ${t.userId}::text`),
  ],
)
export type ConsentEvent = typeof consentEvents.$inferSelect
