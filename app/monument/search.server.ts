import { and, desc, eq, inArray, not, sql, type SQL } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { stories } from '@db/schema/monument'
import { filterConditions, listItemColumns, toListItem, tsQuery, visibleTo, type ListingCursor, type Reader, type StoryListItem } from './reading-query.server'
import type { StoryFilters } from './reading-schemas'

/**
 * The search's first page reads hits among roughly this many newest stories first (ADR 0035):
 * a word in 2 % of 100,000 stories then costs ~80 hits read instead of ~2,000.
 */
const RECENT_WINDOW = 4000
const WINDOW_TTL_MS = 60_000
const recent = new Map<number, { at: number; since: string | null }>()

/**
 * The publication time of about the RECENT_WINDOW-th newest story any reader may see, or null
 * when there are fewer. Any value gives the same results (below, a window short of a page is
 * read again without it), so it is kept for a minute, across generations.
 */
async function recentWindow(tx: DbOrTx, size: number): Promise<string | null> {
  const kept = recent.get(size)
  if (kept && Date.now() - kept.at < WINDOW_TTL_MS) return kept.since
  const [row] = await tx
    .select({ at: sql<string>`${stories.publishedAt}::text` })
    .from(stories)
    .where(visibleTo({ survivor: true }))
    .orderBy(desc(stories.publishedAt), desc(stories.id))
    .offset(size)
    .limit(1)
  recent.set(size, { at: Date.now(), since: row?.at ?? null })
  return row?.at ?? null
}

type Hit = { id: string; at: string }

/** Up to `n` hits, newest first (as text: a JS Date would drop the microseconds the keyset needs). */
function hits(tx: DbOrTx, where: SQL | undefined, n: number): Promise<Hit[]> {
  return tx
    .select({ id: stories.id, at: sql<string>`${stories.publishedAt}::text` })
    .from(stories)
    .where(where)
    .orderBy(desc(stories.publishedAt), desc(stories.id))
    .limit(n)
}

/**
 * One page of a search (Dutch stemming: "verhalen" finds "verhaal"): stories whose title
 * matches come first, then the other hits, each part newest first. Each part is ordered like
 * an index, so PostgreSQL can read just the page's hits: title hits through their own index
 * (migration 0032), common words by walking the newest stories, rare words through the search
 * index, and a first page only among the newest stories while that fills the page. No story
 * outranks another for being longer or for repeating a word. The cursor's `rank` says which
 * part it stands in ('1' title, '0' the rest; an older address's positive rank counts as title).
 */
export async function searchVisibleStories({
  reader,
  filters,
  after,
  limit,
  tx = defaultDb,
  window = RECENT_WINDOW,
}: {
  reader: Reader
  filters: StoryFilters & { q: string }
  after?: ListingCursor
  limit: number
  tx?: DbOrTx
  /** How many newest stories a first page looks among first (tests make it small). */
  window?: number
}): Promise<{ items: StoryListItem[]; next: ListingCursor | null }> {
  const query = tsQuery(filters.q)
  const visible = and(visibleTo(reader), ...filterConditions({ ...filters, q: undefined }))
  const inTitle = sql`${stories.titleVector} @@ ${query}`
  const inTitlePart = after !== undefined && after.rank !== undefined && Number(after.rank) > 0
  const keyset = after ? sql`(${stories.publishedAt}, ${stories.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined
  const rest = and(visible, sql`${stories.searchVector} @@ ${query}`, not(inTitle), inTitlePart ? undefined : keyset)

  const since = keyset && !inTitlePart ? null : await recentWindow(tx, window)
  const [titleHits, recentRest] = await Promise.all([
    after && !inTitlePart ? [] : hits(tx, and(visible, inTitle, inTitlePart ? keyset : undefined), limit + 1),
    hits(tx, since ? and(rest, sql`${stories.publishedAt} >= ${since}::timestamptz`) : rest, limit + 1),
  ])
  // Fewer recent hits than the page needs: older ones may follow, so read the part whole.
  const restHits = titleHits.length > limit || !since || recentRest.length > limit ? recentRest : await hits(tx, rest, limit + 1)
  const ordered = [...titleHits.map((h) => ({ ...h, rank: '1' })), ...restHits.map((h) => ({ ...h, rank: '0' }))].slice(0, limit + 1)

  const page = ordered.slice(0, limit)
  // The columns of the page's stories only, still only what this reader may see.
  const rows = page.length
    ? await tx
        .select({ ...listItemColumns, id: stories.id })
        .from(stories)
        .leftJoin(users, eq(users.id, stories.authorId))
        .where(
          and(
            visibleTo(reader),
            inArray(
              stories.id,
              page.map((h) => h.id),
            ),
          ),
        )
    : []
  const byId = new Map(rows.map((r) => [r.id, r]))
  const items = page.flatMap((h) => {
    const row = byId.get(h.id)
    return row ? [toListItem(row, h.at)] : []
  })
  const last = page.at(-1)
  return {
    items,
    next: ordered.length > limit && last ? { at: last.at, id: last.id, rank: last.rank } : null,
  }
}
