import { createHash, randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import type { ConsentLocale } from '@db/schema/consent'
import { storedFiles } from '@db/schema/files'
import { pilloryMarks } from '@db/schema/moderation'
import { stories, storyMedia, type Story, type StoryMedia } from '@db/schema/monument'
import { ObjectTooLargeError } from '@storage/index'
import { recordAccess } from '~/audit/audit.server'
import { can } from '~/auth/policy'
import type { Role } from '~/auth/roles'
import { getConsentState, grantConsent, hasConsent, withdrawConsent } from '~/consent/consent.server'
import { storage } from '~/utils/storage.server'
import { isEditableByAuthor } from './lifecycle'
import { checkQuota, formatBytes, maxUploadBytes, MEDIA_BYTE_LIMITS, SURVIVOR_QUOTA_BYTES, type MediaKind } from './media-limits'
import { MediaIncompleteError, probeStoredMedia, type ProbeErrorKey } from './media-probe.server'
import { MediaTypeError, sniffMediaStream } from './media-type.server'
import { PhotoProcessingError, processPhoto } from './photo.server'
import { isWebVtt, MediaDetailsSchema, type MediaDetails } from './schemas'
import { approveModeratedVersion, getOwnStory, isUuid, moderatedVersionFingerprint } from './stories.server'

/**
 * Photos, audio and video of a story: upload (streamed, typed by its bytes, within limits),
 * details, per-medium consent, deletion, and the one authorisation check the media route
 * makes on every request.
 */

export type UploadErrorKey =
  | MediaTypeError['key']
  | PhotoProcessingError['key']
  | ProbeErrorKey
  | 'monument:media.errors.tooLarge'
  | 'monument:media.errors.quotaExceeded'
  | 'monument:media.errors.interrupted'
  | 'monument:media.errors.noFile'
  | 'monument:media.errors.notEditable'

export class UploadRefusedError extends Error {
  constructor(
    public readonly key: UploadErrorKey,
    public readonly values: Record<string, string> = {},
    options?: { cause?: unknown },
  ) {
    super(`upload refused: ${key}`, options)
    this.name = 'UploadRefusedError'
  }
}

/** Bytes a survivor already stores on the monument (originals, variants and captions). */
async function usedBytesOf(ownerId: string, tx: DbOrTx) {
  const [row] = await tx.execute<{ used: string | null }>(sql`
    select coalesce(sum(f.byte_size), 0)::text as used
    from ${storyMedia} m
    join ${storedFiles} f on f.id = m.file_id
      or f.id::text in (select jsonb_each_text.value from jsonb_each_text(m.variants))
      or f.id = m.captions_file_id
    where m.owner_id = ${ownerId}`)
  return Number(row?.used ?? 0)
}

type PutFile = { key: string; size: number; sha256: string; contentType: string }

/**
 * Stores one uploaded file for a story. The input is streamed: its type is decided by its
 * first bytes, audio and video go straight to storage (multipart above 8 MiB) with a byte
 * limit that aborts the upload, photos are re-encoded without metadata (with web variants).
 * Rows in stored_files and story_media are written in one transaction, after a fresh quota
 * check under a per-survivor lock. On any refusal every object already written is removed:
 * nothing stays in the bucket.
 */
export async function addStoryMedia({
  authorId,
  storyId,
  input,
  beforeCommit,
}: {
  authorId: string
  storyId: string
  input: Readable
  /** Awaited once the file is stored and before its rows are written (the rest of the form must arrive too); a rejection undoes the upload. */
  beforeCommit?: () => Promise<void>
}): Promise<StoryMedia> {
  const story = await getOwnStory({ authorId, storyId })
  if (!story) throw new UploadRefusedError('monument:media.errors.notEditable')
  if (!isEditableByAuthor(story.status)) throw new UploadRefusedError('monument:media.errors.notEditable')

  let sniffed: Awaited<ReturnType<typeof sniffMediaStream>>
  try {
    sniffed = await sniffMediaStream(input)
  } catch (error) {
    if (error instanceof MediaTypeError) throw new UploadRefusedError(error.key, {}, { cause: error })
    throw new UploadRefusedError('monument:media.errors.interrupted', {}, { cause: error })
  }
  const kind = sniffed.kind
  const usedBefore = await usedBytesOf(authorId, db)
  const maxBytes = maxUploadBytes({ kind, usedBytes: usedBefore })
  const limitValues = { limit: formatBytes(MEDIA_BYTE_LIMITS[kind]), remaining: formatBytes(Math.max(0, SURVIVOR_QUOTA_BYTES - usedBefore)) }
  if (maxBytes <= 0) {
    sniffed.stream.destroy()
    throw new UploadRefusedError('monument:media.errors.quotaExceeded', limitValues)
  }
  const mediaId = randomUUID()
  const prefix = `monument/${story.id}/${mediaId}`
  const written: PutFile[] = []
  try {
    let original: PutFile
    const variants: Array<PutFile & { name: string }> = []
    if (kind === 'photo') {
      let photo: Awaited<ReturnType<typeof processPhoto>>
      try {
        photo = await processPhoto({ input: sniffed.stream, maxBytes })
      } catch (error) {
        if (error instanceof PhotoProcessingError) throw new UploadRefusedError(maxBytes < MEDIA_BYTE_LIMITS.photo && error.key === 'monument:media.errors.tooLarge' ? 'monument:media.errors.quotaExceeded' : error.key, limitValues, { cause: error })
        throw error
      }
      const ext = photo.original.mime === 'image/webp' ? 'webp' : 'jpg'
      const put = async (name: string, image: { buffer: Buffer; mime: string }) => {
        const key = `${prefix}/${name}.${ext}`
        const stored = await storage.put({ key, body: Readable.from([image.buffer]), contentType: image.mime })
        const file = { key, size: stored.size, sha256: stored.sha256, contentType: image.mime }
        written.push(file)
        return file
      }
      original = await put('original', photo.original)
      for (const v of photo.variants) variants.push({ ...(await put(v.name, v)), name: v.name })
    } else {
      const key = `${prefix}/original.${sniffed.ext}`
      // Registered before the put: a failed put removes its own object, but this list is what we clean up.
      const pending: PutFile = { key, size: 0, sha256: '', contentType: sniffed.mime }
      written.push(pending)
      const stored = await storage.put({ key, body: sniffed.stream, contentType: sniffed.mime, maxBytes })
      Object.assign(pending, { size: stored.size, sha256: stored.sha256 })
      original = pending
      if (original.size === 0) throw new UploadRefusedError('monument:media.errors.empty')
      // The first bytes said "audio" or "video"; whether the rest is there too is read back now.
      try {
        await probeStoredMedia({ storage, key, size: stored.size, mime: sniffed.mime, kind })
      } catch (error) {
        if (error instanceof MediaIncompleteError) throw new UploadRefusedError(error.key, {}, { cause: error })
        throw error
      }
    }
    if (original.size === 0) throw new UploadRefusedError('monument:media.errors.empty')
    await beforeCommit?.()

    return await db.transaction(async (t) => {
      // Two parallel uploads of one survivor must not both squeeze into the last gigabyte.
      await t.execute(sql`select pg_advisory_xact_lock(727300, hashtext(${authorId}))`)
      const [fresh] = await t.select({ status: stories.status }).from(stories).where(and(eq(stories.id, story.id), eq(stories.authorId, authorId))).for('update')
      if (!fresh || !isEditableByAuthor(fresh.status)) throw new UploadRefusedError('monument:media.errors.notEditable')
      const used = await usedBytesOf(authorId, t)
      const incoming = written.reduce((n, f) => n + f.size, 0)
      const quota = checkQuota({ kind, incomingBytes: incoming, usedBytes: used })
      if (!quota.ok) throw new UploadRefusedError(quota.key, quota.values)
      const rows = await t
        .insert(storedFiles)
        .values(written.map((f) => ({ key: f.key, byteSize: f.size, contentType: f.contentType, sha256: f.sha256, purpose: `monument.${kind}` })))
        .returning({ id: storedFiles.id, key: storedFiles.key })
      const idOf = (key: string) => rows.find((r) => r.key === key)!.id
      const [{ position } = { position: 0 }] = await t
        .select({ position: sql<number>`coalesce(max(${storyMedia.position}) + 1, 0)::int` })
        .from(storyMedia)
        .where(eq(storyMedia.storyId, story.id))
      const [media] = await t
        .insert(storyMedia)
        .values({
          id: mediaId,
          storyId: story.id,
          ownerId: authorId,
          kind,
          fileId: idOf(original.key),
          variants: Object.fromEntries(variants.map((v) => [v.name, idOf(v.key)])),
          mime: original.contentType,
          byteSize: original.size,
          position,
        })
        .returning()
      return media!
    })
  } catch (error) {
    await storage.removeMany(written.map((f) => f.key)).catch(() => {})
    if (error instanceof UploadRefusedError) throw error
    if (error instanceof ObjectTooLargeError) throw new UploadRefusedError(maxBytes < MEDIA_BYTE_LIMITS[kind] ? 'monument:media.errors.quotaExceeded' : 'monument:media.errors.tooLarge', limitValues, { cause: error })
    // The connection broke or the form was cut off halfway.
    throw new UploadRefusedError('monument:media.errors.interrupted', {}, { cause: error })
  }
}

async function getOwnMedia({ authorId, mediaId }: { authorId: string; mediaId: string }, tx: DbOrTx = db) {
  if (!isUuid(mediaId)) return null
  const [row] = await tx
    .select({ media: storyMedia, story: stories })
    .from(storyMedia)
    .innerJoin(stories, eq(stories.id, storyMedia.storyId))
    .where(and(eq(storyMedia.id, mediaId), eq(stories.authorId, authorId)))
  return row ?? null
}

/** The story's media for its author, with each medium's consent state. */
export async function listOwnStoryMedia({ authorId, storyId }: { authorId: string; storyId: string }, tx: DbOrTx = db) {
  const story = await getOwnStory({ authorId, storyId }, tx)
  if (!story) return []
  const media = await tx.select().from(storyMedia).where(eq(storyMedia.storyId, story.id)).orderBy(asc(storyMedia.position))
  const out = []
  for (const m of media) {
    const state = await getConsentState({ subjectRef: authorId, objectType: 'media', objectId: m.id }, tx)
    out.push({ ...m, publishConsent: state['media.publish'].granted, hasCaptions: Boolean(m.captionsFileId) })
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
  const change = { subjectRef: authorId, userId: authorId, objectType: 'media' as const, objectId: own.media.id, purpose: 'media.publish' as const, locale, channel: 'web' as const }
  const result = grant ? await grantConsent(change) : await withdrawConsent(change)
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
    await t.delete(pilloryMarks).where(and(eq(pilloryMarks.storyId, m.storyId), like(pilloryMarks.field, `media:${m.id}:%`)))
    const removed = await t.delete(storedFiles).where(inArray(storedFiles.id, fileIds)).returning({ key: storedFiles.key })
    return removed.map((r) => r.key)
  })
  if (!keys) return { ok: false as const, reason: 'notFound' as const }
  await storage.removeMany(keys)
  return { ok: true as const }
}

// ——— reading and serving ————————————————————————————————————————————————————

export type MediaViewer = { id: string; roles: readonly Role[] } | null

/** Whether a reader (not the owner, not a moderator) may see the story at all right now. */
export function storyReadableBy(story: Pick<Story, 'status' | 'hiddenAt' | 'audience'>, viewer: MediaViewer) {
  if (story.status !== 'published' || story.hiddenAt) return false
  if (story.audience === 'public') return true
  return story.audience === 'fellowSurvivors' && Boolean(viewer?.roles.includes('survivor'))
}

export type MediaDecision =
  | { outcome: 'allowed'; as: 'owner' | 'moderator' | 'reader'; media: StoryMedia; story: Story }
  /** Never existed, or not for this viewer: existence does not leak. */
  | { outcome: 'notFound' }
  /** Was public, is no longer (consent or story withdrawn, hidden, removed): 410. */
  | { outcome: 'gone' }

/**
 * THE authorisation check for a medium, made on every request: the owner; a moderator
 * (written to the access log by the caller, see `serveMedia`); a reader only when the story is
 * published, not hidden, its audience allows this viewer, the medium's own `media.publish`
 * consent is granted and (audio/video) it has a transcript.
 */
export async function canViewMedia({ mediaId, viewer }: { mediaId: string; viewer: MediaViewer }, tx: DbOrTx = db): Promise<MediaDecision> {
  if (!isUuid(mediaId)) return { outcome: 'notFound' }
  const [row] = await tx.select({ media: storyMedia, story: stories }).from(storyMedia).innerJoin(stories, eq(stories.id, storyMedia.storyId)).where(eq(storyMedia.id, mediaId))
  if (!row) return { outcome: 'notFound' }
  const { media, story } = row
  if (viewer && story.authorId === viewer.id) return { outcome: 'allowed', as: 'owner', media, story }
  // Moderators see what they may have to review or decide on: not a draft the author has not
  // sent in, nor a story the author withdrew.
  if (viewer && can(viewer, 'stories.moderate') && story.status !== 'draft' && story.status !== 'withdrawn') {
    return { outcome: 'allowed', as: 'moderator', media, story }
  }
  const consented = story.authorId
    ? await hasConsent({ subjectRef: story.authorId, objectType: 'media', objectId: media.id, purpose: 'media.publish' }, tx)
    : false
  const transcribed = isModeratedForReaders(media)
  if (storyReadableBy(story, viewer) && consented && transcribed) return { outcome: 'allowed', as: 'reader', media, story }
  // Fellow-survivors-only stories stay unknown to everyone else.
  if (story.status === 'published' && !story.hiddenAt && story.audience === 'fellowSurvivors' && consented && transcribed) return { outcome: 'notFound' }
  return story.publishedAt ? { outcome: 'gone' } : { outcome: 'notFound' }
}

/**
 * Readers get a medium only with its moderated text (approved by the author with the story)
 * and, for audio and video, a moderated transcript (WCAG 1.2.1).
 */
function isModeratedForReaders(m: StoryMedia) {
  return Boolean(m.textModeratedAt) && (m.kind === 'photo' || Boolean(m.publishedTranscript?.trim()))
}

export type ReadableMedia = {
  id: string
  kind: MediaKind
  mime: string
  description: string | null
  transcript: string | null
  /** Portal URLs, never bucket URLs. */
  url: string
  variantUrls: Record<string, string>
  captionsUrl: string | null
}

/**
 * The media a reader may see with a story (for the public story page): only media with a
 * granted `media.publish` consent and, for audio/video, a transcript. Empty when the story
 * itself is not readable for this viewer.
 */
export async function getReadableMedia({ storyId, viewer }: { storyId: string; viewer: MediaViewer }, tx: DbOrTx = db): Promise<ReadableMedia[]> {
  if (!isUuid(storyId)) return []
  const [story] = await tx.select().from(stories).where(eq(stories.id, storyId))
  if (!story?.authorId || !storyReadableBy(story, viewer)) return []
  const media = await tx.select().from(storyMedia).where(eq(storyMedia.storyId, story.id)).orderBy(asc(storyMedia.position))
  const out: ReadableMedia[] = []
  for (const m of media) {
    if (!isModeratedForReaders(m)) continue
    if (!(await hasConsent({ subjectRef: story.authorId, objectType: 'media', objectId: m.id, purpose: 'media.publish' }, tx))) continue
    out.push(toReadable(m))
  }
  return out
}

function toReadable(m: StoryMedia): ReadableMedia {
  return {
    id: m.id,
    kind: m.kind,
    mime: m.mime,
    // Only the moderated text, never the author's own (see `isModeratedForReaders`).
    description: m.publishedDescription,
    transcript: m.publishedTranscript,
    url: `/media/${m.id}`,
    variantUrls: Object.fromEntries(Object.keys(m.variants).map((v) => [v, `/media/${m.id}/${v}`])),
    captionsUrl: m.publishedCaptions ? `/media/${m.id}/captions` : null,
  }
}

export const MEDIA_VARIANTS = ['web', 'medium', 'thumb', 'captions'] as const

/** Parses a single `Range: bytes=…` header against the size; null when absent, 'invalid' when unsatisfiable. */
export function parseRange(header: string | null, size: number): { start: number; end: number } | null | 'invalid' {
  if (!header) return null
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  // Several ranges at once (multipart/byteranges) are rare for media; answering whole is allowed.
  if (!m) return header.includes(',') ? null : 'invalid'
  const [, a, b] = m
  if (a === '' && b === '') return 'invalid'
  let start: number
  let end: number
  if (a === '') {
    const suffix = Number(b)
    if (suffix === 0) return 'invalid'
    start = Math.max(0, size - suffix)
    end = size - 1
  } else {
    start = Number(a)
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1)
  }
  if (start >= size || start > end) return 'invalid'
  return { start, end }
}

/**
 * Answers a media request: authorisation on every request, then the bytes (or a range of
 * them) streamed from storage through the portal. Moderator views are written to the access log.
 */
export async function serveMedia({ request, mediaId, variant, viewer, ip }: { request: Request; mediaId: string; variant?: string; viewer: MediaViewer; ip: string | null }): Promise<Response> {
  const base = { 'X-Content-Type-Options': 'nosniff' }
  const decision = await canViewMedia({ mediaId, viewer })
  if (decision.outcome === 'notFound') return new Response('Not found', { status: 404, headers: { ...base, 'Cache-Control': 'no-store' } })
  if (decision.outcome === 'gone') return new Response('Gone', { status: 410, headers: { ...base, 'Cache-Control': 'no-store' } })
  const { media, story } = decision
  if (variant === 'captions' && decision.as === 'reader') {
    // Readers get the moderated captions (stored as text), never the author's own file.
    if (!media.publishedCaptions) return new Response('Not found', { status: 404, headers: { ...base, 'Cache-Control': 'no-store' } })
    const body = Buffer.from(media.publishedCaptions, 'utf8')
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        ...base,
        'Content-Type': 'text/vtt; charset=utf-8',
        'Content-Length': String(body.length),
        'Cache-Control': story.audience === 'public' ? 'public, max-age=0, must-revalidate' : 'private, no-store',
        'Cross-Origin-Resource-Policy': 'same-origin',
      },
    })
  }
  let fileId: string | undefined = media.fileId
  if (variant === 'captions') fileId = media.captionsFileId ?? undefined
  else if (variant) fileId = (MEDIA_VARIANTS as readonly string[]).includes(variant) ? media.variants[variant] : undefined
  if (!fileId) return new Response('Not found', { status: 404, headers: { ...base, 'Cache-Control': 'no-store' } })
  const [file] = await db.select().from(storedFiles).where(eq(storedFiles.id, fileId))
  if (!file) return new Response('Not found', { status: 404, headers: { ...base, 'Cache-Control': 'no-store' } })
  if (decision.as === 'moderator' && viewer) {
    await recordAccess({ actor: { id: viewer.id, roles: [...viewer.roles] }, action: 'story.mediaView', objectType: 'storyMedia', objectId: media.id, subjectId: story.authorId, purpose: 'moderation', outcome: 'success', ip })
  }
  const isPublic = decision.as === 'reader' && story.audience === 'public'
  const headers: Record<string, string> = {
    ...base,
    'Accept-Ranges': 'bytes',
    'Content-Type': file.contentType,
    'Content-Disposition': 'inline',
    // Revalidated on every use, so a withdrawal takes effect at the next request; never shared when not public.
    'Cache-Control': isPublic ? 'public, max-age=0, must-revalidate' : 'private, no-store',
    'Cross-Origin-Resource-Policy': 'same-origin',
  }
  const range = parseRange(request.headers.get('Range'), file.byteSize)
  if (range === 'invalid') return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${file.byteSize}` } })
  const object = await storage.stream({ key: file.key, range: range ?? undefined })
  if (!object) return new Response('Not found', { status: 404, headers: { ...base, 'Cache-Control': 'no-store' } })
  const body = Readable.toWeb(object.body) as ReadableStream<Uint8Array>
  if (request.method === 'HEAD') object.body.destroy()
  if (range) {
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 206,
      headers: { ...headers, 'Content-Length': String(range.end - range.start + 1), 'Content-Range': `bytes ${range.start}-${range.end}/${file.byteSize}` },
    })
  }
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: { ...headers, 'Content-Length': String(file.byteSize) } })
}

// ——— moderated media text for the author ————————————————————————————————————————————

/** The text of a stored WebVTT captions file (for the pillory guard and the moderator's view). */
export async function readCaptionsText({ fileId }: { fileId: string }, tx: DbOrTx = db): Promise<string | null> {
  const [file] = await tx.select({ key: storedFiles.key }).from(storedFiles).where(eq(storedFiles.id, fileId))
  if (!file) return null
  const object = await storage.stream({ key: file.key })
  if (!object) return null
  const chunks: Buffer[] = []
  for await (const chunk of object.body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array))
  return Buffer.concat(chunks).toString('utf8')
}

type ModeratedText = Pick<StoryMedia, 'id' | 'publishedDescription' | 'publishedTranscript' | 'publishedCaptions' | 'textModeratedAt'>

/** A fingerprint of the media texts as the author saw them, like `moderatedVersionFingerprint` for the story. */
export function moderatedMediaFingerprint(media: ModeratedText[]) {
  return createHash('sha256')
    .update(JSON.stringify(media.map((m) => [m.id, m.textModeratedAt ? 1 : 0, m.publishedDescription ?? '', m.publishedTranscript ?? '', m.publishedCaptions ?? ''])))
    .digest('hex')
    .slice(0, 32)
}

export type ModeratedMediaText = {
  id: string
  number: number
  kind: MediaKind
  description: string | null
  transcript: string | null
  captions: string | null
  /** Bracketed texts the author wrote themselves, to tell them from the placeholders the moderator put in. */
  ownBrackets: string[]
}

/**
 * The moderated media texts of the author's story, as proposed for approval, with the one
 * fingerprint (story and media) the approve form carries: nothing is published that the
 * author has not seen, media text included.
 */
export async function getModeratedVersionForAuthor({ authorId, storyId }: { authorId: string; storyId: string }, tx: DbOrTx = db) {
  const story = await getOwnStory({ authorId, storyId }, tx)
  if (!story || story.status !== 'awaitingAuthor') return null
  const media = await tx.select().from(storyMedia).where(eq(storyMedia.storyId, story.id)).orderBy(asc(storyMedia.position))
  return {
    seenVersion: `${moderatedVersionFingerprint(story)}.${moderatedMediaFingerprint(media)}`,
    media: media.map(
      (m, i): ModeratedMediaText => ({
        id: m.id,
        number: i + 1,
        kind: m.kind,
        description: m.publishedDescription,
        transcript: m.publishedTranscript,
        captions: m.publishedCaptions,
        ownBrackets: [m.description ?? '', m.transcript ?? ''].flatMap((text) => text.match(/\[[^\]\n]{1,80}\]/g) ?? []),
      }),
    ),
  }
}

/**
 * The author approves the moderated version they saw, story and media text together. The
 * media fingerprint is checked under the story's lock, then the story's own approval runs in
 * the same transaction.
 */
export async function approveModeratedVersionWithMedia({ authorId, storyId, seenVersion }: { authorId: string; storyId: string; seenVersion: string }) {
  return db.transaction(async (t) => {
    if (!isUuid(storyId)) return { ok: false as const, reason: 'notFound' as const }
    const [story] = await t.select().from(stories).where(and(eq(stories.id, storyId), eq(stories.authorId, authorId))).for('update')
    if (!story) return { ok: false as const, reason: 'notFound' as const }
    const [storySeen = '', mediaSeen = ''] = seenVersion.split('.')
    const media = await t.select().from(storyMedia).where(eq(storyMedia.storyId, story.id)).orderBy(asc(storyMedia.position))
    if (moderatedMediaFingerprint(media) !== mediaSeen) return { ok: false as const, reason: 'versionChanged' as const }
    // Every medium's text must have been through this review (a medium without it was never shown to the author).
    if (story.status === 'awaitingAuthor' && media.some((m) => !m.textModeratedAt)) return { ok: false as const, reason: 'versionChanged' as const }
    return approveModeratedVersion({ authorId, storyId, seenVersion: storySeen }, t)
  })
}
