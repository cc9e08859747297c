import { z } from 'zod'
import { DECADES, LANGUAGES, NEEDS, REGIONS, SETTINGS } from '~/facets/facets'

export const DIRECTORY_KINDS = [
  'informationPoint',
  'peerSupport',
  'victimSupport',
  'crisisLine',
  'treatment',
  'legalHelp',
  'compensation',
  'remembrance',
] as const
/** The Trimbos information point: where people go when an entry has no contact details, or nothing fits. */
export const INFORMATION_POINT_SLUG = 'trimbos-informatiepunt'

/**
 * The directory's pages are public and the same for everyone who reads them in one language:
 * caches may keep them but must ask again each time, and keep the languages apart.
 */
export const PUBLIC_PAGE_HEADERS = {
  'Cache-Control': 'public, max-age=0, must-revalidate',
  Vary: 'Accept-Language, Cookie',
} as const

export const DirectoryKindSchema = z.enum(DIRECTORY_KINDS)

export const CONTACT_TYPES = ['phone', 'website', 'email', 'chat'] as const
export type ContactType = (typeof CONTACT_TYPES)[number]

// A phone number as people dial it in the Netherlands: digits with optional spaces or dashes
// (short numbers such as 112 and 113 included).
const phonePattern = /^\+?[0-9][0-9 -]{1,18}[0-9]$/
const httpsUrl = z
  .string()
  .url()
  .refine((v) => v.startsWith('https://'), 'https only')

const Hours = z.string().trim().min(1).max(200)

/** One way to reach an organisation, as stored in `directory_entries.contacts`. */
export const ContactChannelSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('phone'), value: z.string().regex(phonePattern), hours_nl: Hours.optional(), hours_en: Hours.optional() }),
  z.object({ type: z.literal('website'), value: httpsUrl, hours_nl: Hours.optional(), hours_en: Hours.optional() }),
  z.object({ type: z.literal('email'), value: z.string().email(), hours_nl: Hours.optional(), hours_en: Hours.optional() }),
  z.object({ type: z.literal('chat'), value: httpsUrl, hours_nl: Hours.optional(), hours_en: Hours.optional() }),
])
export type ContactChannel = z.infer<typeof ContactChannelSchema>
export const ContactChannelsSchema = z.array(ContactChannelSchema).max(12)

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
/** An entry's address part: lower-case words joined by dashes. */
export const SlugSchema = z.string().regex(slugPattern).max(80)
const Text = z.string().trim().min(1).max(4000)
const Year = z.number().int().min(1900).max(2100)

/** A directory entry as content editors (and the seed) provide it. */
export const DirectoryEntryInputSchema = z
  .object({
    slug: SlugSchema,
    name: z.string().trim().min(1).max(200),
    kind: DirectoryKindSchema,
    descriptionNl: Text,
    descriptionEn: Text,
    forWhomNl: Text,
    forWhomEn: Text,
    settings: z.array(z.enum(SETTINGS)).default([]),
    periodFrom: Year.nullable().default(null),
    periodTo: Year.nullable().default(null),
    regions: z.array(z.enum(REGIONS)).min(1).default(['national']),
    languages: z.array(z.enum(LANGUAGES)).default([]),
    needs: z.array(z.enum(NEEDS)).default([]),
    accessibilityNl: Text.nullable().default(null),
    accessibilityEn: Text.nullable().default(null),
    contacts: ContactChannelsSchema.default([]),
    source: z.string().trim().min(1).max(500),
    lastCheckedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    published: z.boolean().default(false),
  })
  .refine((e) => e.periodFrom === null || e.periodTo === null || e.periodFrom <= e.periodTo, {
    message: 'period_from after period_to',
    path: ['periodTo'],
  })
  .refine((e) => (e.accessibilityNl === null) === (e.accessibilityEn === null), {
    message: 'accessibility must be given in both languages or neither',
    path: ['accessibilityEn'],
  })
export type DirectoryEntryInput = z.input<typeof DirectoryEntryInputSchema>

// An unknown or tampered query value means "no filter", never an error page: the directory
// is a public page people share as links.
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values).optional()).catch(undefined)

/** The directory's filters, as they arrive in the URL query (`?need=…&region=…`). */
export const DirectoryFiltersSchema = z.object({
  need: optionalEnum(NEEDS),
  region: optionalEnum(REGIONS),
  language: optionalEnum(LANGUAGES),
  setting: optionalEnum(SETTINGS),
})
export type DirectoryFilters = z.infer<typeof DirectoryFiltersSchema>

/** Reads the filters from a URL's query string. */
export function parseDirectoryFilters(searchParams: URLSearchParams): DirectoryFilters {
  return DirectoryFiltersSchema.parse({
    need: searchParams.get('need') ?? undefined,
    region: searchParams.get('region') ?? undefined,
    language: searchParams.get('language') ?? undefined,
    setting: searchParams.get('setting') ?? undefined,
  })
}

/** What a story page or a triage worker knows about someone, to find the best entries. */
export const MatchQuerySchema = z
  .object({
    setting: z.enum(SETTINGS).optional(),
    decade: z.enum(DECADES).optional(),
    yearFrom: Year.optional(),
    yearTo: Year.optional(),
    region: z.enum(REGIONS).optional(),
    language: z.enum(LANGUAGES).optional(),
    need: z.enum(NEEDS).optional(),
    limit: z.number().int().min(1).max(20).default(5),
  })
  .refine((q) => q.yearFrom === undefined || q.yearTo === undefined || q.yearFrom <= q.yearTo, {
    message: 'yearFrom after yearTo',
    path: ['yearTo'],
  })
export type MatchQuery = z.input<typeof MatchQuerySchema>
