import { sql } from 'drizzle-orm'
import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './_columns'
import { users } from './accounts'
import { storedFiles } from './files'

/**
 * Who recorded a life story: the commission or Slachtofferhulp (registered by the archivist),
 * or an interviewer in the portal itself (ADR 0030).
 */
export const LIFE_STORY_SOURCES = ['commission', 'slachtofferhulp', 'interviewer'] as const
export type LifeStorySource = (typeof LIFE_STORY_SOURCES)[number]

/**
 * An interviewer's story waits for the survivor's corrections and approval; only then is it
 * theirs to use (ADR 0030). Stories of the commission and Slachtofferhulp were approved outside
 * the portal: they are 'approved' from the start.
 */
export const LIFE_STORY_STATES = ['awaiting_survivor', 'approved'] as const
export type LifeStoryState = (typeof LIFE_STORY_STATES)[number]

/** How a story is claimed: the e-mailed link, or the code in a posted letter. */
export const LIFE_STORY_CLAIM_KINDS = ['link', 'letter'] as const

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
    state: text('state', { enum: LIFE_STORY_STATES }).notNull().default('approved'),
    /** The survivor's own corrections of an interviewer's title and text (encryptField), kept as they edit. */
    correctedTitleEncrypted: text('corrected_title_encrypted'),
    correctedBodyEncrypted: text('corrected_body_encrypted'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    /** When the interviewer stopped seeing it: the survivor's approval (also in the access log). */
    interviewerAccessEndedAt: timestamp('interviewer_access_ended_at', { withTimezone: true }),
    /** The monument draft made at approval (a story id of the monument's; no foreign key across owners). */
    monumentStoryId: uuid('monument_story_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('life_stories_claimed_by_idx').on(t.claimedBy),
    index('life_stories_registered_by_idx').on(t.registeredBy),
    index('life_stories_monument_story_idx').on(t.monumentStoryId),
    check('life_stories_source_check', sql`${t.source} in ('commission', 'slachtofferhulp', 'interviewer')`),
    check('life_stories_state_check', sql`${t.state} in ('awaiting_survivor', 'approved')`),
    check('life_stories_state_source_check', sql`${t.state} = 'approved' or ${t.source} = 'interviewer'`),
  ],
)
export type LifeStory = typeof lifeStories.$inferSelect
export type NewLifeStory = typeof lifeStories.$inferInsert

/**
 * Claim links and letter codes: only a hash is kept (a link token's SHA-256; a letter code's
 * keyed hash, as the code is short); single use, with an expiry.
 */
export const lifeStoryInvitations = pgTable(
  'life_story_invitations',
  {
    id: id(),
    lifeStoryId: uuid('life_story_id')
      .notNull()
      .references(() => lifeStories.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    kind: text('kind', { enum: LIFE_STORY_CLAIM_KINDS }).notNull().default('link'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('life_story_invitations_story_idx').on(t.lifeStoryId), check('life_story_invitations_kind_check', sql`${t.kind} in ('link', 'letter')`)],
)
export type LifeStoryInvitation = typeof lifeStoryInvitations.$inferSelect
