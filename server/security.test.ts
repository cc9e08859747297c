import type { Server } from 'node:http'
import type { ServerBuild } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getEnv } from '~/utils/env.server'
import { createServerApp } from './app'
import { isCrossOriginMutation, lastResortPage } from './security'

const own = 'https://portaal.example'

describe('isCrossOriginMutation', () => {
  it('lets reads through whatever their origin', () => {
    expect(isCrossOriginMutation({ method: 'GET', origin: 'https://evil.example', ownOrigin: own })).toBe(false)
  })
  it('trusts Sec-Fetch-Site first (our own forms send Origin: null under no-referrer)', () => {
    expect(isCrossOriginMutation({ method: 'POST', origin: 'null', secFetchSite: 'same-origin', ownOrigin: own })).toBe(false)
    expect(isCrossOriginMutation({ method: 'POST', origin: 'null', secFetchSite: 'cross-site', ownOrigin: own })).toBe(true)
    expect(isCrossOriginMutation({ method: 'POST', secFetchSite: 'same-site', ownOrigin: own })).toBe(true)
  })
  it('compares Origin when Sec-Fetch-Site is absent', () => {
    expect(isCrossOriginMutation({ method: 'POST', origin: own, ownOrigin: own })).toBe(false)
    expect(isCrossOriginMutation({ method: 'DELETE', origin: 'https://evil.example', ownOrigin: own })).toBe(true)
  })
  it('lets server-to-server calls without browser headers through', () => {
    expect(isCrossOriginMutation({ method: 'POST', ownOrigin: own })).toBe(false)
  })
})

describe('the rate limit answer', () => {
  it('says "please wait" in the reader language, from the lng cookie or Accept-Language', async () => {
    const express = (await import('express')).default
    const { rateLimits } = await import('./security')
    const app = express()
    app.use(...rateLimits({ reads: 1, writes: 1 }))
    app.get('/', (_req, res) => res.send('ok'))
    const server = app.listen(0, '127.0.0.1')
    await new Promise((r) => server.once('listening', r))
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/`
    try {
      expect((await fetch(base)).status).toBe(200)
      const dutch = await fetch(base)
      expect(dutch.status).toBe(429)
      expect(await dutch.text()).toContain('Even wachten')
      const english = await fetch(base, { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } })
      expect(await english.text()).toContain('Please wait')
      // The language switcher's cookie wins over the browser (remix cookie: base64 of JSON).
      const chosen = await fetch(base, { headers: { 'Accept-Language': 'en', Cookie: `lng=${encodeURIComponent(Buffer.from('"nl"').toString('base64'))}` } })
      expect(await chosen.text()).toContain('<html lang="nl">')
    } finally {
      server.close()
    }
  })
})

/**
 * The real Express host around a small Remix build of its own (a form route whose action
 * counts its calls, a route whose render always fails): what a browser gets for a form post
 * and for an error Remix cannot render.
 */
describe('the Express host with a Remix build', () => {
  let server: Server
  let base: string
  let actionCalls = 0
  const page = (body: string, init: ResponseInit = {}) => new Response(`<!DOCTYPE html><html><body>${body}</body></html>`, { ...init, headers: { 'Content-Type': 'text/html' } })
  const build = {
    mode: 'production',
    entry: {
      module: {
        // The refusals and failed renders below are expected: nothing to report.
        handleError: () => {},
        default: (request: Request, status: number, _headers: Headers, context: { staticHandlerContext: { actionData: unknown } }) => {
          if (new URL(request.url).pathname === '/render-fails') throw new Error('render failed')
          return page(`status ${status} ${JSON.stringify(context.staticHandlerContext.actionData)}`, { status })
        },
      },
    },
    routes: {
      root: { id: 'root', path: '', module: { default: () => null } },
      'routes/form': {
        id: 'routes/form',
        parentId: 'root',
        path: 'form',
        module: { default: () => null, loader: () => null, action: () => ({ saved: ++actionCalls }) },
      },
      // A resource route answering a deliberate 503 of its own, like /healthz.
      'routes/health': {
        id: 'routes/health',
        parentId: 'root',
        path: 'health',
        module: { loader: () => new Response('{"database":"down"}', { status: 503, headers: { 'Content-Type': 'application/json' } }) },
      },
      'routes/render-fails': { id: 'routes/render-fails', parentId: 'root', path: 'render-fails', module: { default: () => null, loader: () => null } },
    },
    assets: { entry: { module: '/build/entry.js', imports: [] }, routes: {}, url: '/build/manifest.js', version: 'test' },
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: false },
    publicPath: '/build/',
    assetsBuildDirectory: 'public/build',
    isSpaMode: false,
  } as unknown as ServerBuild

  beforeAll(async () => {
    const app = createServerApp({ build, env: { ...getEnv(), PAGE_CACHE_MB: 0, PUBLIC_URL: undefined, QUICK_EXIT_URL: 'https://neutraal.example/' } })
    server = app.listen(0, '127.0.0.1')
    await new Promise((r) => server.once('listening', r))
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  })
  afterAll(() => new Promise((r) => server.close(r)))

  const post = (headers: Record<string, string>) =>
    fetch(`${base}/form`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html,application/xhtml+xml', ...headers },
      body: 'story=Ik+was+negen',
    })

  it('tells browsers to send no referrer to other sites, and a real Origin on our own posts', async () => {
    expect((await fetch(`${base}/form`)).headers.get('referrer-policy')).toBe('same-origin')
  })

  it('accepts our own form post that arrives with Origin: null and Sec-Fetch-Site: same-origin (privacy extensions, a no-referrer page)', async () => {
    const before = actionCalls
    const response = await post({ Origin: 'null', 'Sec-Fetch-Site': 'same-origin' })
    expect(response.status).toBe(200)
    expect(await response.text()).toContain(`{"saved":${before + 1}}`)
    expect(actionCalls).toBe(before + 1)
  })

  it('accepts our own form post with its real Origin', async () => {
    const before = actionCalls
    const response = await post({ Origin: base, 'Sec-Fetch-Site': 'same-origin' })
    expect(response.status).toBe(200)
    expect(actionCalls).toBe(before + 1)
  })

  it('still refuses a cross-site post, with Origin: null or a foreign Origin, before the action runs', async () => {
    const before = actionCalls
    expect((await post({ Origin: 'null', 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403)
    expect((await post({ Origin: 'null', 'Sec-Fetch-Site': 'same-site' })).status).toBe(403)
    expect((await post({ Origin: 'https://evil.example' })).status).toBe(403)
    expect((await post({ Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403)
    expect(actionCalls).toBe(before)
  })

  it('says why a cross-site post was refused, in the reader\'s language, as a page (not plain English text)', async () => {
    const nl = await post({ 'Sec-Fetch-Site': 'cross-site', 'Accept-Language': 'nl' })
    expect(nl.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await nl.text()).toContain('Dit formulier kwam niet van deze website')
    const en = await post({ 'Sec-Fetch-Site': 'cross-site', 'Accept-Language': 'en' })
    expect(await en.text()).toContain('This form did not come from this website')
  })

  it('leaves Origin: null without Sec-Fetch-Site to Remix, which refuses it; the reader gets the last-resort page, not a blank one', async () => {
    const before = actionCalls
    const response = await post({ Origin: 'null' })
    expect(response.status).toBe(500)
    expect(actionCalls).toBe(before)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await response.text()
    expect(html).toContain('<html lang="nl">')
    expect(html).toContain('<h1>Er ging iets mis</h1>')
    expect(html).toContain('<a class="quick-exit" href="https://neutraal.example/"')
    expect(html).toContain('href="tel:113"')
    expect(html).toContain('<a href="/">Naar de startpagina</a>')
    expect(html).not.toContain('<script')
  })

  it('answers a render that fails twice with the last-resort page in the reader language', async () => {
    const response = await fetch(`${base}/render-fails`, { headers: { Accept: 'text/html', 'Accept-Language': 'en-GB,en;q=0.9' } })
    expect(response.status).toBe(500)
    const html = await response.text()
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('<h1>Something went wrong</h1>')
    expect(html).toContain('Exit this page')
    expect(html).not.toContain('Unexpected Server Error')
  })

  it('leaves a route\'s own 5xx answer with a body alone, also for a browser', async () => {
    const response = await fetch(`${base}/health`, { headers: { Accept: 'text/html' } })
    expect(response.status).toBe(503)
    expect(await response.text()).toBe('{"database":"down"}')
  })

  it('leaves a failing data request (not a page) to Remix', async () => {
    const response = await fetch(`${base}/render-fails`, { headers: { Accept: '*/*' } })
    expect(response.status).toBe(500)
    expect(await response.text()).not.toContain('<html')
  })
})

describe('the last-resort page', () => {
  it('links the print stylesheet for print only, so the quick exit and the header stay on screen', () => {
    const html = lastResortPage({ lng: 'nl', quickExitUrl: 'https://www.google.nl/', stylesheets: [{ href: '/build/app.css' }, { href: '/build/print.css', media: 'print' }, '/build/old.css'] })
    expect(html).toContain('<link rel="stylesheet" href="/build/app.css">')
    expect(html).toContain('<link rel="stylesheet" href="/build/print.css" media="print">')
    expect(html).toContain('<link rel="stylesheet" href="/build/old.css">')
    expect(html).toMatch(/<a class="quick-exit" href="https:\/\/www\.google\.nl\/"[^>]*>Snel weg<\/a>/)
  })
})
