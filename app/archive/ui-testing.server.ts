import { grantConsent } from '~/consent/consent.server'
import { createTestStory } from '~/monument/for-moderation-testing.server'
import { prepareArchivePackage, recordHandover } from './packages.server'

/**
 * Test-only, for the route matrix and the archive pages' tests: a published story of `authorId`
 * whose author gave the archive-transfer consent, packaged by `archivistId` (and handed over
 * when asked), all through the owners' own functions.
 */
export async function createTestArchivePackage({ authorId, archivistId, handedOver = false }: { authorId: string; archivistId: string; handedOver?: boolean }) {
  const story = await createTestStory({ authorId, status: 'published', authorApprovedAt: new Date() })
  await grantConsent({ subjectRef: authorId, userId: authorId, objectType: 'story', objectId: story.id, purpose: 'monument.archiveTransfer', locale: 'nl', channel: 'web' })
  const prepared = await prepareArchivePackage({ storyId: story.id, actorId: archivistId })
  if (!prepared.ok) throw new Error(`test package not built: ${prepared.reason}`)
  if (handedOver) {
    const done = await recordHandover({ ref: prepared.ref, actorId: archivistId, receiptReference: 'NA-2026-0001' })
    if (!done.ok) throw new Error(`test package not handed over: ${done.reason}`)
  }
  return { storyId: story.id, ref: prepared.ref }
}
