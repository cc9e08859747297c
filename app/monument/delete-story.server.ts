import { eq, inArray } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { storedFiles } from '@db/schema/files'
import { stories, storyMedia } from '@db/schema/monument'
import { discardUnsentArchivePackages } from '~/archive/for-monument.server'
import { storage } from '~/utils/storage.server'
import { nextStatus } from './lifecycle'
import { transition } from './story-steps.server'
import { getOwnStory } from './stories.server'

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
    const story = await getOwnStory({ authorId, storyId, lock: true }, t)
    if (!story) return { deleted: false, reason: 'notFound' }
    if (story.archiveTransferredAt) {
      if (story.status !== 'withdrawn' && nextStatus('withdraw', 'author', story.status)) await transition(t, story, 'withdraw')
      return { deleted: false, reason: 'archived', kept: 'monument:kept.archiveTransfer' }
    }
    const { fileIds, keys } = await mediaKeysOfStories([story.id], t)
    const packages = await discardUnsentArchivePackages({ storyIds: [story.id] }, t) // never handed over: they go too
    await t.delete(stories).where(eq(stories.id, story.id)) // story_media cascades
    if (fileIds.length) await t.delete(storedFiles).where(inArray(storedFiles.id, fileIds))
    return { deleted: true, removedKeys: [...keys, ...packages.keys] }
  })
  if (outcome.deleted) await storage.removeMany(outcome.removedKeys)
  return outcome
}

