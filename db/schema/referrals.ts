import { sql } from 'drizzle-orm'
import { boolean, date, index, integer, jsonb, pgEnum, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './_columns'

/**
 * What an organisation in the referral directory is. `remembrance` is for places of
 * remembering (the glass monument) that are neither help nor care.
 */
export const directoryKindEnum = pgEnum('directory_kind', [
  'informationPoint',
  'peerSupport',
  'victimSupport',
  'crisisLine',
  'treatment',
  'legalHelp',
  'compensation',
  'remembrance',
])
export type DirectoryKind = (typeof directoryKindEnum.enumValues)[number]

/** One way to reach an organisation; validated by `ContactChannelSchema` in app/referrals. */
export type StoredContactChannel = {
  type: 'phone' | 'website' | 'email' | 'chat'
  value: string
  hours_nl?: string
  hours_en?: string
}

/**
 * The public referral directory. Entries are content: both languages are stored as data and
 * every entry names the `source` of its facts, so a reviewer can check it against that source.
 */
export const directoryEntries = pgTable(
  'directory_entries',
  {
    id: id(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    kind: directoryKindEnum('kind').notNull(),
    descriptionNl: text('description_nl').notNull(),
    descriptionEn: text('description_en').notNull(),
    forWhomNl: text('for_whom_nl').notNull(),
    forWhomEn: text('for_whom_en').notNull(),
    /** Facet values (SETTINGS); empty means the entry is for every setting. */
    settings: text('settings').array().notNull().default(sql`'{}'::text[]`),
    /** Years the entry is specifically for (e.g. 1945–1975); null means no limit. */
    periodFrom: integer('period_from'),
    periodTo: integer('period_to'),
    /** REGIONS; ['national'] for the whole country. */
    regions: text('regions').array().notNull().default(sql`'{national}'::text[]`),
    /** LANGUAGES the entry can help in ('ngt' is sign language). */
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    /** NEEDS the entry answers. */
    needs: text('needs').array().notNull().default(sql`'{}'::text[]`),
    accessibilityNl: text('accessibility_nl'),
    accessibilityEn: text('accessibility_en'),
    contacts: jsonb('contacts').$type<StoredContactChannel[]>().notNull().default(sql`'[]'::jsonb`),
    /** Where the facts come from, e.g. 'DOMAIN.md: Trimbos-instituut CIE'. */
    source: text('source').notNull(),
    lastCheckedAt: date('last_checked_at', { mode: 'string' }).notNull(),
    published: boolean('published').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The directory filters with array containment/overlap (@>, &&): GIN indexes serve those.
    index('directory_entries_settings_idx').using('gin', t.settings),
    index('directory_entries_regions_idx').using('gin', t.regions),
    index('directory_entries_languages_idx').using('gin', t.languages),
    index('directory_entries_needs_idx').using('gin', t.needs),
    index('directory_entries_published_kind_idx').on(t.published, t.kind),
    index('directory_entries_last_checked_idx').on(t.lastCheckedAt),
  ],
)
export type DirectoryEntry = typeof directoryEntries.$inferSelect
export type NewDirectoryEntry = typeof directoryEntries.$inferInsert
