import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { directoryEntries } from '@db/schema/referrals'
import { seedReferrals } from '@db/seed/referrals'
import { matchEntries, scoreEntry } from './matching.server'

beforeAll(() => seedReferrals(db))
afterAll(() => closeDb())

const slugs = (matches: { entry: { slug: string } }[]) => matches.map((m) => m.entry.slug)

describe('matchEntries', () => {
  it('puts the Goede Herder group first for a residential placement in the 1960s looking for peers', async () => {
    const matches = await matchEntries({ setting: 'residentialGroup', decade: '1960s', need: 'peerContact', limit: 5, locale: 'nl' })
    expect(matches[0]?.entry.slug).toBe('kinderdwangarbeid-meisjes-goede-herder')
    expect(matches[0]?.reasons).toEqual(['setting', 'period', 'need'])
    // Peer groups that fit come before other kinds of help.
    const kinds = matches.map((m) => m.entry.kind)
    expect(kinds.slice(0, 3)).toEqual(['peerSupport', 'peerSupport', 'peerSupport'])
    // A psychiatric peer group does not fit a residential placement.
    expect(slugs(matches)).not.toContain('platform-misstanden-psychiatrie')
    expect(slugs(matches)).toContain('trimbos-informatiepunt')
    expect(slugs(matches)).toHaveLength(5)
  })

  it('leaves out entries whose period does not overlap', async () => {
    const matches = await matchEntries({ setting: 'residentialGroup', yearFrom: 1990, yearTo: 1995, limit: 20, locale: 'nl' })
    expect(slugs(matches)).not.toContain('kinderdwangarbeid-meisjes-goede-herder')
    expect(slugs(matches)).toContain('jeugdzorg-slachtoffers-nederland')
    const sixties = await matchEntries({ yearFrom: 1968, yearTo: 1972, limit: 20, locale: 'nl' })
    expect(slugs(sixties)).toContain('kinderdwangarbeid-meisjes-goede-herder')
  })

  it('ranks a psychiatric placement to the psychiatry platform', async () => {
    const matches = await matchEntries({ setting: 'psychiatricHospital', limit: 3, locale: 'en' })
    expect(matches[0]?.entry.slug).toBe('platform-misstanden-psychiatrie')
    expect(matches[0]?.entry.description).toMatch(/^A peer-support organisation/)
  })

  it('always includes the Trimbos information point, also when the limit is reached', async () => {
    const matches = await matchEntries({ setting: 'residentialGroup', decade: '1960s', need: 'peerContact', limit: 2, locale: 'nl' })
    expect(slugs(matches)).toEqual(['kinderdwangarbeid-meisjes-goede-herder', 'trimbos-informatiepunt'])
  })

  it('puts the trauma map and the information point first when someone seeks trauma treatment', async () => {
    const matches = await matchEntries({ need: 'traumaTreatment', limit: 2, locale: 'nl' })
    expect(slugs(matches).sort()).toEqual(['trimbos-informatiepunt', 'trimbos-kaart-traumabehandeling'])
  })

  it('leaves crisis lines out unless the need is crisis; then they come first', async () => {
    const calm = await matchEntries({ limit: 20, locale: 'nl' })
    expect(calm.some((m) => m.entry.kind === 'crisisLine')).toBe(false)
    const crisis = await matchEntries({ need: 'crisis', limit: 4, locale: 'nl' })
    expect(crisis.slice(0, 3).map((m) => m.entry.kind)).toEqual(['crisisLine', 'crisisLine', 'crisisLine'])
  })

  it('finds an entry that offers sign language when there is one', async () => {
    const before = await matchEntries({ language: 'ngt', need: 'someoneToTalkTo', limit: 20, locale: 'nl' })
    // Nothing in the seeded sources offers sign language: no entry may claim it.
    expect(before.some((m) => m.reasons.includes('language'))).toBe(false)
    expect(slugs(before)).toContain('trimbos-informatiepunt')

    await db.insert(directoryEntries).values({
      slug: 'test-gebarentaal',
      name: 'Test Gebarentaal',
      kind: 'victimSupport',
      texts: { nl: { description: 'Test', forWhom: 'Test' } },
      languages: ['ngt'],
      needs: ['someoneToTalkTo'],
      source: 'test fixture',
      lastCheckedAt: '2026-11-24',
      published: true,
    })
    const after = await matchEntries({ language: 'ngt', need: 'someoneToTalkTo', limit: 3, locale: 'nl' })
    expect(after[0]?.entry.slug).toBe('test-gebarentaal')
    expect(after[0]?.reasons).toEqual(['language', 'need'])
    await db.delete(directoryEntries).where(eq(directoryEntries.slug, 'test-gebarentaal'))
  })

  it('rejects an impossible year range', async () => {
    await expect(matchEntries({ yearFrom: 1980, yearTo: 1970, locale: 'nl' })).rejects.toThrow()
  })
})

describe('scoreEntry', () => {
  const entry = {
    kind: 'peerSupport' as const,
    settings: [] as string[],
    periodFrom: null,
    periodTo: null,
    regions: ['limburg'],
    languages: ['nl'],
    needs: ['peerContact'],
  }

  it('leaves out a regional entry for someone elsewhere, and scores it for someone there', () => {
    expect(scoreEntry(entry, { region: 'groningen' })).toBeNull()
    expect(scoreEntry(entry, { region: 'limburg' })).toEqual({ score: 2, reasons: ['region'] })
    expect(scoreEntry({ ...entry, regions: ['national'] }, { region: 'groningen' })).toEqual({ score: 0, reasons: [] })
  })

  it('does not leave an entry out for its language, but rewards a match', () => {
    expect(scoreEntry(entry, { language: 'ngt' })).toEqual({ score: 0, reasons: [] })
    expect(scoreEntry(entry, { language: 'nl' })).toEqual({ score: 3, reasons: ['language'] })
  })
})
