import { createHash, randomBytes } from 'node:crypto'
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { db, type DbOrTx, type Tx } from '@db/client.server'
import type { ConsentLocale } from '@db/schema/consent'
import { storedFiles } from '@db/schema/files'
import { institutionNames, stories, storyMedia, type Story } from '@db/schema/monument'
import { getConsentState, grantConsent, listConsentHistory, withdrawConsent } from '~/consent/consent.server'
import { storage } from '~/utils/storage.server'
import { nextStatus, isEditableByAuthor, type StoryTransition } from './lifecycle'
import { StoryFieldsSchema, SubmitStorySchema, type StoryConsentPurpose, type StoryFields } from './schemas'

/**
 * The survivor's side of a story: writing, submitting, approving the moderated version,
 * consent, withdrawal and deletion. Every function is scoped by `authorId`, so another
 * survivor's story is simply not found (the route answers 404).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v)

function inTx<T>(tx: DbOrTx | undefined, run: (t: Tx) => Promise<T>): Promise<T> {
  // Reuse the caller's transaction; open one otherwise.
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

/** The author's own story, or null (also for another survivor's id or a malformed one). */
export async function getOwnStory({ authorId, storyId }: { authorId: string; storyId: string }, tx: DbOrTx = db): Promise<Story | null> {
  if (!isUuid(storyId)) return null
  const [story] = await tx.select().from(stories).where(and(eq(stories.id, storyId), eq(stories.authorId, authorId)))
  return story ?? null
}

async function lockOwnStory(tx: Tx, { authorId, storyId }: { authorId: string; storyId: string }) {
  if (!isUuid(storyId)) return null
  const [story] = await tx
    .select()
    .from(stories)
    .where(and(eq(stories.id, storyId), eq(stories.authorId, authorId)))
    .for('update')
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
    const story = await lockOwnStory(t, { authorId, storyId })
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

export type StepResult = { ok: true; story: Story } | { ok: false; reason: 'notFound' | 'notAllowed' | 'incomplete' | 'needsConsent' | 'versionChanged' | 'mediaNeedsTranscript'; fields?: string[] }

async function transition(
  t: Tx,
  story: Story,
  step: StoryTransition,
  extra: Partial<typeof stories.$inferInsert> = {},
): Promise<StepResult> {
  const to = nextStatus(step, 'author', story.status)
  if (!to) return { ok: false, reason: 'notAllowed' }
  const [updated] = await t
    .update(stories)
    .set({ ...extra, status: to, updatedAt: new Date() })
    .where(eq(stories.id, story.id))
    .returning()
  return { ok: true, story: updated! }
}

/** Sends the story to the moderators. Needs a title and a text (and a pseudonym when chosen). */
export async function submitStory({ authorId, storyId }: { authorId: string; storyId: string }, tx?: DbOrTx): Promise<StepResult> {
  return inTx(tx, async (t) => {
    const story = await lockOwnStory(t, { authorId, storyId })
    if (!story) return { ok: false, reason: 'notFound' }
    const check = SubmitStorySchema.safeParse(story)
    if (!check.success) return { ok: false, reason: 'incomplete', fields: check.error.issues.map((i) => String(i.path[0])) }
    const result = await transition(t, story, 'submit', { submittedAt: new Date() })
    if (result.ok && story.institutionName) await rememberInstitution(t, story.institutionName)
    return result
  })
}

/** Takes a submitted story back before a moderator has started reading. */
export async function retractSubmission({ authorId, storyId }: { authorId: string; storyId: string }, tx?: DbOrTx): Promise<StepResult> {
  return inTx(tx, async (t) => {
    const story = await lockOwnStory(t, { authorId, storyId })
    if (!story) return { ok: false, reason: 'notFound' }
    return transition(t, story, 'retract')
  })
}

/**
 * A fingerprint of the moderated version as the author saw it. The approve form carries it,
 * so a moderator's later change cannot be approved unseen: nothing is published that the
 * author has not seen.
 */
export function moderatedVersionFingerprint(story: Pick<Story, 'publishedTitle' | 'publishedBody' | 'publishedContentNote'>) {
  return createHash('sha256')
    .update(JSON.stringify([story.publishedTitle ?? '', story.publishedBody ?? '', story.publishedContentNote ?? '']))
    .digest('hex')
    .slice(0, 32)
}

/** The author agrees with the moderated version they were shown; published at once when a publish consent exists. */
export async function approveModeratedVersion(
  { authorId, storyId, seenVersion }: { authorId: string; storyId: string; seenVersion: string },
  tx?: DbOrTx,
): Promise<StepResult & { published?: boolean }> {
  return inTx(tx, async (t) => {
    const story = await lockOwnStory(t, { authorId, storyId })
    if (!story) return { ok: false, reason: 'notFound' }
    if (story.status !== 'awaitingAuthor') return { ok: false, reason: 'notAllowed' }
    if (moderatedVersionFingerprint(story) !== seenVersion) return { ok: false, reason: 'versionChanged' }
    const approved = await transition(t, story, 'approveVersion', { authorApprovedAt: new Date() })
    if (!approved.ok) return approved
    const published = await publishIfConsented({ storyId }, t)
    return { ok: true, story: published.story ?? approved.story, published: published.published }
  })
}

/** The author does not agree with the moderated version: back to them to change, nothing published. */
export async function rejectModeratedVersion({ authorId, storyId }: { authorId: string; storyId: string }, tx?: DbOrTx): Promise<StepResult> {
  return inTx(tx, async (t) => {
    const story = await lockOwnStory(t, { authorId, storyId })
    if (!story) return { ok: false, reason: 'notFound' }
    return transition(t, story, 'rejectVersion')
  })
}

/**
 * approved → published, only when a publish consent exists (audience 'public' or
 * 'fellowSurvivors', projected from the ledger). Safe to call at any time: it does nothing
 * in other states. Called after the author's approval and after every consent change.
 */
export async function publishIfConsented({ storyId }: { storyId: string }, tx?: DbOrTx): Promise<{ published: boolean; story?: Story }> {
  return inTx(tx, async (t) => {
    const [story] = await t.select().from(stories).where(eq(stories.id, storyId)).for('update')
    if (!story || story.status !== 'approved' || story.audience === 'none' || !story.authorApprovedAt) return { published: false, story }
    const [updated] = await t
      .update(stories)
      .set({ status: 'published', publishedAt: story.publishedAt ?? new Date(), updatedAt: new Date() })
      .where(eq(stories.id, story.id))
      .returning()
    return { published: true, story: updated! }
  })
}

/** The author takes the story back, from any state: it leaves every public page at the next request. */
export async function withdrawStory({ authorId, storyId }: { authorId: string; storyId: string }, tx?: DbOrTx): Promise<StepResult> {
  return inTx(tx, async (t) => {
    const story = await lockOwnStory(t, { authorId, storyId })
    if (!story) return { ok: false, reason: 'notFound' }
    return transition(t, story, 'withdraw')
  })
}

/** Storage keys of a set of stories' media (originals, variants, captions). */
export async function mediaKeysOfStories(storyIds: string[], tx: DbOrTx = db): Promise<{ fileIds: string[]; keys: string[] }> {
  if (storyIds.length === 0) return { fileIds: [], keys: [] }
  const media = await tx.select().from(storyMedia).where(inArray(storyMedia.storyId, storyIds))
  const fileIds = media.flatMap((m) => [m.fileId, ...Object.values(m.variants), ...(m.captionsFileId ? [m.captionsFileId] : [])])
  if (fileIds.length === 0) return { fileIds: [], keys: [] }
  const files = await tx.select({ key: storedFiles.key }).from(storedFiles).where(inArray(storedFiles.id, fileIds))
  return { fileIds, keys: files.map((f) => f.key) }
}

export type DeleteStoryResult =
  | { deleted: true; removedKeys: string[] }
  | { deleted: false; reason: 'notFound' }
  /** Handed to the archive already: the story stays as that consent covers (see `kept`). */
  | { deleted: false; reason: 'archived'; kept: 'monument:kept.archiveTransfer' }

/**
 * Deletes a story with its media rows and files, then removes the objects from storage after
 * the commit (an object whose removal fails has no row any more: the orphan sweep removes it).
 * A story already handed to the archive (with the survivor's consent) is withdrawn instead.
 */
export async function deleteStory({ authorId, storyId }: { authorId: string; storyId: string }): Promise<DeleteStoryResult> {
  const outcome = await db.transaction(async (t): Promise<DeleteStoryResult> => {
    const story = await lockOwnStory(t, { authorId, storyId })
    if (!story) return { deleted: false, reason: 'notFound' }
    if (story.archiveTransferredAt) {
      if (story.status !== 'withdrawn' && nextStatus('withdraw', 'author', story.status)) await transition(t, story, 'withdraw')
      return { deleted: false, reason: 'archived', kept: 'monument:kept.archiveTransfer' }
    }
    const { fileIds, keys } = await mediaKeysOfStories([story.id], t)
    await t.delete(stories).where(eq(stories.id, story.id)) // story_media cascades
    if (fileIds.length) await t.delete(storedFiles).where(inArray(storedFiles.id, fileIds))
    return { deleted: true, removedKeys: keys }
  })
  if (outcome.deleted) await storage.removeMany(outcome.removedKeys)
  return outcome
}

/** Institution suggestions for the <datalist>: names survivors typed, most used first. */
export async function listInstitutionSuggestions({ limit = 200 }: { limit?: number } = {}, tx: DbOrTx = db) {
  const rows = await tx.select({ name: institutionNames.name }).from(institutionNames).orderBy(desc(institutionNames.uses), asc(institutionNames.name)).limit(limit)
  return rows.map((r) => r.name)
}

async function rememberInstitution(t: DbOrTx, name: string) {
  const clean = name.trim().replace(/\s+/g, ' ')
  if (!clean) return
  // The unique index is on lower(name): drizzle's onConflict cannot name an expression.
  await t.execute(sql`insert into institution_names (name) values (${clean}) on conflict (lower(name)) do update set uses = institution_names.uses + 1`)
}

// ——— consent ————————————————————————————————————————————————————————————————

export type StoryAudience = Story['audience']

/** The reading audience that follows from the ledger's current state. */
export function audienceFrom(state: Record<string, { granted: boolean }>): StoryAudience {
  if (state['monument.publishPublic']?.granted) return 'public'
  if (state['monument.fellowSurvivors']?.granted) return 'fellowSurvivors'
  return 'none'
}

/**
 * Gives or withdraws one consent for a story: a new ledger event AND the `audience`
 * projection in the same transaction, so the reading side (which filters on `audience`)
 * follows at the next request. One form and one button either way.
 */
export async function setStoryConsent(
  { authorId, storyId, purpose, grant, locale }: { authorId: string; storyId: string; purpose: StoryConsentPurpose; grant: boolean; locale: ConsentLocale },
  tx?: DbOrTx,
): Promise<{ ok: true; audience: StoryAudience; changed: boolean; published: boolean } | { ok: false; reason: 'notFound' }> {
  return inTx(tx, async (t) => {
    const story = await lockOwnStory(t, { authorId, storyId })
    if (!story) return { ok: false, reason: 'notFound' }
    const change = { subjectRef: authorId, userId: authorId, objectType: 'story' as const, objectId: story.id, purpose, locale, channel: 'web' as const }
    const result = grant ? await grantConsent(change, t) : await withdrawConsent(change, t)
    const state = await getConsentState({ subjectRef: authorId, objectType: 'story', objectId: story.id }, t)
    const audience = audienceFrom(state)
    if (audience !== story.audience) await t.update(stories).set({ audience, updatedAt: new Date() }).where(eq(stories.id, story.id))
    const { published } = await publishIfConsented({ storyId: story.id }, t)
    return { ok: true, audience, changed: result.changed, published }
  })
}

/** The current state of the story's consents and their full history (newest first). */
export async function getStoryConsents({ authorId, storyId }: { authorId: string; storyId: string }, tx: DbOrTx = db) {
  const state = await getConsentState({ subjectRef: authorId, objectType: 'story', objectId: storyId }, tx)
  const history = (await listConsentHistory({ subjectRef: authorId }, tx)).filter((e) => e.objectType === 'story' && e.objectId === storyId)
  return { state, history }
}

/** For the moderators' page: the story's consent state (they may not publish without a publish consent). */
export async function getStoryConsentState({ storyId }: { storyId: string }, tx: DbOrTx = db) {
  const [story] = await tx.select({ authorId: stories.authorId }).from(stories).where(eq(stories.id, storyId))
  if (!story?.authorId) return null
  return getConsentState({ subjectRef: story.authorId, objectType: 'story', objectId: storyId }, tx)
}
