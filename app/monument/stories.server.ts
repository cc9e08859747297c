import { randomBytes } from 'node:crypto'
import { and, desc, eq } from 'drizzle-orm'
import { db, type DbOrTx, type Tx } from '@db/client.server'
import { stories, type Story } from '@db/schema/monument'
import { isEditableByAuthor } from './lifecycle'
import { StoryFieldsSchema, type StoryFields } from './schemas'

/**
 * The survivor's own stories: finding, creating, listing and saving a draft. Every function
 * is scoped by `authorId`, so another survivor's story is simply not found (the route
 * answers 404). The steps on the path to publication, consent and deletion have files of
 * their own (story-steps, story-consent, delete-story).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v)

/** Reuse the caller's transaction; open one otherwise. */
export function inTx<T>(tx: DbOrTx | undefined, run: (t: Tx) => Promise<T>): Promise<T> {
  return tx && tx !== db ? run(tx as Tx) : db.transaction(run)
}

/** A random slug: never derived from the title, which could hold a name. */
function newSlug() {
  return randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x')
}

export async function createStory({ authorId }: { authorId: string }, tx: DbOrTx = db): Promise<Story> {
  const [story] = await tx.insert(stories).values({ authorId, slug: newSlug() }).returning()
  return story!
}

/**
 * The author's own story, or null (also for another survivor's id or a malformed one): the
 * one own-story check of the monument. `lock` takes a row lock for the caller's transaction,
 * so a step decided on this row cannot race another tab's.
 */
export async function getOwnStory({ authorId, storyId, lock = false }: { authorId: string; storyId: string; lock?: boolean }, tx: DbOrTx = db): Promise<Story | null> {
  if (!isUuid(storyId)) return null
  const query = tx.select().from(stories).where(and(eq(stories.id, storyId), eq(stories.authorId, authorId)))
  const [story] = lock ? await query.for('update') : await query
  return story ?? null
}

export async function listOwnStories({ authorId }: { authorId: string }, tx: DbOrTx = db) {
  return tx
    .select({
      id: stories.id,
      title: stories.title,
      status: stories.status,
      audience: stories.audience,
      hiddenAt: stories.hiddenAt,
      updatedAt: stories.updatedAt,
      publishedAt: stories.publishedAt,
    })
    .from(stories)
    .where(eq(stories.authorId, authorId))
    .orderBy(desc(stories.updatedAt))
}

export type SaveDraftResult =
  | { ok: true; revision: number; savedAt: Date }
  | { ok: false; reason: 'notFound' | 'notEditable' }
  /** Saved elsewhere meanwhile (another tab): nothing was overwritten; the caller keeps what was typed. */
  | { ok: false; reason: 'conflict'; revision: number }

/**
 * Saves (part of) a draft. Optimistic concurrency: `revision` is the one the form was loaded
 * with; when the story was saved since (another tab, an autosave that raced), the save is
 * refused and the caller shows the typed text again with a message, so nothing is lost.
 */
export async function saveDraft(
  { authorId, storyId, revision, fields }: { authorId: string; storyId: string; revision: number; fields: StoryFields },
  tx?: DbOrTx,
): Promise<SaveDraftResult> {
  const values = StoryFieldsSchema.parse(fields)
  return inTx(tx, async (t) => {
    const story = await getOwnStory({ authorId, storyId, lock: true }, t)
    if (!story) return { ok: false, reason: 'notFound' }
    if (!isEditableByAuthor(story.status)) return { ok: false, reason: 'notEditable' }
    if (story.revision !== revision) return { ok: false, reason: 'conflict', revision: story.revision }
    const set: Partial<typeof stories.$inferInsert> = {}
    if ('title' in values) set.title = values.title ?? ''
    if ('body' in values) set.body = values.body ?? ''
    if ('contentNote' in values) set.contentNote = values.contentNote ?? null
    if ('decades' in values) set.decades = values.decades ?? []
    if ('settings' in values) set.settings = values.settings ?? []
    if ('violenceKinds' in values) set.violenceKinds = values.violenceKinds ?? []
    if ('themes' in values) set.themes = values.themes ?? []
    if ('region' in values) set.region = values.region ?? null
    if ('institutionName' in values) set.institutionName = values.institutionName ?? null
    if (values.displayMode) {
      set.displayMode = values.displayMode
      // A pseudonym is kept only while it is the chosen way of being shown.
      set.pseudonym = values.displayMode === 'pseudonym' ? (values.pseudonym ?? null) : null
    } else if ('pseudonym' in values) set.pseudonym = values.pseudonym ?? null
    const now = new Date()
    const [saved] = await t
      .update(stories)
      .set({ ...set, revision: story.revision + 1, updatedAt: now })
      .where(eq(stories.id, story.id))
      .returning({ revision: stories.revision })
    return { ok: true, revision: saved!.revision, savedAt: now }
  })
}

