import { count, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { directoryEntries } from '@db/schema/referrals'
import { REFERRAL_SEED, seedReferrals } from '@db/seed/referrals'
import { getDirectoryEntry, listDirectoryEntries, listStaleEntries } from './directory.server'
import { DirectoryEntryInputSchema, parseDirectoryFilters } from './schemas'

const base = {
  texts: { nl: { description: 'Test', forWhom: 'Test' }, en: { description: 'Test', forWhom: 'Test' } },
  source: 'test fixture',
  lastCheckedAt: '2026-11-24',
  published: true,
}

beforeAll(async () => {
  await seedReferrals(db)
  // Fixtures the seed does not have: a regional entry, a sign-language entry, an unpublished one.
  await db.insert(directoryEntries).values([
    { ...base, slug: 'test-limburg', name: 'Test Limburg', kind: 'treatment', regions: ['limburg'], languages: ['nl'], needs: ['traumaTreatment'] },
    { ...base, slug: 'test-gebarentaal', name: 'Test Gebarentaal', kind: 'victimSupport', languages: ['ngt', 'nl'], needs: ['someoneToTalkTo'] },
    { ...base, slug: 'test-concept', name: 'Test Concept', kind: 'peerSupport', published: false, lastCheckedAt: '2020-01-01' },
  ])
})
afterAll(() => closeDb())

const slugs = (entries: { slug: string }[]) => entries.map((e) => e.slug)
const CRISIS = ['112-alarmnummer', '113-zelfmoordpreventie', 'centrum-seksueel-geweld']

describe('seedReferrals', () => {
  it('is idempotent and restores edited facts by slug', async () => {
    await db.update(directoryEntries).set({ name: 'Veranderd' }).where(eq(directoryEntries.slug, 'slachtofferhulp-nederland'))
    await seedReferrals(db)
    await seedReferrals(db)
    const [row] = await db
      .select({ n: count() })
      .from(directoryEntries)
      .where(sql`${directoryEntries.source} <> 'test fixture'`)
    expect(row?.n).toBe(REFERRAL_SEED.length)
    const entry = await getDirectoryEntry({ slug: 'slachtofferhulp-nederland', locale: 'nl' })
    expect(entry?.name).toBe('Slachtofferhulp Nederland')
  })

  it('gives every entry a source and a check date, and only facts-level contact channels', () => {
    for (const raw of REFERRAL_SEED) {
      const entry = DirectoryEntryInputSchema.parse(raw)
      expect(entry.source, entry.slug).toMatch(/^DOMAIN\.md: /)
      expect(entry.lastCheckedAt).toBe('2026-11-24')
    }
    const phones = REFERRAL_SEED.flatMap((e) => (e.contacts ?? []).filter((c) => c.type === 'phone').map((c) => c.value))
    expect(new Set(phones)).toEqual(
      new Set(['0800-1238', '0900-0101', '0900-9999 001', '113', '0800-0113', '0800-0188', '112']),
    )
  })
})

describe('listDirectoryEntries', () => {
  it('lists crisis lines first, then peer support, then the rest by name; never unpublished entries', async () => {
    const entries = await listDirectoryEntries({ filters: {}, locale: 'nl' })
    expect(slugs(entries).slice(0, 3)).toEqual(CRISIS)
    const kinds = entries.map((e) => e.kind)
    const firstPeer = kinds.indexOf('peerSupport')
    const lastPeer = kinds.lastIndexOf('peerSupport')
    expect(firstPeer).toBe(3)
    expect(kinds.slice(firstPeer, lastPeer + 1).every((k) => k === 'peerSupport')).toBe(true)
    const rest = entries.slice(lastPeer + 1).map((e) => e.name.toLowerCase())
    expect(rest).toEqual([...rest].sort())
    expect(slugs(entries)).not.toContain('test-concept')
  })

  it('filters by setting: entries for every setting stay, entries for other settings go', async () => {
    const entries = await listDirectoryEntries({ filters: { setting: 'residentialGroup' }, locale: 'nl' })
    expect(slugs(entries)).toContain('kinderdwangarbeid-meisjes-goede-herder')
    expect(slugs(entries)).toContain('jeugdzorg-slachtoffers-nederland')
    expect(slugs(entries)).not.toContain('platform-misstanden-psychiatrie')

    const psych = await listDirectoryEntries({ filters: { setting: 'psychiatricHospital' }, locale: 'nl' })
    expect(slugs(psych)).toContain('platform-misstanden-psychiatrie')
    expect(slugs(psych)).not.toContain('kinderdwangarbeid-meisjes-goede-herder')
  })

  it('never filters crisis lines away, whatever the filters', async () => {
    const entries = await listDirectoryEntries({
      filters: { language: 'ngt', setting: 'blindOrDeafInstitution', region: 'zeeland', need: 'legalHelp' },
      locale: 'nl',
    })
    expect(slugs(entries)).toEqual(CRISIS)
    const signing = await listDirectoryEntries({ filters: { language: 'ngt' }, locale: 'nl' })
    expect(slugs(signing)).toEqual([...CRISIS, 'test-gebarentaal'])
  })

  it('filters by need and by region (national entries match every region)', async () => {
    const peer = await listDirectoryEntries({ filters: { need: 'peerContact' }, locale: 'nl' })
    expect(slugs(peer).slice(3).sort()).toEqual(
      ['be4you2', 'jeugdzorg-slachtoffers-nederland', 'kinderdwangarbeid-meisjes-goede-herder', 'platform-misstanden-psychiatrie', 'slachtofferhulp-nederland'].sort(),
    )
    const limburg = await listDirectoryEntries({ filters: { region: 'limburg' }, locale: 'nl' })
    const groningen = await listDirectoryEntries({ filters: { region: 'groningen' }, locale: 'nl' })
    expect(slugs(limburg)).toContain('test-limburg')
    expect(slugs(groningen)).not.toContain('test-limburg')
    expect(slugs(groningen)).toContain('trimbos-informatiepunt')
  })
})

describe('getDirectoryEntry', () => {
  it('returns the entry in the reader’s language with ready-to-use links', async () => {
    const nl = await getDirectoryEntry({ slug: 'trimbos-informatiepunt', locale: 'nl' })
    const en = await getDirectoryEntry({ slug: 'trimbos-informatiepunt', locale: 'en' })
    expect(nl?.description).toMatch(/^Het Centraal Informatie- en Expertisepunt/)
    expect(en?.description).toMatch(/^The central information and expertise point/)
    expect(nl?.contacts).toEqual([
      { type: 'phone', href: 'tel:08001238', label: '0800-1238', hours: null },
      { type: 'website', href: 'https://geweldindejeugdzorginfo.nl', label: 'geweldindejeugdzorginfo.nl', hours: null },
    ])
    const line = await getDirectoryEntry({ slug: '113-zelfmoordpreventie', locale: 'en' })
    expect(line?.contacts.map((c) => [c.href, c.hours])).toEqual([
      ['tel:113', 'Day and night'],
      ['tel:08000113', 'Day and night'],
    ])
  })

  it('falls back to Dutch, text by text, where the reader’s language has none', async () => {
    await db.insert(directoryEntries).values({
      ...base,
      slug: 'test-alleen-nl',
      name: 'Test Alleen Nl',
      kind: 'legalHelp',
      texts: { nl: { description: 'Alleen Nederlands', forWhom: 'Iedereen', accessibility: 'Rolstoel' }, en: { description: 'English too', forWhom: 'Everyone' } },
      contacts: [{ type: 'phone', value: '0800-1238', hours: { nl: 'ma–vr' } }],
    })
    const en = await getDirectoryEntry({ slug: 'test-alleen-nl', locale: 'en' })
    expect(en).toMatchObject({ description: 'English too', forWhom: 'Everyone', accessibility: 'Rolstoel' })
    expect(en?.contacts[0]?.hours).toBe('ma–vr')
    // A language registered at run time without content of its own (ADR 0021) reads Dutch.
    const other = await getDirectoryEntry({ slug: 'test-alleen-nl', locale: 'tr' as 'nl' })
    expect(other).toMatchObject({ description: 'Alleen Nederlands', forWhom: 'Iedereen' })
    await db.delete(directoryEntries).where(eq(directoryEntries.slug, 'test-alleen-nl'))
  })

  it('returns null for unknown and unpublished slugs', async () => {
    expect(await getDirectoryEntry({ slug: 'bestaat-niet', locale: 'nl' })).toBeNull()
    expect(await getDirectoryEntry({ slug: 'test-concept', locale: 'nl' })).toBeNull()
  })

  it('leaves out a stored contact channel that fails validation', async () => {
    await db.insert(directoryEntries).values({
      ...base,
      slug: 'test-kapot',
      name: 'Test Kapot',
      kind: 'legalHelp',
      contacts: [
        { type: 'phone', value: 'bel ons maar' },
        { type: 'website', value: 'http://onveilig.example' },
        { type: 'email', value: 'info@example.org' },
      ],
    })
    const entry = await getDirectoryEntry({ slug: 'test-kapot', locale: 'nl' })
    expect(entry?.contacts).toEqual([{ type: 'email', href: 'mailto:info@example.org', label: 'info@example.org', hours: null }])
    await db.delete(directoryEntries).where(eq(directoryEntries.slug, 'test-kapot'))
  })
})

describe('listStaleEntries', () => {
  it('finds entries not checked for six months, published or not, oldest first', async () => {
    const justBefore = await listStaleEntries({ now: new Date('2027-05-23T12:00:00Z') })
    expect(slugs(justBefore)).toEqual(['test-concept'])
    const sixMonths = await listStaleEntries({ now: new Date('2027-05-24T08:00:00Z') })
    expect(slugs(sixMonths)[0]).toBe('test-concept')
    expect(sixMonths).toHaveLength(REFERRAL_SEED.length + 3)
    expect(sixMonths[1]?.source).toMatch(/^(DOMAIN\.md|test fixture)/)
  })

  it('counts months in the calendar (31 August minus six months is the end of February)', async () => {
    await db.update(directoryEntries).set({ lastCheckedAt: '2027-02-28' }).where(eq(directoryEntries.slug, 'test-limburg'))
    expect(slugs(await listStaleEntries({ now: new Date('2027-08-31T10:00:00Z') }))).toContain('test-limburg')
    expect(slugs(await listStaleEntries({ now: new Date('2027-08-27T10:00:00Z') }))).not.toContain('test-limburg')
    await db.update(directoryEntries).set({ lastCheckedAt: '2026-11-24' }).where(eq(directoryEntries.slug, 'test-limburg'))
  })
})

describe('parseDirectoryFilters', () => {
  it('keeps known values and ignores empty or unknown ones', () => {
    expect(parseDirectoryFilters(new URLSearchParams('need=peerContact&region=&language=klingon&setting=fosterFamily'))).toEqual({
      need: 'peerContact',
      region: undefined,
      language: undefined,
      setting: 'fosterFamily',
    })
  })
})
