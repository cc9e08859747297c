import { and, arrayContains, arrayOverlaps, asc, eq, or, sql, type SQL } from 'drizzle-orm'
import { db as defaultDb, type DbOrTx } from '@db/client.server'
import { directoryEntries, type DirectoryEntry, type DirectoryKind } from '@db/schema/referrals'
import type { Language, Need, Region, Setting } from '~/facets/facets'
import { fallbackLng, type Lng } from '~/i18n/config'
import { pickLocalized, type Localized } from '~/i18n/localized'
import { logger } from '~/utils/logger.server'
import { contactHref, contactLabel, type ContactLink } from './format'
import { ContactChannelSchema, type DIRECTORY_KINDS, type DirectoryFilters, type DirectoryTexts } from './schemas'

// The database enum and the isomorphic list must stay the same; this fails to compile otherwise.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _kindsInSync: Same<DirectoryKind, (typeof DIRECTORY_KINDS)[number]> = true
void _kindsInSync

/** A published entry in one language, as pages show it. */
export type DirectoryEntryView = {
  slug: string
  name: string
  kind: DirectoryKind
  description: string
  forWhom: string
  settings: Setting[]
  periodFrom: number | null
  periodTo: number | null
  regions: Region[]
  languages: Language[]
  needs: Need[]
  accessibility: string | null
  contacts: ContactLink[]
  /** YYYY-MM-DD */
  lastCheckedAt: string
}

/**
 * Turns a row into what a page shows in `locale`, each text falling back to Dutch where the
 * language has none. Contacts that fail validation are left out, never shown.
 */
export function toDirectoryView(row: DirectoryEntry, locale: Lng): DirectoryEntryView {
  // The database refuses a row without Dutch texts (directory_entries_texts_fallback).
  const all = row.texts as Localized<DirectoryTexts>
  const texts = pickLocalized(all, locale)
  const contacts: ContactLink[] = []
  for (const raw of row.contacts) {
    const parsed = ContactChannelSchema.safeParse(raw)
    if (!parsed.success) {
      logger.warn({ slug: row.slug }, 'directory entry has an invalid contact channel; it is not shown')
      continue
    }
    const channel = parsed.data
    contacts.push({
      type: channel.type,
      href: contactHref(channel),
      label: contactLabel(channel),
      hours: channel.hours?.[locale] ?? channel.hours?.[fallbackLng] ?? null,
    })
  }
  return {
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    description: texts.description,
    forWhom: texts.forWhom,
    settings: row.settings as Setting[],
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    regions: row.regions as Region[],
    languages: row.languages as Language[],
    needs: row.needs as Need[],
    accessibility: texts.accessibility ?? all[fallbackLng].accessibility ?? null,
    contacts,
    lastCheckedAt: row.lastCheckedAt,
  }
}

const t = directoryEntries

/** Crisis lines first, then peer-support organisations, then the rest; by name within each. */
const directoryOrder = [
  sql`case ${t.kind} when 'crisisLine' then 0 when 'peerSupport' then 1 else 2 end`,
  sql`lower(${t.name})`,
  asc(t.slug),
]

/**
 * The public directory. Crisis lines are always included and come first, whatever the
 * filters: someone in crisis must never filter them away. Other entries must match every
 * filter given; an entry without settings is for every setting, a national entry for every
 * region.
 */
export async function listDirectoryEntries({
  filters,
  locale,
  tx = defaultDb,
}: {
  filters: DirectoryFilters
  locale: Lng
  tx?: DbOrTx
}): Promise<DirectoryEntryView[]> {
  const conditions: SQL[] = []
  if (filters.need) conditions.push(arrayContains(t.needs, [filters.need]))
  if (filters.region) conditions.push(arrayOverlaps(t.regions, ['national', filters.region]))
  if (filters.language) conditions.push(arrayContains(t.languages, [filters.language]))
  if (filters.setting) {
    conditions.push(or(sql`cardinality(${t.settings}) = 0`, arrayContains(t.settings, [filters.setting]))!)
  }
  const matching = conditions.length > 0 ? or(eq(t.kind, 'crisisLine'), and(...conditions)) : undefined
  const rows = await tx
    .select()
    .from(t)
    .where(and(eq(t.published, true), matching))
    .orderBy(...directoryOrder)
  return rows.map((row) => toDirectoryView(row, locale))
}

/** One published entry, or null (unknown or unpublished slugs look the same). */
export async function getDirectoryEntry({
  slug,
  locale,
  tx = defaultDb,
}: {
  slug: string
  locale: Lng
  tx?: DbOrTx
}): Promise<DirectoryEntryView | null> {
  const [row] = await tx
    .select()
    .from(t)
    .where(and(eq(t.slug, slug), eq(t.published, true)))
    .limit(1)
  return row ? toDirectoryView(row, locale) : null
}

export type StaleEntry = Pick<DirectoryEntry, 'id' | 'slug' | 'name' | 'kind' | 'lastCheckedAt' | 'published' | 'source'>

/**
 * Entries (published or not) whose facts were last checked six months or more before `now`,
 * oldest first, so staff can check phone numbers and addresses before they go out of date.
 * The month arithmetic runs in PostgreSQL, which handles month ends (31 August → 28/29 February).
 */
export async function listStaleEntries({ now, tx = defaultDb }: { now: Date; tx?: DbOrTx }): Promise<StaleEntry[]> {
  return tx
    .select({
      id: t.id,
      slug: t.slug,
      name: t.name,
      kind: t.kind,
      lastCheckedAt: t.lastCheckedAt,
      published: t.published,
      source: t.source,
    })
    .from(t)
    .where(sql`${t.lastCheckedAt} <= ((${now.toISOString()}::timestamptz at time zone 'UTC')::date - interval '6 months')::date`)
    .orderBy(asc(t.lastCheckedAt), asc(t.slug))
}
