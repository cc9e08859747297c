import { createHash } from 'node:crypto'
import { asc, eq } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { storedFiles } from '@db/schema/files'
import { storyMedia, type StoryMedia } from '@db/schema/monument'
import { storage } from '~/utils/storage.server'
import type { MediaKind } from './media-limits'
import { getOwnStory } from './stories.server'
import { approveModeratedVersion, moderatedVersionFingerprint } from './story-steps.server'

/**
 * The moderated text of a story's media (description, transcript, captions) on its way back
 * to the author, who approves it together with the story's own text.
 */

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
    const story = await getOwnStory({ authorId, storyId, lock: true }, t)
    if (!story) return { ok: false as const, reason: 'notFound' as const }
    const [storySeen = '', mediaSeen = ''] = seenVersion.split('.')
    const media = await t.select().from(storyMedia).where(eq(storyMedia.storyId, story.id)).orderBy(asc(storyMedia.position))
    if (moderatedMediaFingerprint(media) !== mediaSeen) return { ok: false as const, reason: 'versionChanged' as const }
    // Every medium's text must have been through this review (a medium without it was never shown to the author).
    if (story.status === 'awaitingAuthor' && media.some((m) => !m.textModeratedAt)) return { ok: false as const, reason: 'versionChanged' as const }
    return approveModeratedVersion({ authorId, storyId, seenVersion: storySeen }, t)
  })
}
