import { and, desc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { stories } from '@db/schema/monument'
import { keptFacetCounts } from './facet-counts.server'
import { FACET_FILTERS, type FacetName, type StoryFilters } from './reading-schemas'

/** Who is reading: only signed-in survivors also see stories shared with fellow survivors. */
export type Reader = { survivor: boolean }

// ——— cursors ————————————————————————————————————————————————————————————————

/** The keyset position after the last story of a page: (rank when searching, published_at, id). */
export type ListingCursor = { at: string; id: string; rank?: string }

const CursorSchema = z.object({
  at: z.string().max(40).regex(/^[0-9: .+-]+$/),
  id: z.string().uuid(),
  rank: z
    .string()
    .max(30)
    .regex(/^[0-9.e+-]+$/)
    .optional(),
})

export function encodeCursor(cursor: ListingCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url')
}

/** A cursor from the address, or undefined when absent or tampered (then page 1). */
export function decodeCursor(value: string | null): ListingCursor | undefined {
  if (!value || value.length > 300) return undefined
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

// ——— visibility ————————————————————————————————————————————————————————————————

/**
 * THE rule for what a reader may see, used by the listing, the search, the counts and the
 * story page alike: published, not hidden after a report, and shared with this reader
 * (`audience` is the consent ledger's projection, updated in the same transaction as every
 * consent event, so a withdrawal counts from the next request). `audience <> 'none'` is
 * repeated so the planner can use the partial listing index.
 */
export function visibleTo(reader: Reader): SQL {
  return and(
    eq(stories.status, 'published'),
    isNull(stories.hiddenAt),
    ne(stories.audience, 'none'),
    reader.survivor ? inArray(stories.audience, ['public', 'fellowSurvivors']) : eq(stories.audience, 'public'),
  )!
}

const tsQuery = (q: string) => sql`websearch_to_tsquery('dutch', ${q})`

function filterConditions(filters: StoryFilters): SQL[] {
  const c: SQL[] = []
  if (filters.decade) c.push(sql`${stories.decades} @> array[${filters.decade}]::text[]`)
  if (filters.setting) c.push(sql`${stories.settings} @> array[${filters.setting}]::text[]`)
  if (filters.violence) c.push(sql`${stories.violenceKinds} @> array[${filters.violence}]::text[]`)
  if (filters.theme) c.push(sql`${stories.themes} @> array[${filters.theme}]::text[]`)
  if (filters.region) c.push(eq(stories.region, filters.region))
  if (filters.q) c.push(sql`${stories.searchVector} @@ ${tsQuery(filters.q)}`)
  return c
}

/** How a story's author is shown: their own name, a pseudonym, or null for "Anonymous". */
function authorShown(row: { displayMode: string; pseudonym: string | null; userName: string | null }): string | null {
  if (row.displayMode === 'ownName' && row.userName) return row.userName
  if (row.displayMode === 'pseudonym' && row.pseudonym?.trim()) return row.pseudonym.trim()
  return null
}

// ——— listing ————————————————————————————————————————————————————————————————

export type StoryListItem = {
  slug: string
  title: string
  excerpt: string
  author: string | null
  hasContentNote: boolean
  decades: string[]
  settings: string[]
  publishedAt: string
}

export const PAGE_SIZE = 20
const EXCERPT_LENGTH = 280

/**
 * One page of the stories this reader may see, newest first. When searching (Dutch stemming:
 * "verhalen" finds "verhaal") stories whose title matches come first, ranked by the title
 * alone, and then the rest newest first: no story outranks another for being longer or for
 * repeating a word, and ranking reads only the small title vector of each hit instead of its
 * whole-story vector (ADR 0011). Keyset pagination on (rank, published_at, id): deep pages
 * cost the same as the first, where OFFSET would read and throw away every earlier row.
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
  const conditions = [visibleTo(reader), ...filterConditions(filters)]
  const rank = filters.q ? sql<string>`ts_rank(${stories.titleVector}, ${tsQuery(filters.q)})` : null
  if (after) {
    if (rank && after.rank !== undefined) {
      conditions.push(sql`(${rank}, ${stories.publishedAt}, ${stories.id}) < (${after.rank}::real, ${after.at}::timestamptz, ${after.id}::uuid)`)
    } else if (!rank) {
      conditions.push(sql`(${stories.publishedAt}, ${stories.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`)
    }
  }
  // First the page's ids in order, then the columns of those rows only: an excerpt in the
  // sorted select would unpack the text of every hit before the sort throws most away.
  const hits = tx
    .select({
      id: stories.id,
      publishedAt: stories.publishedAt,
      // As text: a JS Date would drop the microseconds and the keyset would skip or repeat rows.
      at: sql<string>`${stories.publishedAt}::text`.as('at'),
      rankValue: (rank ? sql<number>`${rank}` : sql<number>`0`).as('rank_value'),
      rank: (rank ? sql<string | null>`${rank}::text` : sql<string | null>`null`).as('rank'),
    })
    .from(stories)
    .where(and(...conditions))
    .orderBy(...(rank ? [desc(rank)] : []), desc(stories.publishedAt), desc(stories.id))
    .limit(limit + 1)
    .as('hits')
  const rows = await tx
    .select({
      slug: stories.slug,
      title: stories.publishedTitle,
      excerpt: sql<string>`left(${stories.publishedBody}, ${EXCERPT_LENGTH})`,
      displayMode: stories.displayMode,
      pseudonym: stories.pseudonym,
      userName: users.displayName,
      hasContentNote: sql<boolean>`coalesce(${stories.publishedContentNote}, '') <> ''`,
      decades: stories.decades,
      settings: stories.settings,
      id: hits.id,
      at: hits.at,
      rank: hits.rank,
    })
    .from(hits)
    .innerJoin(stories, eq(stories.id, hits.id))
    .leftJoin(users, eq(users.id, stories.authorId))
    .orderBy(desc(hits.rankValue), desc(hits.publishedAt), desc(hits.id))

  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => ({
      slug: r.slug,
      title: r.title ?? '',
      excerpt: r.excerpt ?? '',
      author: authorShown(r),
      hasContentNote: r.hasContentNote,
      decades: r.decades,
      settings: r.settings,
      publishedAt: r.at,
    })),
    next: rows.length > limit && last ? { at: last.at, id: last.id, ...(rank ? { rank: last.rank ?? '0' } : {}) } : null,
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
  const rows = await tx.execute<{ facet: FacetName; value: string; n: number }>(sql`
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
