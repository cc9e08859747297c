import { and, eq, inArray, sql } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { consentEvents } from '@db/schema/consent'

/**
 * What the web documentary needs from the consent ledger (ADR 0029): which stories hold a
 * current 'monument.documentary' grant by their author, and which media a current
 * 'media.publish' grant. Asked on every read of a chapter, so a withdrawal counts from the next
 * request; the latest event per (subject, object, purpose) wins, as in `hasConsent`.
 * The story's public consent is projected into `stories.audience` and checked by the monument.
 */

async function currentGrants(
  { objectType, purpose, objects, tx }: { objectType: 'story' | 'media'; purpose: string; objects: ReadonlyArray<{ id: string; subjectRef: string }>; tx: DbOrTx },
): Promise<Set<string>> {
  const wanted = new Map(objects.map((o) => [o.id, o.subjectRef]))
  if (wanted.size === 0) return new Set()
  const latest = await tx
    .selectDistinctOn([consentEvents.objectId, consentEvents.subjectRef], { objectId: consentEvents.objectId, subjectRef: consentEvents.subjectRef, action: consentEvents.action })
    .from(consentEvents)
    .where(and(eq(consentEvents.purpose, purpose), eq(consentEvents.objectType, objectType), inArray(consentEvents.objectId, [...wanted.keys()])))
    .orderBy(consentEvents.objectId, consentEvents.subjectRef, sql`${consentEvents.id} desc`)
  // Only the grant of the person who owns the object counts.
  return new Set(latest.filter((r) => r.action === 'grant' && wanted.get(r.objectId) === r.subjectRef).map((r) => r.objectId))
}

/** Of the given stories (with their authors), those whose author currently grants 'monument.documentary'. */
export function getDocumentaryConsentedStories({ stories, tx = defaultDb }: { stories: ReadonlyArray<{ storyId: string; authorId: string }>; tx?: DbOrTx }): Promise<Set<string>> {
  return currentGrants({ objectType: 'story', purpose: 'monument.documentary', objects: stories.map((s) => ({ id: s.storyId, subjectRef: s.authorId })), tx })
}

/** Of the given media (with the author of their story), those with a current 'media.publish' grant. */
export function getPublishableMedia({ media, tx = defaultDb }: { media: ReadonlyArray<{ mediaId: string; authorId: string }>; tx?: DbOrTx }): Promise<Set<string>> {
  return currentGrants({ objectType: 'media', purpose: 'media.publish', objects: media.map((m) => ({ id: m.mediaId, subjectRef: m.authorId })), tx })
}

/** Every story whose latest 'monument.documentary' event is a grant, with who gave it (the curator's home figure). */
export async function listDocumentaryGrants({ tx = defaultDb }: { tx?: DbOrTx | undefined } = {}): Promise<Array<{ storyId: string; subjectRef: string }>> {
  const rows = await tx.execute<{ object_id: string; subject_ref: string }>(sql`
    select object_id, subject_ref from (
      select distinct on (${consentEvents.subjectRef}, ${consentEvents.objectId}) ${consentEvents.objectId} as object_id, ${consentEvents.subjectRef} as subject_ref, ${consentEvents.action} as action
      from ${consentEvents}
      where ${consentEvents.purpose} = 'monument.documentary' and ${consentEvents.objectType} = 'story'
      order by ${consentEvents.subjectRef}, ${consentEvents.objectId}, ${consentEvents.id} desc
    ) latest where action = 'grant'`)
  return rows.map((r) => ({ storyId: r.object_id, subjectRef: r.subject_ref }))
}
