import { z } from 'zod'
import { DECADES, LANGUAGES, NEEDS, REGIONS, SETTINGS } from '~/facets/facets'
import { LOCALES } from '~/i18n/config'
import { localizedSchema } from '~/i18n/localized'

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

const Hour = z.string().trim().min(1).max(200)
/** Opening hours by locale code, each optional: a reader without their own sees the Dutch ones. */
const Hours = z
  .object(Object.fromEntries(LOCALES.map((l) => [l.code, Hour.optional()])) as Record<(typeof LOCALES)[number]['code'], z.ZodOptional<typeof Hour>>)
  .strict()
  .optional()

/** One way to reach an organisation, as stored in `directory_entries.contacts`. */
export const ContactChannelSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('phone'), value: z.string().regex(phonePattern), hours: Hours }),
  z.object({ type: z.literal('website'), value: httpsUrl, hours: Hours }),
  z.object({ type: z.literal('email'), value: z.string().email(), hours: Hours }),
  z.object({ type: z.literal('chat'), value: httpsUrl, hours: Hours }),
])
export type ContactChannel = z.infer<typeof ContactChannelSchema>
export const ContactChannelsSchema = z.array(ContactChannelSchema).max(12)

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
/** An entry's address part: lower-case words joined by dashes. */
export const SlugSchema = z.string().regex(slugPattern).max(80)
const Text = z.string().trim().min(1).max(4000)
const Year = z.number().int().min(1900).max(2100)

/** An entry's texts in one language. */
const DirectoryTextsSchema = z.object({ description: Text, forWhom: Text, accessibility: Text.optional() }).strict()
export type DirectoryTexts = z.infer<typeof DirectoryTextsSchema>

/** A directory entry as content editors (and the seed) provide it. */
export const DirectoryEntryInputSchema = z
  .object({
    slug: SlugSchema,
    name: z.string().trim().min(1).max(200),
    kind: DirectoryKindSchema,
    /** Keyed by locale code; Dutch required, the fallback for a language without its own. */
    texts: localizedSchema(DirectoryTextsSchema),
    settings: z.array(z.enum(SETTINGS)).default([]),
    periodFrom: Year.nullable().default(null),
    periodTo: Year.nullable().default(null),
    regions: z.array(z.enum(REGIONS)).min(1).default(['national']),
    languages: z.array(z.enum(LANGUAGES)).default([]),
    needs: z.array(z.enum(NEEDS)).default([]),
    contacts: ContactChannelsSchema.default([]),
    source: z.string().trim().min(1).max(500),
    lastCheckedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    published: z.boolean().default(false),
  })
  .refine((e) => e.periodFrom === null || e.periodTo === null || e.periodFrom <= e.periodTo, {
    message: 'period_from after period_to',
    path: ['periodTo'],
  })
  // Other languages fall back to the Dutch accessibility note, so it cannot be the one missing.
  .refine((e) => e.texts.nl.accessibility !== undefined || Object.values(e.texts).every((t) => t?.accessibility === undefined), {
    message: 'accessibility in another language needs the Dutch one',
    path: ['texts', 'nl', 'accessibility'],
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
