import type { Server } from 'node:http'
import type { ServerBuild } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, sql } from '@db/client.server'
import { getEnv } from '~/utils/env.server'
import { createServerApp } from './app'
import type { createPageCache } from './page-cache'

afterAll(() => closeDb())

const generationNow = async () => BigInt((await sql<Array<{ g: string }>>`select generation::text as g from publication_state where id = 1`)[0]!.g)

describe('the publication generation covers every public page (migration 0031)', () => {
  it('rises when a scheme configuration changes', async () => {
    const before = await generationNow()
    await sql`update schemes set config = config where false`
    expect(await generationNow()).toBeGreaterThan(before)
  })
})

/**
 * The real Express host (createServerApp) around a small Remix build whose routes read the
 * database like the public pages do: the page cache, its lean path and the usual chain together.
 */
describe('public pages through the whole host', () => {
  let server: Server
  let base: string
  let renders = 0
  let cache: ReturnType<typeof createPageCache>
  const slug = `hulp-test-${Math.random().toString(36).slice(2, 8)}`
  const publicHeaders = () => ({ 'Cache-Control': 'public, max-age=0, must-revalidate', Vary: 'Accept-Language, Cookie' })
  const build = {
    mode: 'production',
    entry: {
      module: {
        handleError: () => {},
        default: (_request: Request, status: number, headers: Headers, context: { staticHandlerContext: { loaderData: Record<string, unknown> } }) => {
          renders++
          headers.set('Content-Type', 'text/html; charset=utf-8')
          const data = JSON.stringify(context.staticHandlerContext.loaderData)
          return new Response(`<!DOCTYPE html><html><body><script nonce="${_request.headers.get('x-test-nonce') ?? ''}"></script>${data}</body></html>`, { status, headers })
        },
      },
    },
    routes: {
      root: { id: 'root', path: '', module: { default: () => null } },
      'routes/hulp.$slug': {
        id: 'routes/hulp.$slug',
        parentId: 'root',
        path: 'hulp/:slug',
        module: {
          default: () => null,
          headers: publicHeaders,
          loader: async ({ params }: { params: { slug: string } }) => {
            const [row] = await sql<Array<{ name: string }>>`select name from directory_entries where slug = ${params.slug} and published`
            if (!row) throw new Response(null, { status: 404 })
            return { name: row.name }
          },
        },
      },
      'routes/over': { id: 'routes/over', parentId: 'root', path: 'over', module: { default: () => null, headers: publicHeaders, loader: () => ({ page: 'over' }) } },
      // A page that (wrongly) sets a cookie: it must never be kept.
      'routes/contact': {
        id: 'routes/contact',
        parentId: 'root',
        path: 'contact',
        module: {
          default: () => null,
          headers: ({ loaderHeaders }: { loaderHeaders: Headers }) => ({ ...publicHeaders(), 'Set-Cookie': loaderHeaders.get('Set-Cookie') ?? '' }),
          loader: () => new Response(JSON.stringify({ page: 'contact' }), { headers: { 'Set-Cookie': 'csrf=abc; Path=/; HttpOnly', 'Content-Type': 'application/json' } }),
        },
      },
    },
    assets: { entry: { module: '/build/entry.js', imports: [] }, routes: {}, url: '/build/manifest.js', version: 'test' },
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: false },
    publicPath: '/build/',
    assetsBuildDirectory: 'public/build',
    isSpaMode: false,
  } as unknown as ServerBuild

  beforeAll(async () => {
    await sql`
      insert into directory_entries (slug, name, kind, texts, source, last_checked_at, published)
      values (${slug}, 'Steunpunt Oud', 'peerSupport', '{"nl": {}}'::jsonb, 'test', current_date, true)`
    const app = createServerApp({ build, env: { ...getEnv(), PAGE_CACHE_MB: 8, PUBLIC_URL: undefined } })
    cache = app.locals.pageCache as ReturnType<typeof createPageCache>
    server = app.listen(0, '127.0.0.1')
    await new Promise((r) => server.once('listening', r))
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  })
  afterAll(async () => {
    await new Promise((r) => server.close(r))
    await sql`delete from directory_entries where slug = ${slug}`
  })

  it('keeps a help page, serves it from the lean path with the same headers, and shows a directory edit at the very next request', async () => {
    const first = await fetch(`${base}/hulp/${slug}`)
    expect(await first.text()).toContain('Steunpunt Oud')
    const rendersAfterFirst = renders
    const hitsBefore = cache.stats.hits
    const second = await fetch(`${base}/hulp/${slug}`)
    expect(await second.text()).toContain('Steunpunt Oud')
    expect(renders).toBe(rendersAfterFirst)
    expect(cache.stats.hits).toBeGreaterThan(hitsBefore)
    for (const name of ['content-security-policy', 'strict-transport-security', 'x-frame-options', 'permissions-policy', 'cache-control', 'etag', 'content-type']) {
      expect(second.headers.get(name), name).toBe(first.headers.get(name))
    }
    expect(second.headers.get('cache-control')).toContain('public')
    expect(second.headers.get('vary')).toContain('Accept-Encoding')

    await sql`update directory_entries set name = 'Steunpunt Nieuw' where slug = ${slug}`
    const after = await fetch(`${base}/hulp/${slug}`)
    expect(await after.text()).toContain('Steunpunt Nieuw')
    expect(renders).toBe(rendersAfterFirst + 1)

    await sql`update directory_entries set published = false where slug = ${slug}`
    expect((await fetch(`${base}/hulp/${slug}`)).status).toBe(404)
    await sql`update directory_entries set published = true, name = 'Steunpunt Oud' where slug = ${slug}`
  })

  it('answers a revalidation from the lean path with 304', async () => {
    const page = await fetch(`${base}/over`)
    await page.text()
    await fetch(`${base}/over`).then((r) => r.text())
    const hits = cache.stats.hits
    const revalidated = await fetch(`${base}/over`, { headers: { 'If-None-Match': page.headers.get('etag')! } })
    expect(revalidated.status).toBe(304)
    expect(cache.stats.hits).toBe(hits + 1)
  })

  it('never keeps a page for a signed-in reader, or one that sets a cookie', async () => {
    await fetch(`${base}/over`).then((r) => r.text())
    const before = renders
    for (let i = 0; i < 2; i++) {
      const signedIn = await fetch(`${base}/over`, { headers: { Cookie: '__Host-session=abc' } })
      expect(await signedIn.text()).toContain('over')
    }
    expect(renders).toBe(before + 2)
    for (let i = 0; i < 2; i++) {
      const withCookie = await fetch(`${base}/contact`)
      expect(withCookie.headers.get('set-cookie')).toContain('csrf=abc')
      await withCookie.text()
    }
    expect(renders).toBe(before + 4)
  })

  it('renders an address with unknown parameters anew instead of keeping it', async () => {
    await fetch(`${base}/over`).then((r) => r.text())
    const before = renders
    await fetch(`${base}/over?utm_source=x`).then((r) => r.text())
    await fetch(`${base}/over?utm_source=x`).then((r) => r.text())
    expect(renders).toBe(before + 2)
  })

  it('gives each client, by the same trust-proxy rule as Express, its per-process budget of lean hits, then sends it down the usual chain', async () => {
    const limited = createServerApp({ build, env: { ...getEnv(), PAGE_CACHE_MB: 8, PUBLIC_URL: undefined, TRUST_PROXY: 'loopback', RATE_LIMIT_READS_PER_MINUTE: 3 } })
    const host = limited.listen(0, '127.0.0.1')
    await new Promise((r) => host.once('listening', r))
    const at = `http://127.0.0.1:${(host.address() as { port: number }).port}/over`
    const client = () => `203.0.113.${1 + Math.floor(Math.random() * 250)}`
    const [one, other] = [client(), client()].map((ip, i, all) => (i === 1 && ip === all[0] ? '198.51.100.9' : ip))
    const get = (ip: string) => fetch(at, { headers: { 'X-Forwarded-For': ip } }).then(async (r) => ({ status: r.status, chain: r.headers.has('ratelimit-policy'), body: await r.text() }))
    try {
      expect((await get(one!)).chain).toBe(true) // the first render goes through the chain
      const lean = [await get(one!), await get(one!), await get(one!)]
      expect(lean.map((r) => r.chain)).toEqual([false, false, false])
      const over = await get(one!)
      expect(over).toMatchObject({ status: 200, chain: true }) // over budget: the shared limit counts it
      expect(over.body).toBe(lean[0]!.body) // and the chain still answers from the kept page
      expect((await get(other!)).chain).toBe(false) // another address behind the same proxy has its own budget
    } finally {
      await new Promise((r) => host.close(r))
    }
  })
})
