import { and, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { users } from '@db/schema/accounts'
import { stories } from '@db/schema/monument'
import type { StoryFilters } from './reading-schemas'

// What every public reading query shares (the listing, the search, the story page, the counts):
// who may see what, the filters as conditions, the keyset cursor and how a list item is read.

/** Who is reading: only signed-in survivors also see stories shared with fellow survivors. */
export type Reader = { survivor: boolean }

// ——— cursors ————————————————————————————————————————————————————————————————

/** The keyset position after the last story of a page: (rank when searching, published_at, id). */
export type ListingCursor = { at: string; id: string; rank?: string }

const CursorSchema = z.object({
  at: z
    .string()
    .max(40)
    .regex(/^[0-9: .+-]+$/),
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

export const tsQuery = (q: string) => sql`websearch_to_tsquery('dutch', ${q})`

export function filterConditions(filters: StoryFilters): SQL[] {
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
export function authorShown(row: { displayMode: string; pseudonym: string | null; userName: string | null }): string | null {
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

export const EXCERPT_LENGTH = 280

/** The columns a list item needs, for a select that joins `users` on the author. */
export const listItemColumns = {
  slug: stories.slug,
  title: stories.publishedTitle,
  excerpt: sql<string>`left(${stories.publishedBody}, ${EXCERPT_LENGTH})`,
  displayMode: stories.displayMode,
  pseudonym: stories.pseudonym,
  userName: users.displayName,
  hasContentNote: sql<boolean>`coalesce(${stories.publishedContentNote}, '') <> ''`,
  decades: stories.decades,
  settings: stories.settings,
}

type ListItemRow = {
  slug: string
  title: string | null
  excerpt: string | null
  displayMode: string
  pseudonym: string | null
  userName: string | null
  hasContentNote: boolean
  decades: string[]
  settings: string[]
}

export function toListItem(r: ListItemRow, publishedAt: string): StoryListItem {
  return {
    slug: r.slug,
    title: r.title ?? '',
    excerpt: r.excerpt ?? '',
    author: authorShown(r),
    hasContentNote: r.hasContentNote,
    decades: r.decades,
    settings: r.settings,
    publishedAt,
  }
}
