import { randomUUID } from 'node:crypto'
import { createRequestHandler } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const { closeDb, db } = await import('@db/client.server')
const { stories } = await import('@db/schema/monument')
const { createPersona } = await import('~/testing/personas.server')
const { getSectorFigures } = await import('./for-figures.server')

type Story = { decades?: string[]; settings?: string[]; region?: string | null; audience?: 'public' | 'fellowSurvivors' | 'none'; status?: 'published' | 'draft'; hidden?: boolean }

let authorId: string
async function addStories(n: number, story: Story) {
  for (let i = 0; i < n; i++) {
    await db.insert(stories).values({
      authorId,
      slug: randomUUID(),
      status: story.status ?? 'published',
      audience: story.audience ?? 'public',
      decades: story.decades ?? [],
      settings: story.settings ?? [],
      region: story.region ?? null,
      publishedTitle: 'Titel',
      publishedBody: 'Tekst',
      publishedAt: new Date(),
      hiddenAt: story.hidden ? new Date() : null,
    })
  }
}

beforeAll(async () => {
  authorId = (await createPersona({ roles: ['survivor'] })).id
  await addStories(7, { decades: ['1970s'], settings: ['fosterFamily'], region: 'utrecht' })
  await addStories(6, { decades: ['1980s', '1970s'], settings: ['residentialGroup'], region: 'limburg' })
  await addStories(2, { decades: ['1990s'], settings: ['residentialGroup'], region: 'zeeland' })
  // Not counted: for fellow survivors only, a draft, hidden after a report.
  await addStories(5, { decades: ['1960s'], audience: 'fellowSurvivors', region: 'drenthe' })
  await addStories(5, { decades: ['1960s'], status: 'draft', region: 'drenthe' })
  await addStories(5, { decades: ['1960s'], hidden: true, region: 'drenthe' })
}, 120_000)
afterAll(() => closeDb())

describe('monument sector figures', () => {
  it('count only stories anyone may read, by decade, setting and region, small groups suppressed', async () => {
    const f = await getSectorFigures()
    expect(f.total).toMatchObject({ count: 15, display: '15' })
    const decade = Object.fromEntries(f.decades.map((d) => [d.key, d.display]))
    expect(decade).toMatchObject({ '1960s': '0', '1970s': '13', '1990s': '< 5' })
    // 1990s alone would be worked out from the others: the next smallest (1980s, 6) is hidden too.
    expect(decade['1980s']).toBe('< 5')
    const setting = Object.fromEntries(f.settings.map((d) => [d.key, d.display]))
    expect(setting).toMatchObject({ fosterFamily: '7', residentialGroup: '8' })
    const region = Object.fromEntries(f.regions.map((d) => [d.key, d.display]))
    expect(region).toMatchObject({ utrecht: '7', drenthe: '0', unknown: '0' })
    expect([region.limburg, region.zeeland]).toEqual(['< 5', '< 5'])
    expect(JSON.stringify(f)).not.toMatch(/Titel|Tekst|-[0-9a-f]{4}-/)
  })

  it('the public page shows charts and tables with "< 5", needs no sign-in and is not indexed', async () => {
    const { realBuild } = await import('~/seo/real-build.testing')
    const handle = createRequestHandler(await realBuild(), 'production')
    const response = await handle(new Request('http://localhost/verhalen/cijfers'), { cspNonce: 'n', clientIp: '127.0.0.1' })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html.match(/<svg[^>]*role="img"/g)).toHaveLength(3)
    expect(html).toContain('<th scope="row">Pleeggezin</th><td>7</td>')
    expect(html).toContain('<td>&lt; 5</td>')
    expect(html).toContain('<meta name="robots" content="noindex"/>')
    expect(html).not.toContain('__remixContext')
  }, 120_000)
})
