import { sql } from 'drizzle-orm'
import { boolean, index, integer, jsonb, pgEnum, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './_columns'
import { users } from './accounts'
import { storedFiles } from './files'

/** A scheme version as data (its rules: app/scheme/scheme-config.ts). */
export const schemes = pgTable(
  'schemes',
  {
    id: id(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    config: jsonb('config').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('schemes_code_version_idx').on(t.code, t.version)],
)

/** Reference numbers (JZ-2026-000123): a sequence never hands out the same number twice, even under concurrent submits. */
export const applicationReferenceSeq = pgSequence('application_reference_seq', { startWith: 1, increment: 1 })

export const applicationStatusEnum = pgEnum('application_status', [
  'draft',
  'submitted',
  'inAssessment',
  'informationRequested',
  'proposed',
  'confirmed',
  'handedOff',
  'received',
  'decided',
  'paid',
  'objectionReceived',
  'withdrawn',
])
export type ApplicationStatus = (typeof applicationStatusEnum.enumValues)[number]

/**
 * An application for a scheme. Answers that are not sensitive live in `answers` (jsonb,
 * validated per step by zod); BSN, IBAN, date of birth, address and phone are encrypted
 * (app/privacy/field-crypto.server.ts) and the BSN has a keyed hash for duplicate checks.
 */
export const applications = pgTable(
  'applications',
  {
    id: id(),
    schemeId: uuid('scheme_id')
      .notNull()
      .references(() => schemes.id),
    applicantUserId: uuid('applicant_user_id').references(() => users.id, { onDelete: 'set null' }),
    reference: text('reference').unique(),
    status: applicationStatusEnum('status').notNull().default('draft'),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
    applicantName: text('applicant_name'),
    bsnEncrypted: text('bsn_encrypted'),
    bsnHash: text('bsn_hash'),
    ibanEncrypted: text('iban_encrypted'),
    dateOfBirthEncrypted: text('date_of_birth_encrypted'),
    addressEncrypted: text('address_encrypted'),
    phoneEncrypted: text('phone_encrypted'),
    /**
     * A representative's application: the survivor's identity (BSN, birth date, address as
     * JSON), encrypted like the applicant's own; the case is about this person (issue 11).
     */
    survivorIdentityEncrypted: text('survivor_identity_encrypted'),
    /** Keyed hash of the survivor's BSN, so a duplicate is found whoever applied for them. */
    survivorBsnHash: text('survivor_bsn_hash'),
    /** Another application of the same scheme with the same BSN hash (flag for assessors). */
    possibleDuplicateOf: uuid('possible_duplicate_of'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    decisionDueAt: timestamp('decision_due_at', { withTimezone: true }),
    pausedDays: integer('paused_days').notNull().default(0),
    pausedSince: timestamp('paused_since', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    schadefondsReference: text('schadefonds_reference'),
    /** The PDF copy of what was submitted. */
    submissionFileId: uuid('submission_file_id').references(() => storedFiles.id),
    /** Sent with the final submit: a double click or a retry creates one application. */
    submitToken: text('submit_token').unique(),
    /**
     * Fast track (ADR 0032), derived once at submission or registration from the scheme's rules
     * (app/scheme/fast-track.ts): the queue puts these first. The reasons are codes ('age75',
     * 'seriouslyIll'), never a birth date or an illness.
     */
    fastTrack: boolean('fast_track').notNull().default(false),
    fastTrackReasons: text('fast_track_reasons').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('applications_status_idx').on(t.status, t.submittedAt),
    index('applications_applicant_idx').on(t.applicantUserId),
    index('applications_bsn_hash_idx').on(t.schemeId, t.bsnHash),
    index('applications_survivor_bsn_hash_idx').on(t.schemeId, t.survivorBsnHash),
    index('applications_queue_idx').on(t.fastTrack.desc(), t.submittedAt),
    // One application per person per scheme.
    uniqueIndex('applications_one_per_scheme_idx').on(t.schemeId, t.applicantUserId).where(sql`${t.status} <> 'withdrawn'`),
  ],
)
export type Application = typeof applications.$inferSelect

export const applicationDocuments = pgTable(
  'application_documents',
  {
    id: id(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    type: text('type', {
      enum: ['guardianshipCard', 'registrationProof', 'courtRuling', 'photo', 'policeReport', 'addresses', 'authorisation', 'medicalStatement', 'answer', 'other'],
    }).notNull(),
    fileName: text('file_name').notNull(),
    informationRequestId: uuid('information_request_id'),
    createdAt: createdAt(),
  },
  (t) => [index('application_documents_app_idx').on(t.applicationId)],
)

/** An assessor's question; the case clock pauses while it is open (as the scheme configures). */
export const informationRequests = pgTable(
  'information_requests',
  {
    id: id(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    question: text('question').notNull(),
    askedBy: uuid('asked_by').references(() => users.id, { onDelete: 'set null' }),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull().defaultNow(),
    answer: text('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [index('information_requests_app_idx').on(t.applicationId)],
)

/** The applicant's timeline: every status with its date. */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: id(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    status: applicationStatusEnum('status').notNull(),
    visibleToApplicant: boolean('visible_to_applicant').notNull().default(true),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('application_events_app_idx').on(t.applicationId, t.at)],
)
