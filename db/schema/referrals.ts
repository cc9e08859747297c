import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, text } from 'drizzle-orm/pg-core'
import { DIRECTORY_KINDS } from '../../app/referrals/schemas'
import { createdAt, id, updatedAt } from './_columns'

/**
 * What an organisation in the referral directory is. `remembrance` is for places of
 * remembering (the glass monument) that are neither help nor care.
 */
export const directoryKindEnum = pgEnum('directory_kind', DIRECTORY_KINDS)
export type DirectoryKind = (typeof directoryKindEnum.enumValues)[number]

/** One way to reach an organisation; validated by `ContactChannelSchema` in app/referrals. */
export type StoredContactChannel = {
  type: 'phone' | 'website' | 'email' | 'chat'
  value: string
  /** Opening hours by locale code, e.g. `{ nl: 'ma–vr 9–17 uur', en: 'Mon–Fri 9am–5pm' }`. */
  hours?: Partial<Record<string, string>>
}

/** An entry's texts in one language; validated by `DirectoryTextsSchema` in app/referrals. */
export type StoredDirectoryTexts = { description: string; forWhom: string; accessibility?: string }

/**
 * The public referral directory. Entries are content: every language is stored as data (in
 * `texts`, keyed by locale code, Dutch always present as the fallback; ADR 0021) and every
 * entry names the `source` of its facts, so a reviewer can check it against that source.
 */
export const directoryEntries = pgTable(
  'directory_entries',
  {
    id: id(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    kind: directoryKindEnum('kind').notNull(),
    /** Description, for whom and accessibility per locale code: `{ nl: {…}, en: {…} }`. */
    texts: jsonb('texts').$type<{ nl: StoredDirectoryTexts } & Partial<Record<string, StoredDirectoryTexts>>>().notNull(),
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
    // Dutch is the fallback every reader gets when their language has no text (app/i18n/config.ts).
    check('directory_entries_texts_fallback', sql`coalesce(jsonb_typeof(${t.texts} -> 'nl'), 'missing') = 'object'`),
  ],
)
export type DirectoryEntry = typeof directoryEntries.$inferSelect
export type NewDirectoryEntry = typeof directoryEntries.$inferInsert
