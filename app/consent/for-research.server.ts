import { and, eq, inArray, sql } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { consentEvents } from '@db/schema/consent'

/**
 * What research needs from the consent ledger (app/research may not read consent_events): which
 * stories hold a current 'monument.research' grant, and when a story's research consent ended.
 * The ledger stays the one source of truth; the latest event per (subject, story) wins.
 */

const PURPOSE = 'monument.research'
const BATCH = 5000

/**
 * Every story whose latest research event is a grant, with the person who gave it (the
 * monument checks that this is the story's author). One pass over the purpose's events.
 */
export async function listResearchConsentedStories({ tx = defaultDb }: { tx?: DbOrTx } = {}): Promise<Array<{ storyId: string; subjectRef: string }>> {
  const rows = await tx.execute<{ story_id: string; subject_ref: string }>(sql`
    select object_id as story_id, subject_ref from (
      select distinct on (${consentEvents.subjectRef}, ${consentEvents.objectId}) ${consentEvents.objectId} as object_id, ${consentEvents.subjectRef} as subject_ref, ${consentEvents.action} as action
      from ${consentEvents}
      where ${consentEvents.purpose} = ${PURPOSE} and ${consentEvents.objectType} = 'story'
      order by ${consentEvents.subjectRef}, ${consentEvents.objectId}, ${consentEvents.id} desc
    ) latest where action = 'grant'`)
  return rows.map((r) => ({ storyId: r.story_id, subjectRef: r.subject_ref }))
}

/**
 * Of the given stories, those whose research consent no longer holds (the latest event is a
 * withdrawal, or there is none), with the time it ended (null when there never was an event).
 */
export async function listStoriesWithoutResearchConsent({ storyIds, tx = defaultDb }: { storyIds: readonly string[]; tx?: DbOrTx }): Promise<Array<{ storyId: string; endedAt: Date | null }>> {
  const out: Array<{ storyId: string; endedAt: Date | null }> = []
  for (let i = 0; i < storyIds.length; i += BATCH) {
    const batch = [...new Set(storyIds.slice(i, i + BATCH))]
    const latest = await tx
      .selectDistinctOn([consentEvents.objectId], { storyId: consentEvents.objectId, action: consentEvents.action, occurredAt: consentEvents.occurredAt })
      .from(consentEvents)
      .where(and(eq(consentEvents.purpose, PURPOSE), eq(consentEvents.objectType, 'story'), inArray(consentEvents.objectId, batch)))
      .orderBy(consentEvents.objectId, sql`${consentEvents.id} desc`)
    const byId = new Map(latest.map((r) => [r.storyId, r]))
    for (const id of batch) {
      const event = byId.get(id)
      if (event?.action === 'grant') continue
      out.push({ storyId: id, endedAt: event?.occurredAt ?? null })
    }
  }
  return out
}
