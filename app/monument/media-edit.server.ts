import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { and, asc, eq, inArray } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { storedFiles } from '@db/schema/files'
import { stories, storyMedia } from '@db/schema/monument'
import type { ConsentLocale } from '~/consent/consent.server'
import { recordOwnConsent } from '~/consent/own-consent.server'
import { deleteMediaMarks } from '~/moderation/for-media.server'
import { storage } from '~/utils/storage.server'
import { isEditableByAuthor } from './lifecycle'
import { getOwnMediaConsentView } from './media-consent.server'
import { isWebVtt, MediaDetailsSchema, type MediaDetails } from './schemas'
import { getOwnStory, isUuid } from './stories.server'

/**
 * The author's own media after upload: the list on the media step, description and
 * transcript, captions, per-medium consent, and deletion.
 */

async function getOwnMedia({ authorId, mediaId }: { authorId: string; mediaId: string }, tx: DbOrTx = db) {
  if (!isUuid(mediaId)) return null
  const [row] = await tx
    .select({ media: storyMedia, story: stories })
    .from(storyMedia)
    .innerJoin(stories, eq(stories.id, storyMedia.storyId))
    .where(and(eq(storyMedia.id, mediaId), eq(stories.authorId, authorId)))
  return row ?? null
}

/** The story's media for its author, with each medium's consent state (both per-medium purposes). */
export async function listOwnStoryMedia({ authorId, storyId }: { authorId: string; storyId: string }, tx: DbOrTx = db) {
  const story = await getOwnStory({ authorId, storyId }, tx)
  if (!story) return []
  const media = await tx.select().from(storyMedia).where(eq(storyMedia.storyId, story.id)).orderBy(asc(storyMedia.position))
  const out = []
  for (const m of media) {
    const consents = await getOwnMediaConsentView({ authorId, mediaId: m.id }, tx)
    out.push({ ...m, publishConsent: consents['media.publish'].granted, consents, hasCaptions: Boolean(m.captionsFileId) })
  }
  return out
}

/**
 * Changed media text is unreviewed text: the moderated version is dropped, and only a new
 * review (the story is resubmitted, as for the story's own text) gives it back to readers.
 */
const UNMODERATED = { publishedDescription: null, publishedTranscript: null, publishedCaptions: null, textModeratedAt: null } as const

export async function updateMediaDetails({ authorId, mediaId, details }: { authorId: string; mediaId: string; details: MediaDetails }) {
  const values = MediaDetailsSchema.parse(details)
  const own = await getOwnMedia({ authorId, mediaId })
  if (!own) return { ok: false as const, reason: 'notFound' as const }
  // Descriptions and transcripts are published text: they go through moderation with the
  // story, so they change only while the story itself may be edited.
  if (!isEditableByAuthor(own.story.status)) return { ok: false as const, reason: 'notEditable' as const }
  const description = values.description ?? null
  const transcript = own.media.kind === 'photo' ? null : (values.transcript ?? null)
  const changed = description !== own.media.description || transcript !== own.media.transcript
  await db
    .update(storyMedia)
    .set({ description, transcript, ...(changed ? UNMODERATED : {}), updatedAt: new Date() })
    .where(eq(storyMedia.id, own.media.id))
  return { ok: true as const }
}

/** Gives or withdraws `media.publish` for one medium (a survivor may publish the text but keep a photo private). */
export async function setMediaConsent({ authorId, mediaId, grant, locale }: { authorId: string; mediaId: string; grant: boolean; locale: ConsentLocale }) {
  const own = await getOwnMedia({ authorId, mediaId })
  if (!own) return { ok: false as const, reason: 'notFound' as const }
  const result = await recordOwnConsent({ userId: authorId, objectType: 'media', objectId: own.media.id, purpose: 'media.publish', grant, locale })
  return { ok: true as const, granted: result.granted }
}

export const CAPTIONS_MAX_BYTES = 1_000_000

/** Adds (or replaces) WebVTT captions for an audio or video medium. The text must start with "WEBVTT". */
export async function setMediaCaptions({ authorId, mediaId, input, beforeCommit }: { authorId: string; mediaId: string; input: Readable; beforeCommit?: () => Promise<void> }) {
  const own = await getOwnMedia({ authorId, mediaId })
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of input) {
    size += (chunk as Buffer).length
    if (size > CAPTIONS_MAX_BYTES) {
      input.resume()
      return { ok: false as const, reason: 'monument:media.errors.captionsTooLarge' as const }
    }
    chunks.push(chunk as Buffer)
  }
  if (!own || own.media.kind === 'photo') return { ok: false as const, reason: 'notFound' as const }
  if (!isEditableByAuthor(own.story.status)) return { ok: false as const, reason: 'monument:media.errors.notEditable' as const }
  const text = Buffer.concat(chunks).toString('utf8')
  if (!isWebVtt(text)) return { ok: false as const, reason: 'monument:media.errors.captionsNotVtt' as const }
  // Nothing is stored for a form that does not arrive whole.
  await beforeCommit?.()
  const key = `monument/${own.story.id}/${own.media.id}/captions-${randomUUID()}.vtt`
  const stored = await storage.put({ key, body: Readable.from([Buffer.from(text, 'utf8')]), contentType: 'text/vtt; charset=utf-8' })
  let oldKey: string | null = null
  try {
    await db.transaction(async (t) => {
      const [file] = await t.insert(storedFiles).values({ key, byteSize: stored.size, contentType: 'text/vtt; charset=utf-8', sha256: stored.sha256, purpose: 'monument.captions' }).returning({ id: storedFiles.id })
      await t.update(storyMedia).set({ captionsFileId: file!.id, ...UNMODERATED, updatedAt: new Date() }).where(eq(storyMedia.id, own.media.id))
      if (own.media.captionsFileId) {
        const [old] = await t.delete(storedFiles).where(eq(storedFiles.id, own.media.captionsFileId)).returning({ key: storedFiles.key })
        oldKey = old?.key ?? null
      }
    })
  } catch (error) {
    await storage.remove(key).catch(() => {})
    throw error
  }
  if (oldKey) await storage.remove(oldKey).catch(() => {})
  return { ok: true as const }
}

/** Removes a medium and its files (rows in one transaction, objects after the commit). */
export async function deleteStoryMedia({ authorId, mediaId }: { authorId: string; mediaId: string }) {
  const keys = await db.transaction(async (t) => {
    const own = await getOwnMedia({ authorId, mediaId }, t)
    if (!own) return null
    const m = own.media
    const fileIds = [m.fileId, ...Object.values(m.variants), ...(m.captionsFileId ? [m.captionsFileId] : [])]
    await t.delete(storyMedia).where(eq(storyMedia.id, m.id))
    // Its marks may hold third parties' names: they go with it.
    await deleteMediaMarks({ storyId: m.storyId, mediaId: m.id }, t)
    const removed = await t.delete(storedFiles).where(inArray(storedFiles.id, fileIds)).returning({ key: storedFiles.key })
    return removed.map((r) => r.key)
  })
  if (!keys) return { ok: false as const, reason: 'notFound' as const }
  await storage.removeMany(keys)
  return { ok: true as const }
}
