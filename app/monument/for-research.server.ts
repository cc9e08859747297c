import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { stories } from '@db/schema/monument'

/**
 * What research needs from the monument (app/research may not read the stories table). A story
 * is exportable when it is published and not hidden after a report, and has its moderated
 * text: researchers get the text as it is on the monument, in which the moderator's pillory
 * guard redactions were applied before the author approved it. Never the author, their
 * display name or pseudonym, nor any media (ADR 0024).
 */

const BATCH = 5000

function exportable() {
  return and(eq(stories.status, 'published'), isNull(stories.hiddenAt), isNotNull(stories.publishedBody))
}

export type ResearchStoryFacets = {
  storyId: string
  decades: string[]
  settings: string[]
  region: string | null
  institution: string | null
}

/**
 * The facets of those stories, out of `consented` (story id and the person who gave the
 * research consent), that are exportable and whose author gave that consent. Read in batches
 * so 100 000 stories never become one giant query.
 */
export async function* listResearchStoryFacets({ consented, tx = defaultDb }: { consented: ReadonlyArray<{ storyId: string; subjectRef: string }>; tx?: DbOrTx }): AsyncGenerator<ResearchStoryFacets[]> {
  const subjectOf = new Map(consented.map((c) => [c.storyId, c.subjectRef]))
  const ids = [...subjectOf.keys()].filter((id) => /^[0-9a-f-]{36}$/i.test(id)).sort()
  for (let i = 0; i < ids.length; i += BATCH) {
    const rows = await tx
      .select({ storyId: stories.id, authorId: stories.authorId, decades: stories.decades, settings: stories.settings, region: stories.region, institution: stories.institutionName })
      .from(stories)
      .where(and(inArray(stories.id, ids.slice(i, i + BATCH)), exportable()))
      .orderBy(asc(stories.id))
    // A grant counts only when the author gave it.
    yield rows.filter((r) => r.authorId !== null && subjectOf.get(r.storyId) === r.authorId).map(({ authorId: _, ...r }) => r)
  }
}

export type ResearchStoryText = { storyId: string; title: string; body: string; contentNote: string | null }

/** The moderated (published) texts of exportable stories, in batches in id order. */
export async function* readResearchStoryTexts({ storyIds, tx = defaultDb }: { storyIds: readonly string[]; tx?: DbOrTx }): AsyncGenerator<ResearchStoryText[]> {
  const ids = [...storyIds].sort()
  for (let i = 0; i < ids.length; i += BATCH / 5) {
    const rows = await tx
      .select({ storyId: stories.id, title: stories.publishedTitle, body: stories.publishedBody, contentNote: stories.publishedContentNote })
      .from(stories)
      .where(and(inArray(stories.id, ids.slice(i, i + BATCH / 5)), exportable()))
      .orderBy(asc(stories.id))
    yield rows.map((r) => ({ storyId: r.storyId, title: r.title ?? '', body: r.body ?? '', contentNote: r.contentNote }))
  }
}

/** Of the given stories, those still exportable (the sweep sends a deletion notice for the rest). */
export async function listExportableStoryIds({ storyIds, tx = defaultDb }: { storyIds: readonly string[]; tx?: DbOrTx }): Promise<Set<string>> {
  const out = new Set<string>()
  for (let i = 0; i < storyIds.length; i += BATCH) {
    const rows = await tx.select({ id: stories.id }).from(stories).where(and(inArray(stories.id, storyIds.slice(i, i + BATCH)), exportable()))
    for (const r of rows) out.add(r.id)
  }
  return out
}

/** The ids of an author's own stories (the survivor's view of where their stories went). */
export async function listOwnStoryIdsForResearch({ authorId, tx = defaultDb }: { authorId: string; tx?: DbOrTx }) {
  const rows = await tx.select({ id: stories.id, title: stories.title, publishedTitle: stories.publishedTitle }).from(stories).where(eq(stories.authorId, authorId))
  return rows.map((r) => ({ id: r.id, title: r.publishedTitle ?? r.title }))
}
