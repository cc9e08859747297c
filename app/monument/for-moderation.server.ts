import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { stories, storyMedia, type Story, type StoryMedia, type StoryStatus } from '@db/schema/monument'
import { visibleTo, type Reader } from './reading.server'
import { isUuid } from './stories.server'

/**
 * The story and media rows as app/moderation needs them: read models for the moderator's queue
 * and review page, and the few state changes a moderation step makes. Every function takes an
 * optional transaction, so moderation writes its own events in the same one (ADR 0020).
 * Moderation decides; these functions only carry the decision out on monument's tables.
 */

export type { StoryStatus }

/** What a moderator works with: the author's text, the moderated version and where it stands. */
export type ModerationStory = Pick<
  Story,
  'id' | 'slug' | 'authorId' | 'status' | 'title' | 'body' | 'contentNote' | 'publishedTitle' | 'publishedBody' | 'hiddenAt' | 'submittedAt'
>
const storyColumns = {
  id: stories.id,
  slug: stories.slug,
  authorId: stories.authorId,
  status: stories.status,
  title: stories.title,
  body: stories.body,
  contentNote: stories.contentNote,
  publishedTitle: stories.publishedTitle,
  publishedBody: stories.publishedBody,
  hiddenAt: stories.hiddenAt,
  submittedAt: stories.submittedAt,
}

/** A medium as the moderator reviews it: what it is, its author's texts and their moderated version. */
export type ModerationMedia = Pick<
  StoryMedia,
  | 'id'
  | 'kind'
  | 'mime'
  | 'variants'
  | 'description'
  | 'transcript'
  | 'captionsFileId'
  | 'publishedDescription'
  | 'publishedTranscript'
  | 'publishedCaptions'
  | 'textModeratedAt'
>

/**
 * The states in which staff may read a story: from the moment the author sends it in. A draft
 * is the author's alone (also one taken back before review), and a story its author withdrew
 * is no longer ours to read; no moderation step starts from either, and the media route
 * refuses their media to moderators likewise (`canViewMedia`).
 */
const STAFF_STORY_STATUSES = [
  'submitted',
  'inReview',
  'changesRequested',
  'awaitingAuthor',
  'approved',
  'published',
  'removed',
] as const satisfies readonly StoryStatus[]

/**
 * THE one query that loads a story for staff, scoped by status in its `where`: the review
 * page and every moderation step go through it, so a draft cannot be read by forgetting a
 * check. Null for a story outside those states, exactly as for one that does not exist: staff
 * must not learn that a draft exists. `lock` holds the row until the transaction ends.
 */
export async function findStoryForStaff({ storyId, lock = false }: { storyId: string; lock?: boolean }, tx: DbOrTx = db): Promise<ModerationStory | null> {
  if (!isUuid(storyId)) return null
  const query = tx
    .select(storyColumns)
    .from(stories)
    .where(and(eq(stories.id, storyId), inArray(stories.status, [...STAFF_STORY_STATUSES])))
  const [story] = lock ? await query.for('update') : await query
  return story ?? null
}

/** Stories in the given states for the moderators' queue, oldest waiting first (at most 200). */
export async function listStoriesWaiting({ statuses }: { statuses: readonly StoryStatus[] }, tx: DbOrTx = db) {
  return tx
    .select({ id: stories.id, title: stories.title, status: stories.status, submittedAt: stories.submittedAt, updatedAt: stories.updatedAt })
    .from(stories)
    .where(inArray(stories.status, [...statuses]))
    .orderBy(asc(sql`coalesce(${stories.submittedAt}, ${stories.updatedAt})`), asc(stories.id))
    .limit(200)
}

/** A story's media in the author's order, for review. */
export async function listMediaForModeration({ storyId }: { storyId: string }, tx: DbOrTx = db): Promise<ModerationMedia[]> {
  return tx
    .select({
      id: storyMedia.id,
      kind: storyMedia.kind,
      mime: storyMedia.mime,
      variants: storyMedia.variants,
      description: storyMedia.description,
      transcript: storyMedia.transcript,
      captionsFileId: storyMedia.captionsFileId,
      publishedDescription: storyMedia.publishedDescription,
      publishedTranscript: storyMedia.publishedTranscript,
      publishedCaptions: storyMedia.publishedCaptions,
      textModeratedAt: storyMedia.textModeratedAt,
    })
    .from(storyMedia)
    .where(eq(storyMedia.storyId, storyId))
    .orderBy(asc(storyMedia.position))
}

/** Moves a story to the status a moderation step led to (the caller checked the lifecycle). */
export async function setStoryStatus({ storyId, status }: { storyId: string; status: StoryStatus }, tx: DbOrTx = db) {
  await tx.update(stories).set({ status }).where(eq(stories.id, storyId))
}

type ModeratedMediaText = { mediaId: string; description: string | null; transcript: string | null; captions: string | null }

/**
 * Stores the moderated version of a story and of its media's texts (what readers will get once
 * the author approves) and moves the story to `status`. Nothing is published here.
 */
export async function saveModeratedVersion(
  {
    storyId,
    status,
    title,
    body,
    contentNote,
    media,
    moderatedAt = new Date(),
  }: { storyId: string; status: StoryStatus; title: string; body: string; contentNote: string | null; media: ModeratedMediaText[]; moderatedAt?: Date },
  tx: DbOrTx = db,
) {
  await tx.update(stories).set({ status, publishedTitle: title, publishedBody: body, publishedContentNote: contentNote }).where(eq(stories.id, storyId))
  for (const m of media) {
    await tx
      .update(storyMedia)
      .set({ publishedDescription: m.description, publishedTranscript: m.transcript, publishedCaptions: m.captions, textModeratedAt: moderatedAt })
      .where(and(eq(storyMedia.id, m.mediaId), eq(storyMedia.storyId, storyId)))
  }
}

// ——— reports and takedown ————————————————————————————————————————————————————————

/**
 * The story behind a slug when this reader can see it, locked for the report being filed
 * (same visibility rule as every public page); null when it is not visible.
 */
export async function lockVisibleStory({ slug, reader }: { slug: string; reader: Reader }, tx: DbOrTx = db) {
  const [story] = await tx
    .select({ id: stories.id, authorId: stories.authorId })
    .from(stories)
    .where(and(eq(stories.slug, slug), visibleTo(reader)))
    .for('update')
  return story ?? null
}

/**
 * A reported story, locked, in whatever state it is now (a report outlives a withdrawal or a
 * removal; the decision must still be recorded). Null when it no longer exists.
 */
export async function lockReportedStory({ storyId }: { storyId: string }, tx: DbOrTx = db): Promise<ModerationStory | null> {
  const [story] = await tx.select(storyColumns).from(stories).where(eq(stories.id, storyId)).for('update')
  return story ?? null
}

/** Takes a story off every public page at once (a report says someone is identified); an earlier hiding keeps its time. */
export async function hideStory({ storyId, at = new Date() }: { storyId: string; at?: Date }, tx: DbOrTx = db) {
  await tx.update(stories).set({ hiddenAt: at }).where(and(eq(stories.id, storyId), isNull(stories.hiddenAt)))
}

/** Brings a hidden story back (the report was decided: keep). */
export async function unhideStory({ storyId }: { storyId: string }, tx: DbOrTx = db) {
  await tx.update(stories).set({ hiddenAt: null }).where(eq(stories.id, storyId))
}

/**
 * Outside the author's lifecycle on purpose: after a report a moderator takes a published story
 * back into review. It is off the monument until the author approves a new version.
 */
export async function takeBackIntoReview({ storyId }: { storyId: string }, tx: DbOrTx = db) {
  await tx.update(stories).set({ status: 'inReview', hiddenAt: null }).where(eq(stories.id, storyId))
}

/**
 * The stories behind a list of reports. A story its author withdrew since the report keeps no
 * title here (see STAFF_STORY_STATUSES); staff only learn that it was reported.
 */
export async function describeReportedStories({ storyIds }: { storyIds: string[] }, tx: DbOrTx = db) {
  if (storyIds.length === 0) return new Map<string, { slug: string; title: string | null; status: StoryStatus; hidden: boolean }>()
  const rows = await tx
    .select({
      id: stories.id,
      slug: stories.slug,
      title: sql<string | null>`case when ${inArray(stories.status, [...STAFF_STORY_STATUSES])} then ${stories.publishedTitle} end`,
      status: stories.status,
      hiddenAt: stories.hiddenAt,
    })
    .from(stories)
    .where(inArray(stories.id, [...new Set(storyIds)]))
  return new Map(rows.map((r) => [r.id, { slug: r.slug, title: r.title, status: r.status, hidden: r.hiddenAt !== null }]))
}

/** The ids of a person's own stories (moderation's part of their data export and erasure). */
export async function listStoryIdsOfAuthor({ authorId }: { authorId: string }, tx: DbOrTx = db) {
  const rows = await tx.select({ id: stories.id }).from(stories).where(eq(stories.authorId, authorId))
  return rows.map((r) => r.id)
}
