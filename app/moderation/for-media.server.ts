import { and, eq, like } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { pilloryMarks } from '@db/schema/moderation'

/**
 * What the monument's media code needs from moderation. A medium's pillory marks (spans of
 * its description, transcript or captions a moderator flagged) may hold third parties'
 * names, so they go when the medium goes: in the caller's transaction, with its rows.
 */
export async function deleteMediaMarks({ storyId, mediaId }: { storyId: string; mediaId: string }, tx: DbOrTx = db) {
  const removed = await tx
    .delete(pilloryMarks)
    .where(and(eq(pilloryMarks.storyId, storyId), like(pilloryMarks.field, `media:${mediaId}:%`)))
    .returning({ id: pilloryMarks.id })
  return removed.length
}
