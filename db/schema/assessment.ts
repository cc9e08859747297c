import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './_columns'
import { users } from './accounts'
import { applications } from './scheme'

export const ASSESSMENT_OUTCOMES = ['grant', 'reject', 'notEligible'] as const
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number]

/**
 * A proposed outcome and its four-eyes review. The confirming assessor must differ from the
 * proposer: the module refuses it, and the CHECK makes it impossible even for a bug.
 */
export const assessments = pgTable(
  'assessments',
  {
    id: id(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['proposed', 'confirmed', 'returned'] }).notNull().default('proposed'),
    outcome: text('outcome', { enum: ASSESSMENT_OUTCOMES }).notNull(),
    reasonCode: text('reason_code'),
    motivation: text('motivation').notNull(),
    proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedBy: uuid('confirmed_by').references(() => users.id, { onDelete: 'set null' }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    returnedBy: uuid('returned_by').references(() => users.id, { onDelete: 'set null' }),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    returnNote: text('return_note'),
    createdAt: createdAt(),
  },
  (t) => [
    index('assessments_app_idx').on(t.applicationId, t.createdAt),
    // At most one open proposal per application.
    uniqueIndex('assessments_one_open_idx').on(t.applicationId).where(sql`${t.status} = 'proposed'`),
    check('assessments_four_eyes', sql`${t.confirmedBy} is null or ${t.proposedBy} is null or ${t.confirmedBy} <> ${t.proposedBy}`),
    check('assessments_confirmed_has_confirmer', sql`${t.status} <> 'confirmed' or ${t.confirmedBy} is not null`),
  ],
)
export type Assessment = typeof assessments.$inferSelect

/** The completeness checklist of one application (item code → done). */
export const assessmentChecklists = pgTable('assessment_checklists', {
  applicationId: uuid('application_id')
    .primaryKey()
    .references(() => applications.id, { onDelete: 'cascade' }),
  items: jsonb('items').$type<Record<string, boolean>>().notNull().default({}),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: updatedAt(),
})

/** Assessors' internal deliberation on a case; never shown to the applicant. */
export const assessmentNotes = pgTable(
  'assessment_notes',
  {
    id: id(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('assessment_notes_app_idx').on(t.applicationId, t.createdAt)],
)

/** An assessor who declared a conflict of interest is excluded from the case. */
export const conflictsOfInterest = pgTable(
  'conflicts_of_interest',
  {
    id: id(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    assessorId: uuid('assessor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('conflicts_of_interest_app_assessor_idx').on(t.applicationId, t.assessorId), index('conflicts_of_interest_assessor_idx').on(t.assessorId)],
)

export const HANDOFF_STATUSES = ['pending', 'delivered', 'dead'] as const

/**
 * Transactional outbox of case documents for the Schadefonds. Written in the same
 * transaction as the confirmation; drained by a job. The webhook id is stable per case
 * version, so a redelivery (crash, timeout, admin retry) is recognised by the receiver.
 * The frozen document holds the BSN and IBAN, so it is stored encrypted (field crypto),
 * not as readable jsonb; download links are added at delivery time.
 */
export const handoffOutbox = pgTable(
  'handoff_outbox',
  {
    id: id(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    caseVersion: integer('case_version').notNull(),
    webhookId: text('webhook_id').notNull().unique(),
    payloadEncrypted: text('payload_encrypted').notNull(),
    status: text('status', { enum: HANDOFF_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** A claim by one deliverer; expires, so a crashed worker's row is picked up again. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** Retries run for a day from here (reset by an admin's retry). */
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('handoff_outbox_app_version_idx').on(t.applicationId, t.caseVersion),
    index('handoff_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('handoff_outbox_status_idx').on(t.status),
  ],
)
export type HandoffOutboxRow = typeof handoffOutbox.$inferSelect

/** Signed events from the Schadefonds; the unique webhook id is the replay guard. */
export const schadefondsInbound = pgTable(
  'schadefonds_inbound',
  {
    id: id(),
    webhookId: text('webhook_id').notNull().unique(),
    event: text('event').notNull(),
    applicationId: uuid('application_id').references(() => applications.id, { onDelete: 'set null' }),
    payload: jsonb('payload').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('schadefonds_inbound_app_idx').on(t.applicationId)],
)
