import { z } from 'zod'
import { DECADES, REGIONS, SETTINGS, THEMES, VIOLENCE_KINDS } from '~/facets/facets'
import { cleanLine } from '~/utils/text-schema'

/**
 * The public listing's query (`/verhalen?q=…&decade=…&after=…`). An unknown or tampered value
 * means "no filter", never an error page: people share these addresses.
 */
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values).optional()).catch(undefined)

export const StoryFiltersSchema = z.object({
  // Cleaned like a single line (text-schema.ts): a NUL or a lone surrogate in a shared search
  // address must find nothing, not fail the page (PostgreSQL refuses U+0000 in text).
  q: z
    .preprocess((v) => (typeof v === 'string' && cleanLine(v).trim() !== '' ? cleanLine(v).trim().slice(0, 200) : undefined), z.string().optional())
    .catch(undefined),
  decade: optionalEnum(DECADES),
  setting: optionalEnum(SETTINGS),
  violence: optionalEnum(VIOLENCE_KINDS),
  theme: optionalEnum(THEMES),
  region: optionalEnum(REGIONS),
})
export type StoryFilters = z.infer<typeof StoryFiltersSchema>

export const FACET_FILTERS = [
  { name: 'decade', group: 'decades', values: DECADES },
  { name: 'setting', group: 'settings', values: SETTINGS },
  { name: 'violence', group: 'violenceKinds', values: VIOLENCE_KINDS },
  { name: 'theme', group: 'themes', values: THEMES },
  { name: 'region', group: 'regions', values: REGIONS },
] as const
export type FacetName = (typeof FACET_FILTERS)[number]['name']

export function parseStoryFilters(searchParams: URLSearchParams): StoryFilters {
  return StoryFiltersSchema.parse({
    q: searchParams.get('q') ?? undefined,
    decade: searchParams.get('decade') ?? undefined,
    setting: searchParams.get('setting') ?? undefined,
    violence: searchParams.get('violence') ?? undefined,
    theme: searchParams.get('theme') ?? undefined,
    region: searchParams.get('region') ?? undefined,
  })
}

/** Cache policy of the public monument pages: anonymous readers may be cached (but always revalidated); signed-in readers never. */
export function readingCacheHeaders(signedIn: boolean): Record<string, string> {
  return signedIn
    ? { 'Cache-Control': 'private, no-store' }
    : { 'Cache-Control': 'public, max-age=0, must-revalidate', Vary: 'Accept-Language, Cookie' }
}

/** `value` when it is one of `values` (a stored facet), otherwise undefined. */
export function oneOf<T extends string>(values: readonly T[], value: string | null | undefined): T | undefined {
  return value !== null && value !== undefined && (values as readonly string[]).includes(value) ? (value as T) : undefined
}
