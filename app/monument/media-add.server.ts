import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { and, eq, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { storedFiles } from '@db/schema/files'
import { stories, storyMedia, type StoryMedia } from '@db/schema/monument'
import { ObjectTooLargeError } from '@storage/put-object'
import { storage } from '~/utils/storage.server'
import { isEditableByAuthor } from './lifecycle'
import { checkQuota, formatBytes, maxUploadBytes, MEDIA_BYTE_LIMITS, SURVIVOR_QUOTA_BYTES } from './media-limits'
import { MediaIncompleteError, probeStoredMedia, type ProbeErrorKey } from './media-probe.server'
import { MediaTypeError, sniffMediaStream } from './media-type.server'
import { PhotoProcessingError, processPhoto } from './photo.server'
import { getOwnStory } from './stories.server'

/**
 * A survivor adds a photo, audio or video to their story: streamed, typed by its bytes,
 * within the per-file limits and their quota.
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
