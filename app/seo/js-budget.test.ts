import { execFile } from 'node:child_process'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PUBLIC_PAGES, READING_PAGE_JS_BUDGET_BYTES } from './public-pages'

/**
 * The JavaScript budget (issue 15, ADR 0034), measured as a browser meets it: the app is built
 * by `remix build` (here, into a folder of its own, so the test never depends on a stale build
 * or on `npm test`'s order), every reading page is rendered through Remix's request handler
 * with that build's browser manifest, and every script the page names — inline scripts, module
 * scripts, modulepreloads and what those import — is gzipped and summed.
 */
const { closeDb, sql } = await import('@db/client.server')
const { seedIfEmpty, seedReferenceData } = await import('@db/seed-runner')
const { realBuild } = await import('./real-build.testing')

const OUT = path.resolve(`.build/js-budget-${process.pid}`)
const ASSETS = path.join(OUT, 'public/build')
let handle: ReturnType<typeof createRequestHandler>
let routeIds: Set<string>

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true })
  // vitest sets NODE_ENV=test, which would give React's development build: measure production's.
  await promisify(execFile)('npx', ['remix', 'build'], { env: { ...process.env, NODE_ENV: 'production', REMIX_OUT_DIR: OUT, VITE_CJS_IGNORE_WARNING: 'true' }, maxBuffer: 1 << 24 })
  const file = readdirSync(ASSETS).find((f) => /^manifest-.*\.js$/.test(f))!
  const assets = JSON.parse(readFileSync(path.join(ASSETS, file), 'utf8').replace(/^window\.__remixManifest=/, '').replace(/;\s*$/, '')) as ServerBuild['assets']
  routeIds = new Set(Object.keys(assets.routes))
  // What `npm start` seeds on a fresh database (this file's own): the directory, the schemes,
  // the demo stories and the demo documentary chapter.
  await seedReferenceData()
  expect((await seedIfEmpty({ printCredentials: false })).seeded).toBe(true)
  const [chapter] = await sql<Array<{ slug: string }>>`select slug from documentary_chapters where state = 'published' limit 1`
  // The whole chapter, past its content note: the page with the most to load.
  SLUGS['/documentaire/$chapter'] = `/documentaire/${chapter!.slug}?lezen=ja`
  handle = createRequestHandler(await realBuild(assets), 'production')
}, 600_000)
afterAll(async () => {
  rmSync(OUT, { recursive: true, force: true })
  await closeDb()
})

const SLUGS: Record<string, string> = { '/hulp/$slug': '/hulp/slachtofferhulp-nederland', '/verhalen/$slug': '/verhalen/demo-verhaal-1' }

/** Gzipped bytes of a built module and everything it imports statically, each file once. */
function moduleBytes(url: string, seen: Set<string>): number {
  if (seen.has(url) || !url.startsWith('/build/')) return 0
  seen.add(url)
  const source = readFileSync(path.join(ASSETS, url.slice('/build/'.length)))
  let total = gzipSync(source).length
  for (const m of source.toString('utf8').matchAll(/(?:import|from)\s*["'](\/build\/[^"']+\.js)["']/g)) total += moduleBytes(m[1]!, seen)
  return total
}

/** What a page's script tags make a browser load, gzipped. */
function pageScriptBytes(html: string) {
  const seen = new Set<string>()
  let total = 0
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(m[1]!)?.[1]
    if (src) total += moduleBytes(src, seen)
    if (m[2]!.trim()) {
      total += gzipSync(m[2]!).length
      for (const i of m[2]!.matchAll(/(?:import|from)\s*["'](\/build\/[^"']+\.js)["']/g)) total += moduleBytes(i[1]!, seen)
    }
  }
  for (const m of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) total += moduleBytes(m[1]!, seen)
  return { total, files: seen.size }
}

async function render(pathname: string) {
  const response = await handle(new Request(`http://localhost${pathname}`), { cspNonce: 'n', clientIp: '127.0.0.1' })
  expect(response.status, pathname).toBe(200)
  return response.text()
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

describe('JavaScript budget of the public reading pages', () => {
  it(`each loads at most ${kb(READING_PAGE_JS_BUDGET_BYTES)} of gzipped JavaScript`, async () => {
    const measured: string[] = []
    const pages = PUBLIC_PAGES.filter((p) => !p.scripts && routeIds.has(p.routeId))
    expect(pages.map((p) => p.routeId)).toEqual(
      expect.arrayContaining(['routes/verhalen._index', 'routes/verhalen.$slug', 'routes/hulp._index', 'routes/hulp.$slug', 'routes/documentaire._index', 'routes/documentaire.$chapter']),
    )
    for (const page of pages) {
      const html = await render(SLUGS[page.path] ?? page.path)
      const { total, files } = pageScriptBytes(html)
      measured.push(`${page.path}: ${kb(total)} (${files} files)`)
      expect(total, `${page.path} ships ${kb(total)} of JavaScript`).toBeLessThanOrEqual(READING_PAGE_JS_BUDGET_BYTES)
    }
    console.warn(`JavaScript per reading page (gzip):\n  ${measured.join('\n  ')}`)
  }, 240_000)

  it('counts what a page that hydrates loads (a form page keeps React and its scripts)', async () => {
    const html = await render('/inloggen')
    const { total, files } = pageScriptBytes(html)
    console.warn(`JavaScript on /inloggen (a form, hydrated): ${kb(total)} (${files} files)`)
    expect(files).toBeGreaterThan(3)
    expect(total).toBeGreaterThan(40 * 1024)
  }, 120_000)

  it('reading pages keep the quick exit without Remix scripts', async () => {
    const html = await render('/verhalen')
    expect(html).not.toContain('__remixContext')
    expect(html).toContain('a.quick-exit')
    expect(html).toContain('class="quick-exit" href=')
  }, 120_000)
})

