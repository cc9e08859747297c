import { and, eq } from 'drizzle-orm'
import { grantConsent } from '~/consent/consent.server'
import type { DbOrTx } from '../client.server'
import { stories } from '../schema/monument'

/**
 * Demo archive work (development and e2e only): the demo survivor's first published story
 * carries the archive-transfer consent, so the demo archivist's queue (/beheer/archief) has a
 * story to package. No package is built here: that writes to the bucket, which is the
 * archivist's step to try.
 */
export async function seedArchiveDemo(tx: DbOrTx, { survivorId }: { survivorId: string }) {
  const [story] = await tx.select({ id: stories.id }).from(stories).where(and(eq(stories.slug, 'demo-verhaal-1'), eq(stories.authorId, survivorId)))
  if (!story) return
  await grantConsent({ subjectRef: survivorId, userId: survivorId, objectType: 'story', objectId: story.id, purpose: 'monument.archiveTransfer', locale: 'nl', channel: 'web' }, tx)
}
