import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { db, type DbOrTx } from '@db/client.server'
import { archivePackages } from '@db/schema/archive'
import { recordAccess } from '~/audit/audit.server'
import { getMediaArchiveGrants, getStoryArchiveGrant, lockArchiveConsents } from '~/consent/for-archive.server'
import { getStoryForArchive, markArchiveTransferred } from '~/monument/for-archive.server'
import { auditActorOf } from './actor.server'
import { isPackageRef } from './package-ref'

export type HandoverResult = { ok: true } | { ok: false; reason: 'notFound' | 'alreadyHandedOver' | 'consentWithdrawn' }

// What the receiving archive wrote on its receipt; the pages validate it for the person, this
// is the last line (one line of printable text).
// eslint-disable-next-line no-control-regex
const ReceiptSchema = z.string().trim().min(1).max(200).regex(/^[^\u0000-\u001F\u007F-\u009F\u2028\u2029]+$/)

/**
 * Whether a package may still leave: its story's archive consent and that of every file in it
 * still given, and no file in it deleted meanwhile. Takes the ledger's locks for them, so a
 * withdrawal cannot slip in before the caller's transaction ends. The story when it may, else null.
 */
export async function packageStillConsented(pkg: { storyId: string; coveredMediaIds: string[] }, tx: DbOrTx) {
  const story = await getStoryForArchive({ storyId: pkg.storyId }, tx)
  if (!story?.authorId) return null
  const inPackage = story.media.filter((m) => pkg.coveredMediaIds.includes(m.id))
  if (inPackage.length !== pkg.coveredMediaIds.length) return null
  const media = inPackage.map((m) => ({ mediaId: m.id, ownerId: m.ownerId }))
  await lockArchiveConsents({ authorId: story.authorId, storyId: story.id, media }, tx)
  const grant = await getStoryArchiveGrant({ authorId: story.authorId, storyId: story.id }, tx)
  const mediaGrants = await getMediaArchiveGrants({ media }, tx)
  if (!grant || media.some((m) => !mediaGrants.has(m.mediaId))) return null
  return { ...story, authorId: story.authorId }
}

/**
 * Records that a package was handed to the archive: who, when and the archive's receipt
 * reference, once. It sets the story's archive date (from then on deleting the story or the
 * account keeps it, as the consent says) and is written to the access log, in one transaction.
 * Refused when the story's archive consent, or that of any file in the package, is no longer
 * given, or a file in it was deleted meanwhile: before the hand-over a withdrawal still counts
 * in full. The package row is locked, so two hand-overs at once record exactly one; the
 * ledger's own locks are taken, so a withdrawal cannot slip in between check and record.
 */
export async function recordHandover({ ref, actorId, receiptReference, ip }: { ref: string; actorId: string; receiptReference: string; ip?: string | null }): Promise<HandoverResult> {
  const receipt = ReceiptSchema.parse(receiptReference)
  if (!isPackageRef(ref)) return { ok: false, reason: 'notFound' }
  const actor = await auditActorOf(actorId)
  return db.transaction(async (tx): Promise<HandoverResult> => {
    const [pkg] = await tx.select().from(archivePackages).where(eq(archivePackages.ref, ref)).for('update')
    if (!pkg) return { ok: false, reason: 'notFound' }
    if (pkg.handedOverAt) return { ok: false, reason: 'alreadyHandedOver' }
    const story = await packageStillConsented(pkg, tx)
    if (!story) return { ok: false, reason: 'consentWithdrawn' }

    const at = new Date()
    await tx.update(archivePackages).set({ handedOverAt: at, handedOverBy: actorId, receiptReference: receipt }).where(eq(archivePackages.id, pkg.id))
    await markArchiveTransferred({ storyId: story.id, at }, tx)
    await recordAccess({ actor, action: 'archive.handover', objectType: 'archivePackage', objectId: pkg.ref, subjectId: story.authorId, purpose: 'archiveTransfer', outcome: 'success', ip }, tx)
    return { ok: true }
  })
}
