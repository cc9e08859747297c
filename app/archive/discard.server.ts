import { and, eq, isNull } from 'drizzle-orm'
import { db } from '@db/client.server'
import { archivePackages } from '@db/schema/archive'
import { storedFiles } from '@db/schema/files'
import { recordAccess } from '~/audit/audit.server'
import { storage } from '~/utils/storage.server'
import { packageStillConsented } from './handover.server'

/**
 * A package not yet handed over whose story or file consent was withdrawn is discarded: the
 * zip (which holds the story's text and files) is removed from storage and its row deleted,
 * with an access-log line naming whose story it was. Before hand-over a withdrawal counts in
 * full, so nothing of it should wait in the bucket. A handed-over package is never touched.
 * Idempotent; the archive job and the queue page both run it. Returns how many were discarded.
 */
export async function discardWithdrawnPackages(): Promise<number> {
  const unsent = await db.select({ id: archivePackages.id }).from(archivePackages).where(isNull(archivePackages.handedOverAt))
  let discarded = 0
  for (const { id } of unsent) {
    const key = await db.transaction(async (tx) => {
      const [pkg] = await tx.select().from(archivePackages).where(and(eq(archivePackages.id, id), isNull(archivePackages.handedOverAt))).for('update')
      if (!pkg || (await packageStillConsented(pkg, tx))) return null
      await tx.delete(archivePackages).where(eq(archivePackages.id, pkg.id))
      await tx.delete(storedFiles).where(eq(storedFiles.id, pkg.fileId))
      await recordAccess({ actor: null, action: 'archive.discardPackage', objectType: 'archivePackage', objectId: pkg.ref, subjectId: pkg.authorId, purpose: 'archiveTransfer', outcome: 'success' }, tx)
      return pkg.storageKey
    })
    if (key) {
      // After the commit: a crash here leaves an object no row points at, which the orphan sweep removes.
      await storage.remove(key).catch(() => {})
      discarded++
    }
  }
  return discarded
}
