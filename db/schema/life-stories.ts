import { sql } from 'drizzle-orm'
import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './_columns'
import { users } from './accounts'
import { storedFiles } from './files'

/**
 * Who recorded a life story. A later `interviewer` role that records stories in the portal
 * itself adds 'interviewer' here (and to the check below) without a new table.
 */
export const LIFE_STORY_SOURCES = ['commission', 'slachtofferhulp'] as const
export type LifeStorySource = (typeof LIFE_STORY_SOURCES)[number]

/**
 * A life story ("levensverhaal") recorded with a survivor by the commission or Slachtofferhulp,
 * registered by staff and claimed by the survivor with an e-mailed link (ADR 0025). Title and
 * text are special-category data: encrypted at rest (encryptField), never in a listing. The
 * invited address is encrypted too and dropped once the story is claimed. Nothing here is
 * public; a monument story made from it is a separate draft of the monument's.
 */
export const lifeStories = pgTable(
  'life_stories',
  {
    id: id(),
    /** A short reference staff and the survivor can quote ('LV-…'); says nothing about the person. */
    reference: text('reference').notNull().unique(),
    source: text('source', { enum: LIFE_STORY_SOURCES }).notNull(),
    recordedOn: date('recorded_on', { mode: 'string' }).notNull(),
    titleEncrypted: text('title_encrypted').notNull(),
    bodyEncrypted: text('body_encrypted').notNull(),
    audioFileId: uuid('audio_file_id').references(() => storedFiles.id, { onDelete: 'set null' }),
    /** encryptField(the survivor's e-mail address) until claimed, for a resent invitation. */
    inviteEmailEncrypted: text('invite_email_encrypted'),
    registeredBy: uuid('registered_by').references(() => users.id, { onDelete: 'set null' }),
    claimedBy: uuid('claimed_by').references(() => users.id, { onDelete: 'cascade' }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('life_stories_claimed_by_idx').on(t.claimedBy),
    check('life_stories_source_check', sql`${t.source} in ('commission', 'slachtofferhulp')`),
  ],
)
export type LifeStory = typeof lifeStories.$inferSelect
export type NewLifeStory = typeof lifeStories.$inferInsert

/** Claim links: only the SHA-256 of a token is kept; single use, with an expiry. */
export const lifeStoryInvitations = pgTable(
  'life_story_invitations',
  {
    id: id(),
    lifeStoryId: uuid('life_story_id')
      .notNull()
      .references(() => lifeStories.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('life_story_invitations_story_idx').on(t.lifeStoryId)],
)
export type LifeStoryInvitation = typeof lifeStoryInvitations.$inferSelect
