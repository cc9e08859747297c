import { randomBytes } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { stories } from '@db/schema/monument'
import { stopPublisher } from '~/jobs/publisher.server'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import { countFacets, getVisibleStory, listVisibleStories, type ListingCursor } from './reading.server'
import { countOverdueReports, createReport, decideReport, listOpenReports } from '~/moderation/reports.server'
import { createTestStory } from './for-moderation-testing.server'
import { loader as listingLoader } from '../routes/verhalen._index'
import { loader as storyLoader } from '../routes/verhalen.$slug'

afterAll(async () => {
  await stopPublisher()
  await closeDb()
})

let author: Persona
let survivor: Persona
let moderator: Persona
const anonymous = { survivor: false }
const signedInSurvivor = { survivor: true }
// Each test file has its own database, but tests share it: a marker word keeps searches apart.
const word = () => `zx${randomBytes(4).toString('hex')}`

beforeAll(async () => {
  author = await createPersona({ roles: ['survivor'] })
  survivor = await createPersona({ roles: ['survivor'] })
  moderator = await createPersona({ roles: ['moderator'] })
})

async function statusOf(run: () => Promise<unknown>) {
  try {
    const r = await run()
    return r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200)
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

describe('Dutch full-text search', () => {
  it('finds "verhaal" when searching "verhalen", title ranked over text', async () => {
    const marker = word()
    const inBody = await createTestStory({ authorId: author.id, status: 'published', publishedTitle: `Thuis ${marker}`, publishedBody: 'Dit is mijn verhaal over het tehuis.' })
    const inTitle = await createTestStory({ authorId: author.id, status: 'published', publishedTitle: `Mijn verhaal ${marker}`, publishedBody: 'Over het tehuis.' })
    await createTestStory({ authorId: author.id, status: 'published', publishedTitle: `Anders ${marker}`, publishedBody: 'Over de school.' })
    const { items } = await listVisibleStories({ reader: anonymous, filters: { q: `verhalen ${marker}` } })
    expect(items.map((i) => i.slug)).toEqual([inTitle.slug, inBody.slug])
  })
})

describe('keyset pagination', () => {
  it('walks every visible story exactly once across pages, also when they share a publication time', async () => {
    const marker = word()
    const at = new Date('2024-05-01T10:00:00.123456Z')
    const created: string[] = []
    for (let i = 0; i < 23; i++) {
      const s = await createTestStory({ authorId: author.id, status: 'published', publishedTitle: `Deel ${i} ${marker}`, publishedBody: 'Tekst.' })
      // Several share one timestamp (with microseconds) so the id must break ties.
      await db.execute(sql`update stories set published_at = ${at.toISOString()}::timestamptz + (${i % 4} * interval '1 microsecond') where id = ${s.id}`)
      created.push(s.slug)
    }
    for (const filters of [{ q: marker }, {}]) {
      const seen: string[] = []
      let after: ListingCursor | undefined
      for (let page = 0; page < 200; page++) {
        const result = await listVisibleStories({ reader: anonymous, filters, after, limit: 5 })
        seen.push(...result.items.map((i) => i.slug))
        if (!result.next) break
        after = result.next
      }
      const ours = seen.filter((s) => created.includes(s))
      expect(new Set(seen).size, 'no duplicates').toBe(seen.length)
      expect(ours.sort(), 'no gaps').toEqual([...created].sort())
    }
  })
})

describe('who may read what', () => {
  it('shows a fellow-survivors story only to signed-in survivors', async () => {
    const marker = word()
    const story = await createTestStory({ authorId: author.id, status: 'published', publishedTitle: `Voor lotgenoten ${marker}`, audience: 'fellowSurvivors' })
    expect(await getVisibleStory({ slug: story.slug, reader: anonymous })).toBeNull()
    expect((await listVisibleStories({ reader: anonymous, filters: { q: marker } })).items).toEqual([])
    expect(await getVisibleStory({ slug: story.slug, reader: signedInSurvivor })).toMatchObject({ slug: story.slug })
    expect((await listVisibleStories({ reader: signedInSurvivor, filters: { q: marker } })).items.map((i) => i.slug)).toEqual([story.slug])

    expect(await statusOf(() => storyLoader({ request: makeRequest(`/verhalen/${story.slug}`), params: { slug: story.slug }, context: testContext }))).toBe(404)
    expect(
      await statusOf(() => storyLoader({ request: makeRequest(`/verhalen/${story.slug}`, { cookie: survivor.cookie }), params: { slug: story.slug }, context: testContext })),
    ).toBe(200)
  })

  it('answers 404 for a withdrawn story, and caches only for anonymous readers', async () => {
    const story = await createTestStory({ authorId: author.id, status: 'published' })
    const anon = (await storyLoader({ request: makeRequest(`/verhalen/${story.slug}`), params: { slug: story.slug }, context: testContext })) as unknown as {
      init: { headers: Record<string, string> }
    }
    expect(anon.init.headers['Cache-Control']).toBe('public, max-age=0, must-revalidate')
    const signed = (await storyLoader({ request: makeRequest(`/verhalen/${story.slug}`, { cookie: survivor.cookie }), params: { slug: story.slug }, context: testContext })) as unknown as {
      init: { headers: Record<string, string> }
    }
    expect(signed.init.headers['Cache-Control']).toBe('private, no-store')

    await db.update(stories).set({ status: 'withdrawn' }).where(eq(stories.id, story.id))
    expect(await statusOf(() => storyLoader({ request: makeRequest(`/verhalen/${story.slug}`), params: { slug: story.slug }, context: testContext }))).toBe(404)
  })

  it('shows the content note first and the story only when the reader chooses to continue', async () => {
    const story = await createTestStory({ authorId: author.id, status: 'published', publishedBody: 'Het verhaal zelf.', publishedContentNote: 'Over seksueel geweld.' })
    const first = (await storyLoader({ request: makeRequest(`/verhalen/${story.slug}`), params: { slug: story.slug }, context: testContext })) as unknown as {
      data: { showStory: boolean; story: { body: string; contentNote: string } }
    }
    expect(first.data.showStory).toBe(false)
    expect(first.data.story.body).toBe('')
    expect(first.data.story.contentNote).toBe('Over seksueel geweld.')
    const next = (await storyLoader({ request: makeRequest(`/verhalen/${story.slug}?lezen=ja`), params: { slug: story.slug }, context: testContext })) as unknown as {
      data: { showStory: boolean; story: { body: string }; help: Array<{ kind: string }>; crisis: Array<{ kind: string }> }
    }
    expect(next.data.showStory).toBe(true)
    expect(next.data.story.body).toBe('Het verhaal zelf.')
  })

  it('counts facet values of the visible stories in one query', async () => {
    await createTestStory({ authorId: author.id, status: 'published', decades: ['1960s'], settings: ['fosterFamily'], region: 'zeeland' })
    await createTestStory({ authorId: author.id, status: 'published', decades: ['1960s', '1970s'], settings: ['residentialGroup'], region: 'zeeland' })
    await createTestStory({ authorId: author.id, status: 'published', decades: ['1960s'], settings: ['fosterFamily'], region: 'zeeland', audience: 'fellowSurvivors' })
    const counts = await countFacets({ reader: anonymous, filters: { region: 'zeeland' }, fresh: true })
    expect(counts.decade).toEqual({ '1960s': 2, '1970s': 1 })
    expect(counts.setting).toEqual({ fosterFamily: 1, residentialGroup: 1 })
    const forSurvivors = await countFacets({ reader: signedInSurvivor, filters: { region: 'zeeland' }, fresh: true })
    expect(forSurvivors.setting).toEqual({ fosterFamily: 2, residentialGroup: 1 })
  })
})

describe('reports and takedown', () => {
  it('hides a story at once when a report says someone is identified: gone from listing, search and page', async () => {
    const marker = word()
    const story = await createTestStory({ authorId: author.id, status: 'published', publishedTitle: `Gemeld ${marker}` })
    expect((await listVisibleStories({ reader: anonymous, filters: { q: marker } })).items).toHaveLength(1)

    expect(await createReport({ slug: story.slug, reader: anonymous, reason: 'identifies', details: 'Mijn vader staat erin', contact: 'melder@example.nl' })).toBe(true)

    expect((await listVisibleStories({ reader: anonymous, filters: { q: marker } })).items).toEqual([])
    expect((await listVisibleStories({ reader: signedInSurvivor, filters: {} })).items.map((i) => i.slug)).not.toContain(story.slug)
    expect(await getVisibleStory({ slug: story.slug, reader: signedInSurvivor })).toBeNull()
    const response = await listingLoader({ request: makeRequest(`/verhalen?q=${marker}`), params: {}, context: testContext })
    expect((response as unknown as { data: { items: unknown[] } }).data.items).toEqual([])
    const [row] = await db.execute<{ contact: string | null }>(sql`select contact_encrypted as contact from story_reports where story_id = ${story.id}`)
    expect(row!.contact).not.toContain('melder@example.nl')
  })

  it('does not hide on other reasons, and keeping the story brings it back', async () => {
    const story = await createTestStory({ authorId: author.id, status: 'published' })
    await createReport({ slug: story.slug, reader: anonymous, reason: 'other' })
    expect(await getVisibleStory({ slug: story.slug, reader: anonymous })).not.toBeNull()

    await createReport({ slug: story.slug, reader: anonymous, reason: 'identifies', contact: 'iemand@example.nl' })
    expect(await getVisibleStory({ slug: story.slug, reader: anonymous })).toBeNull()
    const { reports } = await listOpenReports({ actor: { id: moderator.id, roles: ['moderator'] } })
    const report = reports.find((r) => r.storyId === story.id && r.reason === 'identifies')!
    await expect(decideReport({ reportId: report.id, decision: 'keep', reason: ' ', actor: { id: moderator.id, roles: ['moderator'] } })).rejects.toMatchObject({
      messageKey: 'errors.reasonRequired',
    })
    await decideReport({ reportId: report.id, decision: 'keep', reason: 'Alleen een voornaam, niet herkenbaar', actor: { id: moderator.id, roles: ['moderator'] } })
    expect(await getVisibleStory({ slug: story.slug, reader: anonymous })).not.toBeNull()
  })

  it('removes a story after a report, and takes one back to review when it must be redacted', async () => {
    const removed = await createTestStory({ authorId: author.id, status: 'published' })
    const redacted = await createTestStory({ authorId: author.id, status: 'published', body: 'Meneer Jansen was er.' })
    for (const s of [removed, redacted]) await createReport({ slug: s.slug, reader: anonymous, reason: 'threat' })
    const { reports } = await listOpenReports({ actor: { id: moderator.id, roles: ['moderator'] } })
    const mod = { id: moderator.id, roles: ['moderator'] }
    await decideReport({ reportId: reports.find((r) => r.storyId === removed.id)!.id, decision: 'remove', reason: 'bedreigend', actor: mod })
    await decideReport({ reportId: reports.find((r) => r.storyId === redacted.id)!.id, decision: 'redact', reason: 'naam weghalen', actor: mod })
    const [a] = await db.select({ status: stories.status }).from(stories).where(eq(stories.id, removed.id))
    const [b] = await db.select({ status: stories.status }).from(stories).where(eq(stories.id, redacted.id))
    expect(a!.status).toBe('removed')
    expect(b!.status).toBe('inReview')
    expect(await getVisibleStory({ slug: redacted.slug, reader: anonymous })).toBeNull()
  })

  it('counts reports past their 48 hours as overdue', async () => {
    const now = new Date()
    const before = await countOverdueReports({ now })
    const story = await createTestStory({ authorId: author.id, status: 'published' })
    await createReport({ slug: story.slug, reader: anonymous, reason: 'privacy', now: new Date(now.getTime() - 49 * 3600_000) })
    await createReport({ slug: story.slug, reader: anonymous, reason: 'privacy', now: new Date(now.getTime() - 47 * 3600_000) })
    expect(await countOverdueReports({ now })).toBe(before + 1)
    const { reports, overdue } = await listOpenReports({ actor: { id: moderator.id, roles: ['moderator'] }, now })
    const ours = reports.filter((r) => r.storyId === story.id)
    expect(ours.map((r) => r.overdue)).toEqual([true, false])
    expect(ours[1]!.hoursLeft).toBe(1)
    expect(overdue).toBe(before + 1)
  })
})
