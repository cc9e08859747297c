import { randomBytes } from 'node:crypto'
import type { Server } from 'node:http'
import { createRequestHandler } from '@remix-run/node'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, sql } from '@db/client.server'
import { languageCookie } from '~/i18n/i18next.server'
import { createTestStory } from '~/monument/for-moderation-testing.server'
import { realBuild } from '~/seo/real-build.testing'
import { createPersona } from '~/testing/personas.server'
import { getEnv } from '~/utils/env.server'
import { createServerApp } from './app'
import type { createPageCache } from './page-cache'
import { splitKeptPage } from './page-compose'

/**
 * ADR 0035: a new address of the story listing is composed from a kept listing page of the same
 * language and generation and a render of the content alone. What the reader gets must be the
 * very bytes Remix renders for that address (with the kept page's nonce): these tests compare
 * them through the real host and the real build, for many addresses, languages and hostile queries.
 */
let server: Server | undefined
let base: string
let cache: ReturnType<typeof createPageCache>
let remix: ReturnType<typeof createRequestHandler>
const marker = `zq${randomBytes(4).toString('hex')}`

afterAll(async () => {
  if (server) await new Promise((r) => server!.close(r))
  await closeDb()
})

beforeAll(async () => {
  const author = await createPersona({ roles: ['survivor'] })
  for (let i = 0; i < 25; i++) {
    await createTestStory({
      authorId: author.id,
      status: 'published',
      title: i % 3 === 0 ? `Het ${marker} verhaal ${i}` : `Verhaal ${i}`,
      body: `Tekst ${i} over ${marker} & <b>"aanhalingstekens"</b>. `.repeat(i % 2 ? 30 : 2),
      publishedContentNote: i % 4 === 0 ? 'Gaat over geweld.' : null,
      decades: [i % 2 ? '1960s' : '1970s'],
      settings: ['fosterFamily'],
      region: 'utrecht',
      displayMode: i % 2 ? 'anonymous' : 'pseudonym',
      pseudonym: 'Een lotgenoot',
    })
  }
  const build = await realBuild()
  remix = createRequestHandler(build, 'production')
  const app = createServerApp({ build, env: { ...getEnv(), PAGE_CACHE_MB: 16, PUBLIC_URL: undefined } })
  cache = app.locals.pageCache as ReturnType<typeof createPageCache>
  const listening = app.listen(0, '127.0.0.1')
  server = listening
  await new Promise((r) => listening.once('listening', r))
  base = `http://127.0.0.1:${(listening.address() as { port: number }).port}`
}, 120_000)

const generation = async () => (await sql<Array<{ g: string }>>`select generation::text as g from publication_state where id = 1`)[0]!.g

/** What Remix itself renders for this address and these headers, with the given nonce. */
async function rendered(address: string, headers: Record<string, string>, nonce: string) {
  const response = await remix(new Request(`${base}${address}`, { headers }), { cspNonce: nonce, clientIp: '127.0.0.1', publicationGeneration: await generation() })
  return response.text()
}

const encodable = (s: string) => {
  try {
    return encodeURIComponent(s).length > 0 || s === ''
  } catch {
    return false
  }
}

const nonceOf = (html: string) => /<script nonce="([^"]+)"/.exec(html)?.[1] ?? ''

/** Asks the host for a new address and checks it was composed, and equal to Remix's render. */
async function expectComposedAsRendered(address: string, headers: Record<string, string> = {}) {
  const before = cache.stats.composed
  const response = await fetch(`${base}${address}`, { headers: { 'Accept-Encoding': 'identity', ...headers } })
  const body = await response.text()
  expect(response.status).toBe(200)
  expect(cache.stats.composed, `${address} composed`).toBe(before + 1)
  expect(body).toBe(await rendered(address, headers, nonceOf(body)))
  expect(response.headers.get('etag')).toMatch(/^"[\w-]{27}"$/)
  return { body, response }
}

describe('composed listing pages (ADR 0035)', () => {
  it('needs a kept listing page first; then every new address is composed and equals the render', async () => {
    const before = cache.stats.composed
    const first = await fetch(`${base}/verhalen?eerst=1`)
    expect(first.status).toBe(200)
    expect(splitKeptPage(await first.text())).not.toBeNull()
    expect(cache.stats.composed).toBe(before) // rendered by Remix, kept as the template

    await expectComposedAsRendered('/verhalen')
    await expectComposedAsRendered(`/verhalen?q=${marker}`)
    await expectComposedAsRendered(`/verhalen?q=${marker}&decade=1960s&setting=fosterFamily`)
    await expectComposedAsRendered('/verhalen?q=geen-enkel-verhaal-heeft-dit')
    await expectComposedAsRendered('/verhalen?decade=1850s&region=atlantis') // unknown values: no filter
    const { body } = await expectComposedAsRendered(`/verhalen?q=${marker}&onbekend=1`)
    // The next page, and a page past the end.
    const next = /href="(\/verhalen\?[^"]*na=[^"]+)"/.exec(body)![1]!.replaceAll('&amp;', '&')
    await expectComposedAsRendered(next)
    await expectComposedAsRendered('/verhalen?na=bm9uc2Vuc2U') // a tampered cursor is page 1
  })

  it('keeps one template per language: English by header, cookie and ?lng=', async () => {
    for (const [address, headers] of [
      ['/verhalen?taal=1', { 'Accept-Language': 'en-GB,en;q=0.8' }],
      ['/verhalen?taal=2', { Cookie: (await languageCookie.serialize('en')).split(';')[0]! }],
      ['/verhalen?lng=en', {}],
    ] as Array<[string, Record<string, string>]>) {
      const kept = await fetch(`${base}${address}`, { headers }).then((r) => r.text())
      expect(kept).toContain('<html lang="en"')
      const composed = await expectComposedAsRendered(`${address}&q=${marker}`, headers)
      expect(composed.body).toContain('<html lang="en"')
    }
  })

  it('escapes whatever a reader types, exactly as the render does', async () => {
    await fetch(`${base}/verhalen?warm=1`).then((r) => r.text())
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40, unit: 'binary' }).filter(encodable), async (q) => {
        const address = `/verhalen?q=${encodeURIComponent(q)}&n=${randomBytes(4).toString('hex')}`
        await expectComposedAsRendered(address)
      }),
      { numRuns: 40 },
    )
    // A lone surrogate, percent-encoded as a browser would send broken UTF-8.
    await expectComposedAsRendered('/verhalen?q=%ED%A0%80x')
    for (const q of ['\u0000', 'a\u0000b', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '__proto__', 'constructor', '\u0000\u0007\u001b', 'x'.repeat(300)]) {
      await expectComposedAsRendered(`/verhalen?q=${encodeURIComponent(q)}&h=${randomBytes(4).toString('hex')}`)
    }
  })

  it('never composes from a template of an older generation, for a signed-in reader or another page', async () => {
    await fetch(`${base}/verhalen?oud=1`).then((r) => r.text())
    await sql`update publication_state set generation = generation + 1 where id = 1`
    const before = cache.stats.composed
    const after = await fetch(`${base}/verhalen?oud=2`)
    expect(after.status).toBe(200)
    await after.text()
    expect(cache.stats.composed).toBe(before) // rendered anew, and kept as the new template
    await fetch(`${base}/verhalen?oud=3`, { headers: { Cookie: '__Host-session=abc' } }).then((r) => r.text())
    await fetch(`${base}/verhalen/rapporten?oud=4`).then((r) => r.text())
    expect(cache.stats.composed).toBe(before)
    await expectComposedAsRendered('/verhalen?oud=5')
  })

  it('shows an edited story at once: kept cards and search forms belong to their generation', async () => {
    await fetch(`${base}/verhalen?bewerkt=1`).then((r) => r.text())
    await expectComposedAsRendered(`/verhalen?q=${marker}&bewerkt=2`)
    const [story] = await sql<Array<{ id: string }>>`
      select id from stories where status = 'published' and published_title like ${`Het ${marker}%`} order by published_at desc limit 1`
    await sql`update stories set published_title = ${`Nieuwe titel ${marker}`} where id = ${story!.id}`
    await fetch(`${base}/verhalen?bewerkt=3`).then((r) => r.text()) // the new generation's template
    const { body } = await expectComposedAsRendered(`/verhalen?q=${marker}&bewerkt=4`)
    expect(body).toContain(`Nieuwe titel ${marker}`)
  })
})
