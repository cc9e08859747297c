import { and, count, eq, gte, inArray, isNotNull } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { CHAPTER_STATES, documentaryBlocks, documentaryChapters, documentaryEvents, type ChapterState } from '@db/schema/documentary'
import { listPickableStories } from './pick-list.server'

const CONSENT_REASONS = ['publicConsent', 'documentaryConsent', 'mediaConsent']

/**
 * The curator's home figures: chapters by state, stories that may be used and are not yet in
 * any chapter, and blocks that stopped showing because a consent was withdrawn in the last 30 days.
 */
export async function getCuratorFigures({ now = new Date(), tx = defaultDb }: { now?: Date; tx?: DbOrTx } = {}) {
  const byState = Object.fromEntries(CHAPTER_STATES.map((s) => [s, 0])) as Record<ChapterState, number>
  const rows = await tx.select({ state: documentaryChapters.state, n: count() }).from(documentaryChapters).groupBy(documentaryChapters.state)
  for (const r of rows) byState[r.state] = r.n
  const pickable = await listPickableStories({ tx })
  const used = new Set(
    (await tx.selectDistinct({ storyId: documentaryBlocks.storyId }).from(documentaryBlocks).where(isNotNull(documentaryBlocks.storyId))).map((r) => r.storyId),
  )
  const since = new Date(now.getTime() - 30 * 24 * 3600 * 1000)
  const [removed] = await tx
    .select({ n: count() })
    .from(documentaryEvents)
    .where(and(eq(documentaryEvents.kind, 'blockHidden'), inArray(documentaryEvents.reason, CONSENT_REASONS), gte(documentaryEvents.createdAt, since)))
  return { byState, unusedConsentedStories: pickable.filter((s) => !used.has(s.id)).length, removedLast30Days: removed?.n ?? 0 }
}
