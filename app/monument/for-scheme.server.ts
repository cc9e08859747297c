import { and, desc, eq, isNotNull } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { stories } from '@db/schema/monument'

/**
 * The survivor's own monument stories as the scheme application may use them ("tell your story
 * once", app/scheme/**). Only the moderated version (what would be shared is what was reviewed,
 * never a draft), and only the author's own: the scheme passes the applicant's user id.
 */

export type ModeratedStory = { id: string; title: string; text: string; updatedAt: Date }

const moderatedOf = (authorId: string) => and(eq(stories.authorId, authorId), isNotNull(stories.publishedBody))

const columns = { id: stories.id, title: stories.publishedTitle, text: stories.publishedBody, updatedAt: stories.updatedAt }

function toModerated(row: { id: string; title: string | null; text: string | null; updatedAt: Date }): ModeratedStory {
  return { id: row.id, title: row.title ?? '', text: row.text ?? '', updatedAt: row.updatedAt }
}

/** The author's stories that have a moderated text, newest first. */
export async function listModeratedStories({ authorId }: { authorId: string }, tx: DbOrTx = db): Promise<ModeratedStory[]> {
  const rows = await tx.select(columns).from(stories).where(moderatedOf(authorId)).orderBy(desc(stories.updatedAt))
  return rows.map(toModerated)
}

/** One of the author's stories with its moderated text as it stands now, or null (someone else's, or never moderated). */
export async function getModeratedStory({ authorId, storyId }: { authorId: string; storyId: string }, tx: DbOrTx = db): Promise<ModeratedStory | null> {
  if (!/^[0-9a-f-]{36}$/i.test(storyId)) return null
  const [row] = await tx.select(columns).from(stories).where(and(eq(stories.id, storyId), moderatedOf(authorId)))
  return row ? toModerated(row) : null
}
