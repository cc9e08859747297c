import { desc, inArray } from 'drizzle-orm'
import { db } from '@db/client.server'
import { archivePackages } from '@db/schema/archive'
import { getMediaArchiveGrants, listCurrentStoryArchiveGrants } from '~/consent/for-archive.server'
import { listArchivableStories } from '~/monument/for-archive.server'

/**
 * The archivist's transfer queue: stories whose author holds a current
 * 'monument.archiveTransfer' consent and which have an approved moderated text, with what
 * that consent covers (which text version, which files) and the latest package, oldest
 * consent first. The caller logs the view (ui-staff.server.ts).
 */
export type ArchiveQueueItem = {
  storyId: string
  title: string
  consentGivenAt: Date
  consentTextVersion: string
  /** Which approved moderated text is current (the author's approval time and a fingerprint of the text). */
  textVersion: string
  media: Array<{ id: string; kind: 'photo' | 'audio' | 'video'; covered: boolean }>
  latestPackage: { ref: string; builtAt: Date; handedOverAt: Date | null; receiptReference: string | null } | null
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function listArchiveQueue(): Promise<ArchiveQueueItem[]> {
  const grants = (await listCurrentStoryArchiveGrants()).filter((g) => UUID.test(g.objectId))
  const grantOf = new Map(grants.map((g) => [`${g.subjectRef}|${g.objectId}`, g]))
  const candidates = await listArchivableStories({ storyIds: [...new Set(grants.map((g) => g.objectId))] })
  // Only the author's own consent counts for a story.
  const stories = candidates.filter((s) => grantOf.has(`${s.authorId}|${s.id}`))
  if (stories.length === 0) return []
  const mediaGrants = await getMediaArchiveGrants({ media: stories.flatMap((s) => s.media.map((m) => ({ mediaId: m.id, ownerId: m.ownerId }))) })
  const packages = await db
    .selectDistinctOn([archivePackages.storyId], {
      storyId: archivePackages.storyId,
      ref: archivePackages.ref,
      builtAt: archivePackages.builtAt,
      handedOverAt: archivePackages.handedOverAt,
      receiptReference: archivePackages.receiptReference,
    })
    .from(archivePackages)
    .where(inArray(archivePackages.storyId, stories.map((s) => s.id)))
    .orderBy(archivePackages.storyId, desc(archivePackages.builtAt))
  const latestOf = new Map(packages.map(({ storyId, ...p }) => [storyId, p]))
  return stories
    .map((s) => {
      const grant = grantOf.get(`${s.authorId}|${s.id}`)!
      return {
        storyId: s.id,
        title: s.title,
        consentGivenAt: grant.grantedAt,
        consentTextVersion: grant.textVersion,
        textVersion: s.textVersion,
        media: s.media.map((m) => ({ id: m.id, kind: m.kind, covered: mediaGrants.has(m.id) })),
        latestPackage: latestOf.get(s.id) ?? null,
      }
    })
    .sort((a, b) => a.consentGivenAt.getTime() - b.consentGivenAt.getTime() || a.storyId.localeCompare(b.storyId))
}
