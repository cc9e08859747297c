import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { directoryEntries } from '@db/schema/referrals'
import { getEntryForEdit, listEntriesForStaff, markEntryChecked, updateDirectoryEntry } from './directory-admin.server'
import { createTestEntry } from './for-triage.server'
import { DirectoryEntryFormSchema, formatContactLines, parseContactLines } from './directory-form'

afterAll(() => closeDb())

const form = {
  name: 'Lotgenotengroep Oost',
  kind: 'peerSupport',
  texts: {
    nl: { description: 'Samen praten.', forWhom: 'Iedereen.', accessibility: '' },
    en: { description: 'Talking together.', forWhom: 'Everyone.', accessibility: '' },
  },
  settings: ['fosterFamily'],
  periodFrom: '1950',
  periodTo: '1980',
  regions: ['overijssel'],
  languages: ['nl', 'ngt'],
  needs: ['peerContact'],
  contacts: 'phone | 0800-1238 | ma–vr 9–17 uur | Mon–Fri 9–5\nwebsite | https://voorbeeld.nl',
  source: 'Eigen controle',
  published: 'on',
}

describe('directory upkeep', () => {
  it('flags entries not checked for six months and clears the flag when checked today', async () => {
    const id = await createTestEntry()
    const now = new Date('2026-11-24T12:00:00Z')
    expect((await listEntriesForStaff({ now })).find((e) => e.id === id)?.stale).toBe(true)
    expect(await markEntryChecked({ id, today: now })).toBe(true)
    const entry = (await listEntriesForStaff({ now })).find((e) => e.id === id)
    expect(entry).toMatchObject({ stale: false, lastCheckedAt: '2026-11-24' })
  })

  it('validates and saves an edit, contact lines included', async () => {
    const id = await createTestEntry()
    const parsed = DirectoryEntryFormSchema.parse(form)
    expect(parsed.contacts).toEqual([
      { type: 'phone', value: '0800-1238', hours: { nl: 'ma–vr 9–17 uur', en: 'Mon–Fri 9–5' } },
      { type: 'website', value: 'https://voorbeeld.nl' },
    ])
    await updateDirectoryEntry({ id, form: parsed })
    const [row] = await db.select().from(directoryEntries).where(eq(directoryEntries.id, id))
    expect(row).toMatchObject({ name: 'Lotgenotengroep Oost', periodFrom: 1950, periodTo: 1980, languages: ['nl', 'ngt'], published: true })
    expect(row?.texts).toEqual({ nl: { description: 'Samen praten.', forWhom: 'Iedereen.' }, en: { description: 'Talking together.', forWhom: 'Everyone.' } })
    expect(formatContactLines((await getEntryForEdit({ id }))!.contacts)).toBe(form.contacts)
  })

  it('stores a language left empty as absent, so its readers get the Dutch texts', async () => {
    const parsed = DirectoryEntryFormSchema.parse({ ...form, texts: { nl: form.texts.nl, en: { description: '', forWhom: '', accessibility: '' } } })
    expect(parsed.texts).toEqual({ nl: { description: 'Samen praten.', forWhom: 'Iedereen.' } })
  })

  it('refuses bad contact lines, reversed periods, a half-filled language and accessibility without the Dutch one, next to the field', () => {
    const texts = { nl: { ...form.texts.nl, description: '' }, en: { description: 'Only this', forWhom: '', accessibility: 'Wheelchair' } }
    const bad = DirectoryEntryFormSchema.safeParse({ ...form, contacts: 'website | http://onveilig.nl', periodFrom: '1990', texts })
    expect(bad.success).toBe(false)
    const paths = bad.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`)
    expect(paths).toEqual(
      expect.arrayContaining([
        'contacts:triage:directory.errors.contacts',
        'periodTo:triage:directory.errors.period',
        'texts.nl.description:validation:required',
        'texts.en.forWhom:validation:required',
        'texts.nl.accessibility:triage:directory.errors.accessibility',
      ]),
    )
    expect(parseContactLines('fax | 123').every((r) => !r.success)).toBe(true)
  })
})
