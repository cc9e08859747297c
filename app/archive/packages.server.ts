import { createHash } from 'node:crypto'
import { desc, eq, sql } from 'drizzle-orm'
import { db } from '@db/client.server'
import { archivePackages } from '@db/schema/archive'
import { storedFiles } from '@db/schema/files'
import { recordAccess } from '~/audit/audit.server'
import { getMediaArchiveGrants, getStoryArchiveGrant } from '~/consent/for-archive.server'
import { getStoryForArchive } from '~/monument/for-archive.server'
import { storage } from '~/utils/storage.server'
import { lifeStoryOriginForArchive } from '~/life-stories/for-archive.server'
import { buildPackageContents } from './contents.server'
import { auditActorOf } from './actor.server'
import { writeBag } from './build-bag.server'
import { SOURCE_ORGANIZATION } from './metadata'
import { isPackageRef, newPackageRef } from './package-ref'

/**
 * Archive packages (ADR 0023): one BagIt bag per story and approved text version, zipped
 * under `archive-packages/`. A package's bytes never change: a new text version, another
 * choice of files or a new consent is a new package with a new ref. Hand-over: handover.server.ts.
 */

export { recordHandover, type HandoverResult } from './handover.server'
export { isPackageRef } from './package-ref'

export const PACKAGE_PREFIX = 'archive-packages/'
const AUDIT_PURPOSE = 'archiveTransfer'

export type PrepareResult = { ok: true; ref: string; byteSize: number; sha256: string } | { ok: false; reason: 'noConsent' | 'noModeratedText' | 'notFound' }

/**
 * Builds the archive package of a story as it stands now: the approved moderated text, the
 * files whose owner chose "also to the archive", and the consent records. Refused without a
 * current archive consent or an approved text. When the story's latest package already holds
 * exactly this (same text, files and consents), that package is the answer: a double click or
 * a second archivist builds nothing twice (a per-story lock serialises the check and the build).
 */
export async function prepareArchivePackage({ storyId, actorId, ip }: { storyId: string; actorId: string; ip?: string | null }): Promise<PrepareResult> {
  if (!(await getStoryForArchive({ storyId }))) return { ok: false, reason: 'notFound' }
  const actor = await auditActorOf(actorId)
  const written: { key: string | null } = { key: null }
  try {
    return await db.transaction(async (tx): Promise<PrepareResult> => {
      await tx.execute(sql`select pg_advisory_xact_lock(727201, hashtext(${storyId}))`)
      // Read under the lock: a text approved or a consent withdrawn a moment ago counts.
      const story = await getStoryForArchive({ storyId }, tx)
      if (!story) return { ok: false, reason: 'notFound' }
      if (!story.approved) return { ok: false, reason: 'noModeratedText' }
      const authorId = story.authorId
      if (!authorId) return { ok: false, reason: 'noConsent' }
      const grant = await getStoryArchiveGrant({ authorId, storyId: story.id }, tx)
      if (!grant) return { ok: false, reason: 'noConsent' }
      const mediaGrants = await getMediaArchiveGrants({ media: story.media.map((m) => ({ mediaId: m.id, ownerId: m.ownerId })) }, tx)
      const covered = story.media.filter((m) => mediaGrants.has(m.id))
      const fingerprint = createHash('sha256')
        .update(JSON.stringify([{ ...story, archiveTransferredAt: null }, grant.eventId, covered.map((m) => [m.id, mediaGrants.get(m.id)!.eventId])]))
        .digest('hex')
      const [latest] = await tx.select().from(archivePackages).where(eq(archivePackages.storyId, story.id)).orderBy(desc(archivePackages.builtAt)).limit(1)
      if (latest && latest.contentFingerprint === fingerprint) return { ok: true, ref: latest.ref, byteSize: latest.byteSize, sha256: latest.sha256 }

      const builtAt = new Date()
      const ref = newPackageRef(builtAt)
      const key = `${PACKAGE_PREFIX}${ref}.zip`
      const recordedWith = await lifeStoryOriginForArchive({ storyId: story.id }, tx)
      const contents = buildPackageContents({ ref, story, storyConsent: grant, covered, mediaGrants, builtAt, recordedWith })
      written.key = key
      const bag = await writeBag({
        key,
        root: ref,
        date: builtAt,
        payload: contents.payload,
        info: [
          ['Source-Organization', SOURCE_ORGANIZATION],
          ['External-Identifier', ref],
          ['External-Description', 'Verhaal van een overlevende van geweld in de jeugdzorg, met toestemming overgedragen'],
          ['Bagging-Date', builtAt.toISOString().slice(0, 10)],
          ['Internal-Sender-Identifier', `story:${story.id}`],
          ['Internal-Sender-Description', `text version ${story.textVersion}`],
        ],
      })
      const [file] = await tx
        .insert(storedFiles)
        .values({ key, byteSize: bag.byteSize, contentType: 'application/zip', sha256: bag.sha256, purpose: 'archivePackage' })
        .returning({ id: storedFiles.id })
      await tx.insert(archivePackages).values({
        ref,
        storyId: story.id,
        authorId,
        fileId: file!.id,
        storageKey: key,
        sha256: bag.sha256,
        byteSize: bag.byteSize,
        payloadOxum: bag.payloadOxum,
        files: bag.files,
        textVersion: story.textVersion,
        coveredMediaIds: covered.map((m) => m.id),
        consentEventId: grant.eventId,
        consentTextVersion: grant.textVersion,
        contentFingerprint: fingerprint,
        builtBy: actorId,
        builtAt,
      })
      await recordAccess({ actor, action: 'archive.preparePackage', objectType: 'archivePackage', objectId: ref, subjectId: authorId, purpose: AUDIT_PURPOSE, outcome: 'success', ip }, tx)
      return { ok: true, ref, byteSize: bag.byteSize, sha256: bag.sha256 }
    })
  } catch (error) {
    // Written but not recorded (the transaction failed): no row will ever point at it.
    if (written.key) await storage.remove(written.key).catch(() => {})
    throw error
  }
}

export type ArchivePackageView = {
  ref: string
  storyId: string
  /** The survivor whose story it is: the subject of every staff view of the package. */
  authorId: string | null
  builtAt: Date
  builtBy: string
  byteSize: number
  sha256: string
  handedOverAt: Date | null
  handedOverBy: string | null
  receiptReference: string | null
  /** Paths inside the bag (the zip holds them under one folder named after the ref). */
  files: string[]
}

export async function getArchivePackage({ ref }: { ref: string }): Promise<ArchivePackageView | null> {
  if (!isPackageRef(ref)) return null
  const [row] = await db.select().from(archivePackages).where(eq(archivePackages.ref, ref))
  if (!row) return null
  return {
    ref: row.ref,
    storyId: row.storyId,
    authorId: row.authorId,
    builtAt: row.builtAt,
    builtBy: row.builtBy,
    byteSize: row.byteSize,
    sha256: row.sha256,
    handedOverAt: row.handedOverAt,
    handedOverBy: row.handedOverBy,
    receiptReference: row.receiptReference,
    files: row.files,
  }
}

export type PackageStream = { stream: NodeJS.ReadableStream; byteSize: number; fileName: string; authorId?: string | null }

/** Streams a package's zip from storage, byte for byte as it was built (and handed over). */
export async function streamPackage(row: { ref: string; storageKey: string }): Promise<PackageStream | null> {
  const object = await storage.stream({ key: row.storageKey })
  if (!object) return null
  return { stream: object.body, byteSize: object.totalSize, fileName: `${row.ref}.zip` }
}

/** The package's bytes for the archivist (the caller checks the role and logs the download). */
export async function openArchivePackageStream({ ref }: { ref: string }): Promise<PackageStream | null> {
  if (!isPackageRef(ref)) return null
  const [row] = await db.select({ ref: archivePackages.ref, storageKey: archivePackages.storageKey, authorId: archivePackages.authorId }).from(archivePackages).where(eq(archivePackages.ref, ref))
  const opened = row ? await streamPackage(row) : null
  return opened ? { ...opened, authorId: row!.authorId } : null
}
