import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCALES, registerLocale } from './config'

/**
 * The proof that a language is a list entry plus its translations (ADR 0021): a right-to-left
 * pseudo-locale, generated here from the English files, is registered through the locale
 * list's one extension point, and every public page is rendered in it through Remix's real
 * request handler with the real route modules. Text that does not go through i18next shows up
 * unaccented and unbracketed; a direction that does not come from the list shows up as `ltr`.
 */
const CODE = 'ar-XB'

// Accented look-alikes keep the text readable while showing it went through the translation.
const ACCENTS: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', y: 'ý', c: 'ç', n: 'ñ', s: 'š', z: 'ž', A: 'Å', E: 'É', I: 'Í', O: 'Ö', U: 'Ü', C: 'Ç', N: 'Ñ', S: 'Š' }
// Interpolations ({{name}}), nesting ($t(key)) and the <1>…</1> tags of <Trans> stay as they are.
const UNTOUCHED = /(\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?\d+\/?>)/

function pseudo(text: string) {
  const accented = text
    .split(UNTOUCHED)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[a-zA-Z]/g, (ch) => ACCENTS[ch] ?? ch)))
    .join('')
  return `⟦${accented}⟧`
}

function pseudoTree(value: unknown): unknown {
  if (typeof value === 'string') return pseudo(value)
  if (Array.isArray(value)) return value.map(pseudoTree)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pseudoTree(v)]))
  return value
}

const enDir = path.resolve('public/locales/en')
const resources = Object.fromEntries(
  readdirSync(enDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.replace(/\.json$/, ''), pseudoTree(JSON.parse(readFileSync(path.join(enDir, f), 'utf8')))]),
)
registerLocale({ code: CODE, nativeName: pseudo('Pseudo'), dir: 'rtl', intl: 'ar', resources })

const { closeDb, db } = await import('@db/client.server')
const { seedReferrals } = await import('@db/seed/referrals')
const { seedSchemes } = await import('@db/seed/scheme')
const { seedMonumentDemo } = await import('@db/seed/monument')
const { createPersona } = await import('~/testing/personas.server')
const { languageCookie } = await import('./i18next.server')
const { flatRoutes } = (await import('@remix-run/dev/dist/config/flat-routes.js')) as unknown as {
  flatRoutes: (appDir: string, ignored: string[]) => Record<string, { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean; file: string }>
}

/** The app's real route tree and modules, as `remix build` would put them in the server build. */
async function realBuild(): Promise<ServerBuild> {
  const files = import.meta.glob(['../routes/*.ts', '../routes/*.tsx', '!../routes/*.test.*'])
  const routes: Record<string, { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean; module: Record<string, unknown> }> = {
    root: { id: 'root', path: '', module: await import('~/root') },
  }
  for (const route of Object.values(flatRoutes(path.resolve('app'), ['**/.*', '**/*.test.{ts,tsx}']))) {
    const load = files[`../${route.file}`]
    if (!load) throw new Error(`no module for ${route.file}`)
    routes[route.id] = { id: route.id, parentId: route.parentId ?? 'root', path: route.path, index: route.index, caseSensitive: route.caseSensitive, module: (await load()) as Record<string, unknown> }
  }
  const manifest = Object.fromEntries(
    Object.values(routes).map((r) => [
      r.id,
      {
        id: r.id,
        parentId: r.id === 'root' ? undefined : r.parentId,
        path: r.path,
        index: r.index,
        module: `/build/${r.id}.js`,
        hasLoader: 'loader' in r.module,
        hasAction: 'action' in r.module,
        hasClientLoader: false,
        hasClientAction: false,
        hasErrorBoundary: 'ErrorBoundary' in r.module,
        imports: [],
      },
    ]),
  )
  return {
    mode: 'production',
    entry: { module: await import('~/entry.server') },
    routes,
    assets: { entry: { module: '/build/entry.client.js', imports: [] }, routes: manifest, url: '/build/manifest.js', version: 'pseudo' },
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: false },
    publicPath: '/build/',
    assetsBuildDirectory: 'public/build',
    isSpaMode: false,
  } as unknown as ServerBuild
}

let handle: ReturnType<typeof createRequestHandler>
let cookie: string
let storySlug: string

beforeAll(async () => {
  const survivor = await createPersona({ roles: ['survivor'] })
  await seedReferrals(db)
  await seedSchemes(db)
  await seedMonumentDemo(db, { survivorId: survivor.id })
  storySlug = 'demo-verhaal-1'
  cookie = (await languageCookie.serialize(CODE)).split(';')[0]!
  handle = createRequestHandler(await realBuild(), 'production')
}, 240_000)
afterAll(() => closeDb())

const PUBLIC_PAGES = () => [
  '/',
  '/hulp',
  '/hulp/trimbos-informatiepunt',
  '/hulp/professionals',
  '/verhalen',
  `/verhalen/${storySlug}`,
  '/verhalen/rapporten',
  '/regeling',
  '/over',
  '/contact',
  '/privacy',
  '/toegankelijkheid',
  '/inloggen',
  '/registreren',
]

describe(`a language added at run time (${CODE}, right to left)`, () => {
  it('is offered by the language switcher in its own name, next to the built-in ones', async () => {
    const html = await (await handle(new Request('http://localhost/over'), { cspNonce: 'n', clientIp: '127.0.0.1' })).text()
    expect(html).toContain('<html lang="nl" dir="ltr"')
    expect(html).toContain(`value="${CODE}" lang="${CODE}" dir="rtl">${pseudo('Pseudo')}</button>`)
    for (const l of LOCALES.filter((l) => l.code !== 'nl')) expect(html).toContain(l.nativeName)
  })

  it('renders every public page in it, with its direction, its texts and no error', async () => {
    const siteName = pseudo(JSON.parse(readFileSync(path.join(enDir, 'common.json'), 'utf8')).siteName)
    for (const page of PUBLIC_PAGES()) {
      const response = await handle(new Request(`http://localhost${page}`, { headers: { Cookie: cookie } }), { cspNonce: 'n', clientIp: '127.0.0.1' })
      const html = await response.text()
      expect(response.status, page).toBe(200)
      expect(html, page).toMatch(new RegExp(`<html lang="${CODE}" dir="rtl"`))
      expect(html.match(/<title>([^<]*)<\/title>/)?.[1], page).toContain(siteName)
      // The page's own texts, not only the layout's: more bracketed texts than header and footer have.
      const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'))
      expect(main.split('⟦').length - 1, page).toBeGreaterThan(1)
    }
  }, 240_000)
})
