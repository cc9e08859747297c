import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { consentEvents, type ConsentChannel, type ConsentLocale } from '@db/schema/consent'
import { CONSENT_PURPOSES, type ConsentPurpose } from './texts'

/**
 * The consent ledger as the archive transfer reads it (app/archive/**): which stories' authors
 * hold a current 'monument.archiveTransfer', and the exact event behind a story's or a
 * medium's archive consent, so the package can carry the consent record itself.
 */

export type ArchiveConsentRecord = {
  eventId: number
  subjectRef: string
  objectType: 'story' | 'media'
  objectId: string
  purpose: ConsentPurpose
  /** As the ledger stores it, e.g. `monument.archiveTransfer@2026-12-07`. */
  textVersion: string
  /**
   * The fingerprint of the text in every language, when the event's version is the one in
   * force (texts.ts keeps only the current fingerprint); null for a grant on an older text.
   */
  fingerprint: string | null
  grantedAt: Date
  channel: ConsentChannel
  locale: ConsentLocale
}

type Row = typeof consentEvents.$inferSelect

function toRecord(row: Row, purpose: ConsentPurpose): ArchiveConsentRecord {
  const current = `${purpose}@${CONSENT_PURPOSES[purpose].version}`
  return {
    eventId: row.id,
    subjectRef: row.subjectRef,
    objectType: row.objectType as 'story' | 'media',
    objectId: row.objectId,
    purpose,
    textVersion: row.textVersion,
    fingerprint: row.textVersion === current ? CONSENT_PURPOSES[purpose].fingerprint : null,
    grantedAt: row.occurredAt,
    channel: row.channel,
    locale: row.locale,
  }
}

/**
 * Every story whose latest 'monument.archiveTransfer' event is a grant, with that grant.
 * One pass over the ledger's current-state index (distinct on subject and object).
 */
export async function listCurrentStoryArchiveGrants(tx: DbOrTx = db): Promise<ArchiveConsentRecord[]> {
  const purpose = 'monument.archiveTransfer' as const
  const latest = await tx
    .selectDistinctOn([consentEvents.subjectRef, consentEvents.objectId])
    .from(consentEvents)
    .where(and(eq(consentEvents.objectType, 'story'), eq(consentEvents.purpose, purpose)))
    .orderBy(consentEvents.subjectRef, consentEvents.objectId, desc(consentEvents.id))
  return latest.filter((r) => r.action === 'grant').map((r) => toRecord(r, purpose))
}

/**
 * The current archive grant of one story by its author, or null (never given, withdrawn, or
 * another person's). The story's subject is its author: nobody else can consent for it.
 */
export async function getStoryArchiveGrant({ authorId, storyId }: { authorId: string; storyId: string }, tx: DbOrTx = db): Promise<ArchiveConsentRecord | null> {
  const purpose = 'monument.archiveTransfer' as const
  const [latest] = await tx
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.subjectRef, authorId), eq(consentEvents.objectType, 'story'), eq(consentEvents.objectId, storyId), eq(consentEvents.purpose, purpose)))
    .orderBy(desc(consentEvents.id))
    .limit(1)
  return latest?.action === 'grant' ? toRecord(latest, purpose) : null
}

/**
 * The current 'media.archiveTransfer' grants of a set of media, each by its owner: mediaId →
 * the grant. A medium without an owner (erased account) or without a current grant is absent.
 */
export async function getMediaArchiveGrants(
  { media }: { media: Array<{ mediaId: string; ownerId: string | null }> },
  tx: DbOrTx = db,
): Promise<Map<string, ArchiveConsentRecord>> {
  const purpose = 'media.archiveTransfer' as const
  const owned = media.filter((m): m is { mediaId: string; ownerId: string } => Boolean(m.ownerId))
  if (owned.length === 0) return new Map()
  const rows = await tx
    .selectDistinctOn([consentEvents.subjectRef, consentEvents.objectId])
    .from(consentEvents)
    .where(
      and(
        eq(consentEvents.objectType, 'media'),
        eq(consentEvents.purpose, purpose),
        inArray(consentEvents.objectId, owned.map((m) => m.mediaId)),
        inArray(consentEvents.subjectRef, [...new Set(owned.map((m) => m.ownerId))]),
      ),
    )
    .orderBy(consentEvents.subjectRef, consentEvents.objectId, desc(consentEvents.id))
  const ownerOf = new Map(owned.map((m) => [m.mediaId, m.ownerId]))
  const grants = new Map<string, ArchiveConsentRecord>()
  for (const r of rows) if (r.action === 'grant' && ownerOf.get(r.objectId) === r.subjectRef) grants.set(r.objectId, toRecord(r, purpose))
  return grants
}

/**
 * Takes the ledger's own change locks (transaction-scoped) on a story's archive consent and on
 * its media's, so a withdrawal cannot slip in between the check and the hand-over relying on it.
 * Sorted, so two callers never wait on each other in opposite orders.
 */
export async function lockArchiveConsents(
  { authorId, storyId, media }: { authorId: string; storyId: string; media: Array<{ mediaId: string; ownerId: string | null }> },
  tx: DbOrTx,
) {
  const keys = [
    `${authorId}|story|${storyId}|monument.archiveTransfer`,
    ...media.filter((m) => m.ownerId).map((m) => `${m.ownerId}|media|${m.mediaId}|media.archiveTransfer`),
  ].sort()
  for (const key of keys) await tx.execute(sql`select pg_advisory_xact_lock(727200, hashtext(${key}))`)
}
