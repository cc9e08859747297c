import { and, eq } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { lifeStories } from '@db/schema/life-stories'

/**
 * Where a monument story came from, when it was made from an interviewer's recorded life story
 * at the survivor's approval (ADR 0030): the source, the life story's reference and the day of
 * the conversation. No title or text: the monument story carries its own. Null otherwise.
 */
export type LifeStoryOrigin = { source: 'interviewer'; reference: string; recordedOn: string; approvedAt: string | null }

export async function lifeStoryOriginOf({ storyId }: { storyId: string }, tx: DbOrTx = db): Promise<LifeStoryOrigin | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(storyId)) return null
  const [row] = await tx
    .select({ reference: lifeStories.reference, recordedOn: lifeStories.recordedOn, approvedAt: lifeStories.approvedAt })
    .from(lifeStories)
    .where(and(eq(lifeStories.monumentStoryId, storyId), eq(lifeStories.source, 'interviewer')))
    .limit(1)
  return row ? { source: 'interviewer', reference: row.reference, recordedOn: row.recordedOn, approvedAt: row.approvedAt?.toISOString() ?? null } : null
}
