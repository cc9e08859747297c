import { and, inArray, isNull } from 'drizzle-orm'
import type { DbOrTx } from '@db/client.server'
import { archivePackages } from '@db/schema/archive'
import { storedFiles } from '@db/schema/files'

/**
 * For the monument's story deletion (delete-story.server.ts): packages of these stories that
 * were never handed over go with the story (rows now, in the caller's transaction; the caller
 * removes the returned storage keys after the commit). A handed-over package is never touched
 * here: such a story is kept, not deleted (the database refuses to delete the package anyway).
 */
export async function discardUnsentArchivePackages({ storyIds }: { storyIds: string[] }, tx: DbOrTx): Promise<{ keys: string[] }> {
  if (storyIds.length === 0) return { keys: [] }
  const gone = await tx
    .delete(archivePackages)
    .where(and(inArray(archivePackages.storyId, storyIds), isNull(archivePackages.handedOverAt)))
    .returning({ fileId: archivePackages.fileId, key: archivePackages.storageKey })
  if (gone.length) await tx.delete(storedFiles).where(inArray(storedFiles.id, gone.map((g) => g.fileId)))
  return { keys: gone.map((g) => g.key) }
}
