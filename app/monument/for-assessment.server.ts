import { and, inArray, isNull, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { stories } from '@db/schema/monument'
import { hasConsent } from '~/consent/consent.server'

/**
 * Monument stories an assessor may see next to a scheme application (app/assessment/**): a
 * story about the same institution in the same decades, as context for the case. Read only.
 */

type RelatedStory = { id: string; title: string; decades: string[] }

/**
 * Stories about one of these institutions (case-insensitive) overlapping these decades, at
 * most 50 looked at. Only a version the author approved (never a draft, one still in review,
 * nor one withdrawn, removed or hidden), and only where the author agreed that their story
 * may be used to learn from (research). Titles and decades only, never the author.
 */
export async function listResearchStoriesAt({ institutionNames, decades }: { institutionNames: string[]; decades: string[] }, tx: DbOrTx = db): Promise<RelatedStory[]> {
  if (!institutionNames.length) return []
  const candidates = await tx
    .select({ id: stories.id, authorId: stories.authorId, title: stories.publishedTitle, decades: stories.decades })
    .from(stories)
    .where(
      and(
        inArray(
          sql`lower(${stories.institutionName})`,
          institutionNames.map((n) => n.toLowerCase()),
        ),
        decades.length ? sql`${stories.decades} && ${sql`array[${sql.join(decades.map((d) => sql`${d}`), sql`, `)}]::text[]`}` : sql`true`,
        isNull(stories.hiddenAt),
        inArray(stories.status, ['approved', 'published']),
      ),
    )
    .limit(50)
  const shown: RelatedStory[] = []
  for (const s of candidates) {
    if (s.authorId && (await hasConsent({ subjectRef: s.authorId, objectType: 'story', objectId: s.id, purpose: 'monument.research' }, tx))) {
      shown.push({ id: s.id, title: s.title ?? '', decades: s.decades })
    }
  }
  return shown
}
