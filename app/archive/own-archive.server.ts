import { and, desc, eq, isNotNull } from 'drizzle-orm'
import { db } from '@db/client.server'
import { archivePackages } from '@db/schema/archive'
import { getStoryTitles } from '~/monument/for-archive.server'
import { streamPackage, type PackageStream } from './packages.server'
import { isPackageRef } from './package-ref'

/**
 * The survivor's own view of their stories in the archive (/mijn-verhalen/archief): the
 * packages handed over, and "always exactly the same package" to download, as the consent
 * says. Every query is scoped to `userId` by construction: someone else's ref is not found.
 */

const ownHandedOver = (userId: string) => and(eq(archivePackages.authorId, userId), isNotNull(archivePackages.handedOverAt))

export async function listOwnArchivedStories({ userId }: { userId: string }): Promise<Array<{ ref: string; storyId: string; title: string; handedOverAt: Date; receiptReference: string }>> {
  const rows = await db
    .select({ ref: archivePackages.ref, storyId: archivePackages.storyId, handedOverAt: archivePackages.handedOverAt, receiptReference: archivePackages.receiptReference })
    .from(archivePackages)
    .where(ownHandedOver(userId))
    .orderBy(desc(archivePackages.handedOverAt))
  const titles = await getStoryTitles({ storyIds: [...new Set(rows.map((r) => r.storyId))] })
  return rows.map((r) => ({ ref: r.ref, storyId: r.storyId, title: titles.get(r.storyId) ?? '', handedOverAt: r.handedOverAt!, receiptReference: r.receiptReference! }))
}

/** null when the package is not theirs or not handed over: the caller answers 404. */
export async function openOwnArchivePackage({ userId, ref }: { userId: string; ref: string }): Promise<PackageStream | null> {
  if (!isPackageRef(ref)) return null
  const [row] = await db
    .select({ ref: archivePackages.ref, storageKey: archivePackages.storageKey })
    .from(archivePackages)
    .where(and(eq(archivePackages.ref, ref), ownHandedOver(userId)))
  return row ? streamPackage(row) : null
}
