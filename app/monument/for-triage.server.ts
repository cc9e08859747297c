import { desc, eq } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { stories } from '@db/schema/monument'
import { getOwnStory } from './stories.server'

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
  // getOwnStory refuses a tampered id before it reaches PostgreSQL's uuid comparison.
  return (await getOwnStory({ authorId, storyId }, tx))?.id ?? null
}
