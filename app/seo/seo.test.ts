import { createRequestHandler } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalUrl, languageUrl } from './links'
import { PUBLIC_PAGES } from './public-pages'

const { closeDb, db } = await import('@db/client.server')
const { seedReferrals } = await import('@db/seed/referrals')
const { seedSchemes } = await import('@db/seed/scheme')
const { seedMonumentDemo } = await import('@db/seed/monument')
const { createPersona } = await import('~/testing/personas.server')
const { realBuild } = await import('./real-build.testing')

let handle: ReturnType<typeof createRequestHandler>
const STORY = '/verhalen/demo-verhaal-1'
const HELP_ENTRY = '/hulp/slachtofferhulp-nederland'

beforeAll(async () => {
  const survivor = await createPersona({ roles: ['survivor'] })
  await seedReferrals(db)
  await seedSchemes(db)
  await seedMonumentDemo(db, { survivorId: survivor.id })
  handle = createRequestHandler(await realBuild(), 'production')
}, 240_000)
afterAll(() => closeDb())

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await handle(new Request(`http://localhost${path}`, { headers }), { cspNonce: 'n', clientIp: '127.0.0.1' })
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() }
}

const head = (html: string) => html.slice(0, html.indexOf('</head>'))

describe('sitemap.xml', () => {
  it('lists help, scheme, about and reports (both languages, with alternates) and no story', async () => {
    const { status, type, body } = await get('/sitemap.xml')
    expect(status).toBe(200)
    expect(type).toContain('application/xml')
    const locs = [...body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!)
    for (const path of ['/hulp', '/hulp/professionals', HELP_ENTRY, '/regeling', '/over', '/privacy', '/toegankelijkheid', '/verhalen/rapporten']) {
      expect(locs, path).toContain(`http://localhost${path}`)
      expect(locs, path).toContain(`http://localhost${path}?lng=en`)
    }
    expect(body).toContain(`<xhtml:link rel="alternate" hreflang="en" href="http://localhost/hulp?lng=en"/>`)
    expect(body).toContain(`<xhtml:link rel="alternate" hreflang="x-default" href="http://localhost/hulp"/>`)
    // Stories and the story listing never (the reports page is the one /verhalen address allowed).
    expect(locs.filter((l) => /\/verhalen(\/|$|\?)/.test(l) && !l.includes('/verhalen/rapporten'))).toEqual([])
    expect(body).not.toContain('demo-verhaal')
  })

  it('leaves out a directory entry that is not published', async () => {
    const { directoryEntries } = await import('@db/schema/referrals')
    const { eq } = await import('drizzle-orm')
    await db.update(directoryEntries).set({ published: false }).where(eq(directoryEntries.slug, 'slachtofferhulp-nederland'))
    try {
      expect((await get('/sitemap.xml')).body).not.toContain(HELP_ENTRY)
    } finally {
      await db.update(directoryEntries).set({ published: true }).where(eq(directoryEntries.slug, 'slachtofferhulp-nederland'))
    }
  })
})

describe('robots.txt', () => {
  it('points to the sitemap and closes the monument, forms and signed-in areas', async () => {
    const { status, type, body } = await get('/robots.txt')
    expect(status).toBe(200)
    expect(type).toContain('text/plain')
    expect(body).toContain('Sitemap: http://localhost/sitemap.xml')
    const lines = body.split('\n')
    for (const closed of ['/verhalen', '/mijn-', '/beheer', '/account', '/regeling/aanvraag', '/media/']) expect(lines).toContain(`Disallow: ${closed}`)
    expect(lines).toContain('Allow: /verhalen/rapporten')
    expect(lines).not.toContain('Disallow: /hulp')
    expect(lines).not.toContain('Disallow: /')
  })
})

describe('head tags', () => {
  it('indexed pages: no noindex, a description, canonical and hreflang for nl, en and x-default', async () => {
    for (const path of ['/', '/hulp', '/hulp/professionals', HELP_ENTRY, '/regeling', '/over', '/contact', '/privacy', '/toegankelijkheid', '/verhalen/rapporten']) {
      const { status, body } = await get(path)
      expect(status, path).toBe(200)
      const h = head(body)
      expect(h, path).not.toContain('noindex')
      expect(h, path).toMatch(/<meta name="description" content="[^"]{20,}"/)
      expect(h, path).toContain(`<link rel="canonical" href="http://localhost${path}"/>`)
      expect(h, path).toContain(`<link rel="alternate" hrefLang="nl" href="http://localhost${path}"/>`)
      expect(h, path).toContain(`<link rel="alternate" hrefLang="en" href="http://localhost${path}?lng=en"/>`)
      expect(h, path).toContain(`<link rel="alternate" hrefLang="x-default" href="http://localhost${path}"/>`)
    }
  })

  it('an address that pins English renders English and is its own canonical', async () => {
    const { body } = await get('/hulp?lng=en', { 'Accept-Language': 'nl' })
    expect(body).toContain('<html lang="en"')
    expect(head(body)).toContain('<link rel="canonical" href="http://localhost/hulp?lng=en"/>')
    // Filters are not part of the canonical address.
    expect(head((await get('/hulp?regio=utrecht')).body)).toContain('<link rel="canonical" href="http://localhost/hulp"/>')
  })

  it('help pages carry Open Graph; a help entry describes itself', async () => {
    const h = head((await get(HELP_ENTRY)).body)
    expect(h).toContain('<meta property="og:title" content="Slachtofferhulp Nederland')
    expect(h).toContain(`<meta property="og:url" content="http://localhost${HELP_ENTRY}"/>`)
    expect(h).toContain('<meta property="og:locale" content="nl_NL"/>')
    expect(h).toMatch(/<meta property="og:description" content="[^"]{20,}"/)
    expect(head((await get('/over')).body)).not.toContain('og:title')
  })

  it('stories, the story listing and sign-in pages keep noindex and no canonical', async () => {
    for (const path of [STORY, '/verhalen', '/inloggen', '/registreren', '/hulp/bestaat-niet']) {
      const { body } = await get(path)
      const h = head(body)
      expect(h, path).toContain('<meta name="robots" content="noindex"/>')
      expect(h, path).not.toContain('rel="canonical"')
      expect(h, path).not.toContain('hrefLang')
    }
  })
})

describe('addresses', () => {
  it('Dutch is the bare address, other languages ?lng=; an unknown pinned language falls back', () => {
    expect(languageUrl('https://p.example/', '/hulp', 'nl')).toBe('https://p.example/hulp')
    expect(languageUrl('https://p.example', '/hulp', 'en')).toBe('https://p.example/hulp?lng=en')
    expect(canonicalUrl('https://p.example', '/over', 'xx"><script>')).toBe('https://p.example/over')
  })

  it('every indexed page is a help, scheme, about or reports page; no story page is indexed', () => {
    const indexed = PUBLIC_PAGES.filter((p) => p.indexed).map((p) => p.path)
    expect(indexed.filter((p) => p.startsWith('/verhalen') && p !== '/verhalen/rapporten')).toEqual([])
    expect(indexed.filter((p) => p.startsWith('/documentaire'))).toEqual([])
  })
})
