import { sql, type SQL } from 'drizzle-orm'
import { customType, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './_columns'
import { users } from './accounts'
import { storedFiles } from './files'

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

export const storyStatusEnum = pgEnum('story_status', [
  'draft',
  'submitted',
  'inReview',
  'changesRequested',
  'awaitingAuthor',
  'approved',
  'published',
  'withdrawn',
  'removed',
])
export type StoryStatus = (typeof storyStatusEnum.enumValues)[number]

/**
 * A survivor's story. The URL slug is random (never derived from the title, which could
 * hold a name). What readers see is the moderated version (`published*`), which the author
 * approved; the author's own text stays in `title`/`body`.
 */
export const stories = pgTable(
  'stories',
  {
    id: id(),
    /** Null only when the account was erased but an archive transfer obliges us to keep the story. */
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull().default(''),
    body: text('body').notNull().default(''),
    contentNote: text('content_note'),
    decades: text('decades').array().notNull().default(sql`'{}'::text[]`),
    settings: text('settings').array().notNull().default(sql`'{}'::text[]`),
    institutionName: text('institution_name'),
    violenceKinds: text('violence_kinds').array().notNull().default(sql`'{}'::text[]`),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    region: text('region'),
    displayMode: text('display_mode', { enum: ['ownName', 'pseudonym', 'anonymous'] }).notNull().default('anonymous'),
    pseudonym: text('pseudonym'),
    status: storyStatusEnum('status').notNull().default('draft'),
    /** The moderated text the author approved; what the public sees. */
    publishedTitle: text('published_title'),
    publishedBody: text('published_body'),
    publishedContentNote: text('published_content_note'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    authorApprovedAt: timestamp('author_approved_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /**
     * When the story was handed to the commission archive (with the survivor's
     * 'monument.archiveTransfer' consent). From then on deleting the story or the account keeps
     * what that consent covers: the archive holds a copy we can no longer call back.
     */
    archiveTransferredAt: timestamp('archive_transferred_at', { withTimezone: true }),
    /**
     * Who may read it, projected from the consent ledger in the same transaction as every
     * consent event (the ledger stays the source of truth): 'public' (publish consent),
     * 'fellowSurvivors' (signed-in survivors only) or 'none'.
     */
    audience: text('audience', { enum: ['none', 'fellowSurvivors', 'public'] }).notNull().default('none'),
    /** Set when a report says someone is identified: hidden at once, pending review. */
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    /** Bumped on every save: autosave from two tabs cannot silently overwrite. */
    revision: integer('revision').notNull().default(0),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('dutch', coalesce(${stories.publishedTitle}, '')), 'A') || setweight(to_tsvector('dutch', coalesce(${stories.publishedBody}, '')), 'B')`,
    ),
    /**
     * The approved title alone: search ranks title hits first by this small vector, so
     * ranking never has to read every hit's whole-story vector (ADR 0011).
     */
    titleVector: tsvector('title_vector').generatedAlwaysAs((): SQL => sql`to_tsvector('dutch', coalesce(${stories.publishedTitle}, ''))`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('stories_author_idx').on(t.authorId),
    index('stories_status_published_idx').on(t.status, t.publishedAt, t.id),
    // The public listing: newest first, keyset-paginated on (published_at, id).
    index('stories_public_listing_idx')
      .on(t.publishedAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'published' and ${t.hiddenAt} is null and ${t.audience} <> 'none'`),
    index('stories_search_idx').using('gin', t.searchVector),
    // Title hits come first in a search (ADR 0035): found by this index, not by reading every hit.
    index('stories_title_search_idx')
      .using('gin', t.titleVector)
      .where(sql`${t.status} = 'published' and ${t.hiddenAt} is null and ${t.audience} <> 'none'`),
    index('stories_settings_idx').using('gin', t.settings),
    index('stories_decades_idx').using('gin', t.decades),
    index('stories_violence_idx').using('gin', t.violenceKinds),
  ],
)
export type Story = typeof stories.$inferSelect
export type NewStory = typeof stories.$inferInsert

/**
 * Photos, audio and video of a story. Binaries live in S3 (stored_files); photos keep only
 * the metadata-free re-encoded versions. Each medium has its own consent (ledger, object
 * type 'media') and, for audio and video, a transcript before it can be published.
 */
export const storyMedia = pgTable(
  'story_media',
  {
    id: id(),
    storyId: uuid('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: ['photo', 'audio', 'video'] }).notNull(),
    /** The servable original (for photos: the re-encoded, metadata-free version). */
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    /** Photo variants by name ('web', 'medium', 'thumb') → stored_files id. */
    variants: jsonb('variants').$type<Record<string, string>>().notNull().default({}),
    mime: text('mime').notNull(),
    byteSize: integer('byte_size').notNull(),
    description: text('description'),
    transcript: text('transcript'),
    captionsFileId: uuid('captions_file_id').references(() => storedFiles.id),
    /**
     * The moderated text the author approved with the story, the only media text readers get
     * (like `stories.published*`): description, transcript and the WebVTT captions (as text,
     * served from here to readers instead of the author's file). Set when a moderator proposes
     * a version; cleared when the author changes the text, which then needs review again.
     */
    publishedDescription: text('published_description'),
    publishedTranscript: text('published_transcript'),
    publishedCaptions: text('published_captions'),
    textModeratedAt: timestamp('text_moderated_at', { withTimezone: true }),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('story_media_story_idx').on(t.storyId), index('story_media_owner_idx').on(t.ownerId)],
)
export type StoryMedia = typeof storyMedia.$inferSelect

/** Suggestions for the institution field, from names survivors typed (counted, never shown per story). */
export const institutionNames = pgTable(
  'institution_names',
  {
    name: text('name').notNull(),
    uses: integer('uses').notNull().default(1),
  },
  (t) => [uniqueIndex('institution_names_lower_idx').on(sql`lower(${t.name})`)],
)
