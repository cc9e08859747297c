import { and, desc, eq } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { stories } from '@db/schema/monument'

/**
 * What triage needs from the monument (app/triage may not read the stories table itself): a
 * survivor may link one of their own stories to a request for guidance, and only their own.
 */

/** The author's own stories (id and working title, newest first), to pick one to link to a request. */
export async function listStoriesToLink({ authorId, tx = defaultDb }: { authorId: string; tx?: DbOrTx }) {
  return tx.select({ id: stories.id, title: stories.title }).from(stories).where(eq(stories.authorId, authorId)).orderBy(desc(stories.createdAt))
}

/** The story's id when it is the author's own, else null (another survivor's story is never linked). */
export async function getOwnStoryIdToLink({ authorId, storyId, tx = defaultDb }: { authorId: string; storyId: string; tx?: DbOrTx }) {
  // A tampered id would reach PostgreSQL's uuid comparison and fail there: refuse it first.
  if (!/^[0-9a-f-]{36}$/i.test(storyId)) return null
  const [own] = await tx.select({ id: stories.id }).from(stories).where(and(eq(stories.id, storyId), eq(stories.authorId, authorId)))
  return own?.id ?? null
}
