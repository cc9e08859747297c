import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, sql } from '@db/client.server'
import { grantConsent } from '~/consent/consent.server'
import { cacheKey, createFreshReader, createPageCache, isCacheableRequest } from './page-cache'

afterAll(() => closeDb())

const generationNow = async () => (await sql<Array<{ g: string }>>`select generation::text as g from publication_state where id = 1`)[0]!.g

describe('createFreshReader', () => {
  it('never hands a caller a read that started before it arrived; callers arriving together share one', async () => {
    const started: Array<(v: number) => void> = []
    const read = createFreshReader(() => new Promise<number>((resolve) => started.push(resolve)))
    const a = read() // starts read 1
    const b = read() // read 1 began before b arrived: b waits for read 2
    const c = read() // shares read 2 with b
    expect(started).toHaveLength(1)
    started[0]!(1)
    expect(await a).toBe(1)
    await new Promise((r) => setImmediate(r))
    expect(started).toHaveLength(2)
    started[1]!(2)
    expect(await b).toBe(2)
    expect(await c).toBe(2)
    const d = read() // nothing under way: starts read 3 at once
    expect(started).toHaveLength(3)
    started[2]!(3)
    expect(await d).toBe(3)
  })

  it('passes a failed read on, and reads again afterwards', async () => {
    let n = 0
    const read = createFreshReader(async () => {
      n++
      if (n === 1) throw new Error('database away')
      return n
    })
    await expect(read()).rejects.toThrow('database away')
    expect(await read()).toBe(2)
  })
})

describe('which requests may be answered from the cache', () => {
  const paths = [/^\/verhalen\/?$/, /^\/verhalen\/[a-z0-9-]{1,80}$/]
  const req = (over: Partial<{ method: string; path: string; originalUrl: string; headers: Record<string, string> }> = {}) => ({
    method: 'GET',
    path: '/verhalen',
    originalUrl: '/verhalen?q=tehuis',
    headers: {},
    ...over,
  })

  it('anonymous GETs of the listed paths, with at most the language cookie', () => {
    expect(isCacheableRequest(req(), paths)).toBe(true)
    expect(isCacheableRequest(req({ headers: { cookie: 'lng=ImVuIg%3D%3D' } }), paths)).toBe(true)
    expect(isCacheableRequest(req({ path: '/verhalen/een-verhaal-ab12', originalUrl: '/verhalen/een-verhaal-ab12' }), paths)).toBe(true)
  })

  it('never a signed-in reader, another method, another path or an over-long address', () => {
    expect(isCacheableRequest(req({ headers: { cookie: 'lng=x; __Host-session=abc' } }), paths)).toBe(false)
    expect(isCacheableRequest(req({ headers: { cookie: 'session=abc' } }), paths)).toBe(false)
    expect(isCacheableRequest(req({ headers: { authorization: 'Bearer x' } }), paths)).toBe(false)
    expect(isCacheableRequest(req({ method: 'POST' }), paths)).toBe(false)
    expect(isCacheableRequest(req({ path: '/mijn-verhalen', originalUrl: '/mijn-verhalen' }), paths)).toBe(false)
    expect(isCacheableRequest(req({ path: '/verhalen/x/melden', originalUrl: '/verhalen/x/melden' }), paths)).toBe(false)
    expect(isCacheableRequest(req({ originalUrl: `/verhalen?q=${'a'.repeat(2000)}` }), paths)).toBe(false)
  })

  it('keys on the address and on what decides the language', () => {
    const base = req()
    expect(cacheKey(base)).toBe(cacheKey(req()))
    expect(cacheKey(base)).not.toBe(cacheKey(req({ originalUrl: '/verhalen?q=kamp' })))
    expect(cacheKey(base)).not.toBe(cacheKey(req({ headers: { 'accept-language': 'en-GB' } })))
    expect(cacheKey(base)).not.toBe(cacheKey(req({ headers: { cookie: 'lng=ImVuIg%3D%3D' } })))
  })
})

describe('the publication generation (migration 0014 triggers)', () => {
  let authorId: string
  beforeAll(async () => {
    authorId = (await sql<Array<{ id: string }>>`
      insert into users (email, display_name, kind) values ('gen@test.local', 'Gen', 'survivor') returning id`)[0]!.id
  })
  const story = async (status: string) =>
    (await sql<Array<{ id: string }>>`
      insert into stories (author_id, slug, status, audience, published_title, published_body, published_at)
      values (${authorId}, ${`s-${Math.random().toString(36).slice(2)}`}, ${status}, 'public', 'Titel', 'Tekst', now()) returning id`)[0]!.id

  it('stays put for drafts: an author typing does not empty the cache', async () => {
    const before = await generationNow()
    const id = await story('draft')
    await sql`update stories set body = 'nieuwe tekst', revision = revision + 1 where id = ${id}`
    expect(await generationNow()).toBe(before)
  })

  it('rises when a story is published, withdrawn, hidden or deleted', async () => {
    const g0 = BigInt(await generationNow())
    const id = await story('published')
    const g1 = BigInt(await generationNow())
    expect(g1).toBeGreaterThan(g0)
    await sql`update stories set audience = 'none' where id = ${id}`
    const g2 = BigInt(await generationNow())
    expect(g2).toBeGreaterThan(g1)
    await sql`update stories set status = 'withdrawn' where id = ${id}` // was published before the change
    const g3 = BigInt(await generationNow())
    expect(g3).toBeGreaterThan(g2)
    const other = await story('published')
    const g4 = BigInt(await generationNow())
    await sql`delete from stories where id = ${other}`
    expect(BigInt(await generationNow())).toBeGreaterThan(g4)
  })

  it('rises for a consent event, an author renaming themselves and a directory change', async () => {
    const g0 = BigInt(await generationNow())
    await sql`update users set display_name = 'Nieuwe naam' where id = ${authorId}`
    const g1 = BigInt(await generationNow())
    expect(g1).toBeGreaterThan(g0)
    await sql`update directory_entries set updated_at = now() where false`
    const g2 = BigInt(await generationNow())
    expect(g2).toBeGreaterThan(g1)
    // A medium's own consent lives only in the ledger.
    await grantConsent({ subjectRef: authorId, userId: authorId, objectType: 'media', objectId: authorId, purpose: 'media.publish', locale: 'nl', channel: 'web' })
    expect(BigInt(await generationNow())).toBeGreaterThan(g2)
  })
})

describe('the page cache in front of a renderer', () => {
  let base: string
  let renders = 0
  let server: ReturnType<ReturnType<typeof express>['listen']>
  let authorId: string
  let storyId: string
  const cache = createPageCache({
    // Stands in for Remix: renders the story from the database with the request's nonce.
    render: async (request, context) => {
      renders++
      const slug = new URL(request.url).pathname.split('/')[2]
      const [row] = slug
        ? await sql<Array<{ title: string }>>`
            select published_title as title from stories where slug = ${slug} and status = 'published' and audience = 'public' and hidden_at is null`
        : [{ title: 'lijst' }]
      if (!row) return new Response('weg', { status: 404, headers: { 'Content-Type': 'text/html', 'Cache-Control': 'no-store' } })
      return new Response(`<html><script nonce="${context.cspNonce}"></script><h1>${row.title}</h1><p>${context.publicationGeneration}</p></html>`, {
        headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'public, max-age=0, must-revalidate' },
      })
    },
    readGeneration: generationNow,
    maxBytes: 1024 * 1024,
    paths: [/^\/verhalen\/?$/, /^\/verhalen\/[a-z0-9-]{1,80}$/],
  })

  beforeAll(async () => {
    authorId = (await sql<Array<{ id: string }>>`
      insert into users (email, display_name, kind) values ('cache@test.local', 'C', 'survivor') returning id`)[0]!.id
    storyId = (await sql<Array<{ id: string }>>`
      insert into stories (author_id, slug, status, audience, published_title, published_body, published_at)
      values (${authorId}, 'een-verhaal', 'published', 'public', 'Het tehuis', 'Tekst', now()) returning id`)[0]!.id
    const app = express()
    let n = 0
    app.use((_req, res, next) => {
      res.locals.cspNonce = `nonce${++n}`
      res.setHeader('Content-Security-Policy', `script-src 'nonce-${res.locals.cspNonce}' 'strict-dynamic'`)
      next()
    })
    app.get('*', (req, res, next) => void cache.middleware(req, res, next))
    app.get('*', (_req, res) => res.status(299).send('remix'))
    server = app.listen(0, '127.0.0.1')
    await new Promise((r) => server.once('listening', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise((r) => server.close(r)))

  it('renders a page once and serves the same bytes with the policy naming the nonce inside them', async () => {
    const before = renders
    const first = await fetch(`${base}/verhalen/een-verhaal`)
    const second = await fetch(`${base}/verhalen/een-verhaal`, { headers: { 'Accept-Encoding': 'br' } })
    const body = await first.text()
    expect(await second.text()).toBe(body)
    expect(renders - before).toBe(1)
    const nonce = /nonce="([^"]+)"/.exec(body)![1]
    expect(second.headers.get('content-security-policy')).toContain(`'nonce-${nonce}'`)
    expect(second.headers.get('content-encoding')).toBe('br')
    expect(second.headers.get('vary')).toContain('Accept-Encoding')
    const revalidated = await fetch(`${base}/verhalen/een-verhaal`, { headers: { 'If-None-Match': second.headers.get('etag')! } })
    expect(revalidated.status).toBe(304)
  })

  it('answers the very next request after a withdrawal with what the database says now', async () => {
    expect((await fetch(`${base}/verhalen/een-verhaal`)).status).toBe(200)
    await sql`update stories set audience = 'none' where id = ${storyId}`
    const after = await fetch(`${base}/verhalen/een-verhaal`)
    expect(after.status).toBe(404)
    expect(after.headers.get('cache-control')).toBe('no-store')
    await sql`update stories set audience = 'public' where id = ${storyId}`
    expect((await fetch(`${base}/verhalen/een-verhaal`)).status).toBe(200)
  })

  it('hides a reported story at once', async () => {
    expect(await (await fetch(`${base}/verhalen/een-verhaal`)).text()).toContain('Het tehuis')
    await sql`update stories set hidden_at = now() where id = ${storyId}`
    expect((await fetch(`${base}/verhalen/een-verhaal`)).status).toBe(404)
    await sql`update stories set hidden_at = null where id = ${storyId}`
  })

  it('shares one render among readers who arrive together after a change', async () => {
    await sql`update stories set published_title = 'Het tehuis (bewerkt)' where id = ${storyId}`
    const before = renders
    const pages = await Promise.all(Array.from({ length: 8 }, () => fetch(`${base}/verhalen/een-verhaal`).then((r) => r.text())))
    expect(new Set(pages).size).toBe(1)
    expect(pages[0]).toContain('bewerkt')
    expect(renders - before).toBe(1)
  })

  it('leaves signed-in readers and other pages to the app', async () => {
    const before = renders
    const signedIn = await fetch(`${base}/verhalen/een-verhaal`, { headers: { Cookie: '__Host-session=abc' } })
    expect(signedIn.status).toBe(299)
    expect((await fetch(`${base}/hulp`)).status).toBe(299)
    expect(renders).toBe(before)
  })
})
