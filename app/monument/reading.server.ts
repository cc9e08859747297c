import { and, desc, eq, sql } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { stories } from '@db/schema/monument'
import { keptFacetCounts } from './facet-counts.server'
import { authorShown, filterConditions, listItemColumns, toListItem, visibleTo, type ListingCursor, type Reader, type StoryListItem } from './reading-query.server'
import { FACET_FILTERS, type FacetName, type StoryFilters } from './reading-schemas'
import { searchVisibleStories } from './search.server'

export { decodeCursor, encodeCursor, visibleTo, type ListingCursor, type Reader, type StoryListItem } from './reading-query.server'

export const PAGE_SIZE = 20

/**
 * One page of the stories this reader may see, newest first. A search (Dutch stemming:
 * "verhalen" finds "verhaal") goes to search.server.ts: title hits first, then the rest, each
 * newest first. Keyset pagination on (published_at, id): deep pages cost the same as the first,
 * where OFFSET would read and throw away every earlier row.
 */
export async function listVisibleStories({
  reader,
  filters,
  after,
  limit = PAGE_SIZE,
  tx = defaultDb,
}: {
  reader: Reader
  filters: StoryFilters
  after?: ListingCursor
  limit?: number
  tx?: DbOrTx
}): Promise<{ items: StoryListItem[]; next: ListingCursor | null }> {
  if (filters.q)
    return searchVisibleStories({
      reader,
      filters: { ...filters, q: filters.q },
      after,
      limit,
      tx,
    })
  const conditions = [visibleTo(reader), ...filterConditions(filters)]
  if (after) conditions.push(sql`(${stories.publishedAt}, ${stories.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`)
  // First the page's ids in order, then the columns of those rows only: an excerpt in the
  // sorted select would unpack the text of every hit before the sort throws most away.
  const hits = tx
    .select({
      id: stories.id,
      publishedAt: stories.publishedAt,
      // As text: a JS Date would drop the microseconds and the keyset would skip or repeat rows.
      at: sql<string>`${stories.publishedAt}::text`.as('at'),
    })
    .from(stories)
    .where(and(...conditions))
    .orderBy(desc(stories.publishedAt), desc(stories.id))
    .limit(limit + 1)
    .as('hits')
  const rows = await tx
    .select({ ...listItemColumns, id: hits.id, at: hits.at })
    .from(hits)
    .innerJoin(stories, eq(stories.id, hits.id))
    .leftJoin(users, eq(users.id, stories.authorId))
    .orderBy(desc(hits.publishedAt), desc(hits.id))
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => toListItem(r, r.at)),
    next: rows.length > limit && last ? { at: last.at, id: last.id } : null,
  }
}

export type FacetCounts = Record<FacetName, Record<string, number>>

// Counting every facet value means reading every matching row; under load that is the most
// expensive part of the listing. Counts are a reading aid, not content: a few seconds' delay is
// harmless, while the stories themselves are always read fresh (a withdrawal or report still
// counts from the next request). Bounded so a crawler trying every filter cannot grow it.
const COUNT_TTL_MS = 10_000
const COUNT_CACHE_MAX = 500
const countCache = new Map<string, { at: number; counts: FacetCounts }>()

/** How many visible stories have each facet value within the filters and search (one aggregate, or the kept counts). */
export async function countFacets({
  reader,
  filters,
  tx = defaultDb,
  fresh = false,
  generation,
}: {
  reader: Reader
  filters: StoryFilters
  tx?: DbOrTx
  /** Skip the short-lived cache (tests, the benchmark's raw comparison). */
  fresh?: boolean
  /**
   * The publication generation of a page the page cache will keep (ADR 0011): counts kept
   * under it stay exact for as long as that page does, so they need no time limit.
   */
  generation?: string
}): Promise<FacetCounts> {
  const key = JSON.stringify([reader.survivor, filters, generation ?? null])
  const cached = countCache.get(key)
  if (!fresh && cached && (generation !== undefined || Date.now() - cached.at < COUNT_TTL_MS)) return cached.counts
  const counts = filterConditions(filters).length ? await aggregateFacets(reader, filters, tx) : await keptFacetCounts(reader, tx) // kept by triggers (0031)
  if (countCache.size >= COUNT_CACHE_MAX) countCache.clear()
  countCache.set(key, { at: Date.now(), counts })
  return counts
}

async function aggregateFacets(reader: Reader, filters: StoryFilters, tx: DbOrTx): Promise<FacetCounts> {
  const where = and(visibleTo(reader), ...filterConditions(filters))
  const rows = await tx.execute<{
    facet: FacetName
    value: string
    n: number
  }>(sql`
    with base as (
      select ${stories.decades} as decades, ${stories.settings} as settings, ${stories.violenceKinds} as violence,
             ${stories.themes} as themes, ${stories.region} as region
      from ${stories} where ${where}
    )
    select 'decade' as facet, v as value, count(*)::int as n from base, unnest(decades) v group by v
    union all select 'setting', v, count(*)::int from base, unnest(settings) v group by v
    union all select 'violence', v, count(*)::int from base, unnest(violence) v group by v
    union all select 'theme', v, count(*)::int from base, unnest(themes) v group by v
    union all select 'region', region, count(*)::int from base where region is not null group by region`)
  const counts = Object.fromEntries(FACET_FILTERS.map((f) => [f.name, {}])) as FacetCounts
  for (const r of rows) counts[r.facet][r.value] = Number(r.n)
  return counts
}

// ——— one story ————————————————————————————————————————————————————————————————

export type StoryView = {
  id: string
  slug: string
  title: string
  body: string
  paragraphs: string[]
  contentNote: string | null
  author: string | null
  decades: string[]
  settings: string[]
  violenceKinds: string[]
  themes: string[]
  region: string | null
  publishedAt: string
}

/**
 * A story this reader may see, or null: withdrawn, removed, hidden after a report, without
 * consent for this reader, or unknown all look the same (the page answers 404).
 * Only the moderated text the author approved (`published*`) ever leaves this function.
 */
export async function getVisibleStory({ slug, reader, tx = defaultDb }: { slug: string; reader: Reader; tx?: DbOrTx }): Promise<StoryView | null> {
  const [row] = await tx
    .select({
      id: stories.id,
      slug: stories.slug,
      title: stories.publishedTitle,
      body: stories.publishedBody,
      contentNote: stories.publishedContentNote,
      displayMode: stories.displayMode,
      pseudonym: stories.pseudonym,
      userName: users.displayName,
      decades: stories.decades,
      settings: stories.settings,
      violenceKinds: stories.violenceKinds,
      themes: stories.themes,
      region: stories.region,
      publishedAt: stories.publishedAt,
    })
    .from(stories)
    .leftJoin(users, eq(users.id, stories.authorId))
    .where(and(eq(stories.slug, slug), visibleTo(reader)))
    .limit(1)
  if (!row) return null
  const body = row.body ?? ''
  return {
    id: row.id,
    slug: row.slug,
    title: row.title ?? '',
    body,
    // Plain paragraphs: the text is rendered as text, never as HTML.
    paragraphs: body
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    contentNote: row.contentNote?.trim() ? row.contentNote.trim() : null,
    author: authorShown(row),
    decades: row.decades,
    settings: row.settings,
    violenceKinds: row.violenceKinds,
    themes: row.themes,
    region: row.region,
    publishedAt: (row.publishedAt ?? new Date(0)).toISOString(),
  }
}
