import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id } from './_columns'
import { users } from './accounts'
import { stories } from './monument'

/**
 * The pillory guard's marks on a story under review, one row per mark, with the moderator's
 * decision. Marks hold third parties' names: they live and die with the story (cascade).
 * Offsets are into the author's text (`stories.body`, or `stories.title` when `field` says so)
 * as it was when review started.
 */
export const pilloryMarks = pgTable(
  'pillory_marks',
  {
    id: id(),
    storyId: uuid('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    /** Which text the mark is in: 'title', 'body' or 'contentNote'. */
    field: text('field', { enum: ['title', 'body', 'contentNote'] }).notNull(),
    /** The guard's stable id for the text: `${kind}:${start}`. */
    markId: text('mark_id').notNull(),
    kind: text('kind').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    text: text('text').notNull(),
    confidence: text('confidence').notNull(),
    decision: text('decision', { enum: ['redact', 'keep'] }),
    reason: text('reason'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('pillory_marks_story_mark_idx').on(t.storyId, t.field, t.markId)],
)
export type PilloryMark = typeof pilloryMarks.$inferSelect

export const MODERATION_ACTIONS = [
  'startReview',
  'decideMark',
  'requestChanges',
  'proposeVersion',
  'reportReceived',
  'reportKeep',
  'reportRedact',
  'reportRemove',
] as const
export type ModerationAction = (typeof MODERATION_ACTIONS)[number]

/** Every moderation step on a story, in order. The access log has the same steps without content. */
export const moderationEvents = pgTable(
  'moderation_events',
  {
    id: id(),
    storyId: uuid('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    /** Null for a report by an anonymous reader, or when the moderator's account was erased. */
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action', { enum: MODERATION_ACTIONS }).notNull(),
    /** A note to the author (request changes, redact after a report) or the reason of a decision. */
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('moderation_events_story_idx').on(t.storyId, t.createdAt)],
)
export type ModerationEvent = typeof moderationEvents.$inferSelect

export const REPORT_REASONS = ['identifies', 'falseAccusation', 'threat', 'privacy', 'other'] as const
export type ReportReason = (typeof REPORT_REASONS)[number]
export const REPORT_DECISIONS = ['keep', 'redact', 'remove'] as const
export type ReportDecision = (typeof REPORT_DECISIONS)[number]

/**
 * A reader's report on a published story. Decided within 48 hours (`due_at`). The reporter's
 * contact and explanation may name people: both are encrypted at rest.
 */
export const storyReports = pgTable(
  'story_reports',
  {
    id: id(),
    storyId: uuid('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    reason: text('reason', { enum: REPORT_REASONS }).notNull(),
    detailsEncrypted: text('details_encrypted'),
    contactEncrypted: text('contact_encrypted'),
    /** Set when a signed-in reader reported, so they find the report in their data export. */
    reporterId: uuid('reporter_id').references(() => users.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['open', 'decided'] }).notNull().default('open'),
    decision: text('decision', { enum: REPORT_DECISIONS }),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** When the moderators were mailed that this report's 48 hours are nearly up (once). */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('story_reports_open_idx').on(t.status, t.dueAt),
    index('story_reports_story_idx').on(t.storyId),
    index('story_reports_reporter_idx').on(t.reporterId),
  ],
)
export type StoryReport = typeof storyReports.$inferSelect
