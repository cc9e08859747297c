import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './_columns'
import { users } from './accounts'

/**
 * The web documentary (ADR 0029). Blocks refer to stories and media by id only, with no
 * foreign key into the monument's tables (one owner per table, ADR 0020): whether a block
 * may be shown is decided on every read from the monument and the consent ledger, so a
 * withdrawal counts from the next request without anyone touching these rows.
 */
export const CHAPTER_STATES = ['draft', 'in_review', 'changes_requested', 'published'] as const
export type ChapterState = (typeof CHAPTER_STATES)[number]
export const THEME_KINDS = ['period', 'setting', 'violenceKind', 'history'] as const
export type ThemeKind = (typeof THEME_KINDS)[number]
export const BLOCK_KINDS = ['story', 'medium', 'report', 'text', 'help'] as const
export type BlockKind = (typeof BLOCK_KINDS)[number]

export const documentaryChapters = pgTable(
  'documentary_chapters',
  {
    id: id(),
    /** Chosen by the curator from the title; a chapter's title names a theme, never a person. */
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    intro: text('intro').notNull().default(''),
    themeKind: text('theme_kind', { enum: THEME_KINDS }).notNull(),
    themeValue: text('theme_value').notNull(),
    contentNote: text('content_note'),
    state: text('state', { enum: CHAPTER_STATES }).notNull().default('draft'),
    /** Raised by every curator edit once review has begun: approvals count for one version only. */
    version: integer('version').notNull().default(1),
    curatorId: uuid('curator_id').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('documentary_chapters_state_idx').on(t.state),
    check('documentary_chapters_state_check', sql`${t.state} in ('draft', 'in_review', 'changes_requested', 'published')`),
  ],
)
export type DocumentaryChapter = typeof documentaryChapters.$inferSelect
export type NewDocumentaryChapter = typeof documentaryChapters.$inferInsert

/**
 * One block of a chapter, in `position` order. `story`: `storyId` and `excerpt` (the exact
 * text, a substring of the story's current moderated text; null for the whole story).
 * `medium`: `storyId` and `mediaId`. `report`: `reportRef` and `body` (the passage).
 * `text`: `body`. `help`: `facets` for the directory's matching.
 */
export const documentaryBlocks = pgTable(
  'documentary_blocks',
  {
    id: id(),
    chapterId: uuid('chapter_id')
      .notNull()
      .references(() => documentaryChapters.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind', { enum: BLOCK_KINDS }).notNull(),
    storyId: uuid('story_id'),
    mediaId: uuid('media_id'),
    excerpt: text('excerpt'),
    reportRef: text('report_ref'),
    body: text('body'),
    facets: jsonb('facets').$type<Record<string, string>>(),
    contentNote: text('content_note'),
    createdAt: createdAt(),
  },
  (t) => [
    index('documentary_blocks_chapter_idx').on(t.chapterId, t.position),
    index('documentary_blocks_story_idx').on(t.storyId),
    check('documentary_blocks_kind_check', sql`${t.kind} in ('story', 'medium', 'report', 'text', 'help')`),
  ],
)
export type DocumentaryBlock = typeof documentaryBlocks.$inferSelect

/** A sounding-board member's verdict on one version of a chapter: one per member per version. */
export const documentaryReviews = pgTable(
  'documentary_reviews',
  {
    id: id(),
    chapterId: uuid('chapter_id')
      .notNull()
      .references(() => documentaryChapters.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    verdict: text('verdict', { enum: ['approve', 'changes'] }).notNull(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('documentary_reviews_once_idx').on(t.chapterId, t.version, t.reviewerId),
    check('documentary_reviews_verdict_check', sql`${t.verdict} in ('approve', 'changes')`),
  ],
)

/** A board member's comment on one block (kept when the block goes: the history stays readable). */
export const documentaryComments = pgTable(
  'documentary_comments',
  {
    id: id(),
    chapterId: uuid('chapter_id')
      .notNull()
      .references(() => documentaryChapters.id, { onDelete: 'cascade' }),
    blockId: uuid('block_id').references(() => documentaryBlocks.id, { onDelete: 'set null' }),
    version: integer('version').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('documentary_comments_chapter_idx').on(t.chapterId)],
)

/**
 * The chapter's history: every step is an event. `blockHidden` events carry the block id in
 * `blockId` and are unique per block, so hiding a block on read notifies the curator once.
 */
export const documentaryEvents = pgTable(
  'documentary_events',
  {
    id: id(),
    chapterId: uuid('chapter_id')
      .notNull()
      .references(() => documentaryChapters.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    version: integer('version').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    blockId: uuid('block_id'),
    /** Why, in a word ('documentaryConsent', 'publicConsent', 'mediaConsent', 'excerptChanged', 'authorExclusion'). */
    reason: text('reason'),
    /** Set on the curator's notices ('blockHidden') until the curator has seen them. */
    seenAt: timestamp('seen_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('documentary_events_chapter_idx').on(t.chapterId, t.createdAt),
    uniqueIndex('documentary_events_hidden_once_idx').on(t.blockId).where(sql`${t.kind} = 'blockHidden'`),
  ],
)

/** An author asks that one block from their story not be used, without withdrawing consent. */
export const documentaryExclusions = pgTable(
  'documentary_exclusions',
  {
    id: id(),
    blockId: uuid('block_id').notNull(),
    storyId: uuid('story_id').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('documentary_exclusions_block_idx').on(t.blockId, t.authorId)],
)
