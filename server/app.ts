import { createRequestHandler } from '@remix-run/express'
import { buildPaths } from './build-paths'
import { createRequestHandler as createFetchHandler, type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import type { IncomingMessage, ServerResponse } from 'node:http'
import proxyaddr from 'proxy-addr'
import { sql } from '../db/client.server'
import type { Env } from '../app/utils/env.server'
import type { PageBody } from '../app/utils/page-body'
import { logger } from '../app/utils/logger.server'
import { requestLog } from './http-log'
import type { createMetrics } from './metrics'
import { createPageCache, isCacheableRequest, type CachedPath } from './page-cache'
import { PostgresLimitStore } from './shared-limits'
import { cspNonce, lastResortErrors, permissionsPolicy, rateLimits, sameOriginMutations, securityHeaders, type Stylesheet } from './security'

/**
 * The public pages anonymous readers may get from the page cache (ADR 0011, ADR 0033). Their
 * routes also answer `Cache-Control: public`, and every table they show raises the publication
 * generation (migrations 0014, 0031). Pages that take no parameters are kept only at their
 * plain address or with `?lng=` (the hreflang alternates); the help directory with its four
 * filters; a chapter also past its content note (`?lezen=ja`).
 */
const plain = (path: RegExp) => ({ path, query: ['lng'] })
export const CACHED_PAGES: CachedPath[] = [
  /^\/verhalen\/?$/,
  /^\/verhalen\/[a-z0-9-]{1,80}$/, // also /verhalen/rapporten
  plain(/^\/$/),
  { path: /^\/hulp\/?$/, query: ['need', 'setting', 'region', 'language', 'lng'] },
  plain(/^\/hulp\/[a-z0-9-]{1,80}$/), // also /hulp/professionals
  plain(/^\/regeling\/?$/),
  plain(/^\/(over|contact|privacy|toegankelijkheid)$/),
  plain(/^\/documentaire\/?$/),
  { path: /^\/documentaire\/[a-z0-9-]{1,80}$/, query: ['lezen', 'lng'] },
  plain(/^\/snel-weg$/),
]
const CACHED_PATTERNS = CACHED_PAGES.map((p) => (p instanceof RegExp ? p : p.path))

// The scheme overview says whether a window is open today (Amsterdam): a kept page is of one day.
const amsterdamDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' })
let dayAt = 0
let day = ''
function today() {
  const now = Date.now()
  if (now - dayAt > 1000) {
    dayAt = now
    day = amsterdamDay.format(now)
  }
  return day
}

/** The portal's stylesheet (hashed by the build), so the last-resort error page looks like the portal. */
function rootStylesheets(build: ServerBuild): Stylesheet[] {
  try {
    const links = (build.routes.root?.module.links?.() ?? []) as Array<{ rel?: string; href?: string; media?: string }>
    return links.filter((l) => l.rel === 'stylesheet' && l.href).map((l) => ({ href: l.href!, media: l.media }))
  } catch {
    return []
  }
}

/** The Express host: headers, compression, rate limits and static files around Remix. */
export function createServerApp({ build, env, metrics }: { build: ServerBuild; env: Env; metrics?: ReturnType<typeof createMetrics> }) {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', env.TRUST_PROXY)
  const mode = process.env.NODE_ENV === 'development' ? 'development' : 'production'
  // Counted in PostgreSQL, so several portal processes together allow the configured limit (ADR 0027).
  const [readLimit, writeLimit] = rateLimits(
    { reads: env.RATE_LIMIT_READS_PER_MINUTE, writes: env.RATE_LIMIT_WRITES_PER_MINUTE },
    (tier) => new PostgresLimitStore({ sql, name: tier, secret: env.SESSION_SECRET }),
  )

  // The publication generation, read afresh for every cacheable request (ADR 0011).
  const pageCache = createPageCache({
    render: createFetchHandler(build, mode),
    readGeneration: async () => {
      const [row] = await sql<Array<{ g: string }>>`select generation::text as g from publication_state where id = 1`
      return row?.g ?? '0'
    },
    maxBytes: env.PAGE_CACHE_MB * 1024 * 1024,
    paths: CACHED_PAGES,
    epoch: today,
    hitsPerMinute: env.RATE_LIMIT_READS_PER_MINUTE,
    // The pages whose content entry.server can render on its own (ADR 0035).
    bodies: (build.entry.module as { pageBodies?: PageBody[] }).pageBodies ?? [],
  })
  app.locals.pageCache = pageCache
  // A kept page of the current generation is answered before Express sets the request up
  // (ADR 0033): it carries the security headers of its first response, and costs no log line,
  // limit round trip or render. The client address follows the same trust-proxy rule as Express.
  const clientIp = (req: IncomingMessage) => proxyaddr(req, app.get('trust proxy fn') as (addr: string, i: number) => boolean)
  type Handle = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void
  const host = app as unknown as { handle: Handle }
  const handle = host.handle.bind(app)
  host.handle = (req, res, next) => {
    const answered = pageCache.hit(req, res, clientIp)
    if (answered === false) return handle(req, res, next)
    void answered.then(
      (done) => done || handle(req, res, next),
      () => (res.headersSent ? res.destroy() : handle(req, res, next)),
    )
  }

  app.use(requestLog(logger))
  if (metrics) app.use(metrics.observe)
  app.use(cspNonce)
  app.use(securityHeaders({ production: env.APP_ENV === 'production' }))
  app.use(permissionsPolicy)

  // Personal pages must never be cached: `no-store` unless a route set its own policy
  // (public pages send `max-age=0, must-revalidate`). Decided when the head is written,
  // because Remix appends its headers after this middleware runs. First in line, so kept pages,
  // static files and refusals all pass it.
  app.use((_req, res, next) => {
    const writeHead = res.writeHead
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
      if (!this.hasHeader('Cache-Control')) this.setHeader('Cache-Control', 'no-store')
      // helmet sets nosniff and a module may set it too (Remix appends): send it once.
      if (Array.isArray(this.getHeader('X-Content-Type-Options'))) this.setHeader('X-Content-Type-Options', 'nosniff')
      return writeHead.apply(this, args)
    } as typeof writeHead
    next()
  })

  // Anonymous readers of the monument get pages rendered once per publication generation
  // (ADR 0011). First in line after the security headers and the read limit: a kept page
  // needs no compression pass, static-file lookup or Remix routing. Requests it cannot
  // answer skip to the usual chain below without being counted twice.
  app.get(
    CACHED_PATTERNS,
    (req, _res, next) => (env.PAGE_CACHE_MB > 0 && isCacheableRequest(req, CACHED_PAGES) ? next() : next('route')),
    readLimit,
    (req, res, next) => void pageCache.middleware(req, res, next),
  )

  app.use(compression())
  // Static files by prefix only: a catch-all static folder would look on disk for every page address.
  app.use('/build', express.static(buildPaths().assets, { immutable: true, maxAge: '1y', index: false }))
  app.use('/locales', express.static('public/locales', { maxAge: '5m', index: false }))
  app.use('/schemas', express.static('public/schemas', { maxAge: '1h', index: false }))
  app.get('/favicon.ico', (_req, res) => res.sendFile('favicon.ico', { root: 'public', maxAge: '1h' }))

  // Behind its bearer token (METRICS_TOKEN), not counted against the monitoring's address.
  if (metrics) app.get('/metrics', metrics.guarded)
  app.use(readLimit, writeLimit)
  app.use(sameOriginMutations(env.PUBLIC_URL))

  // Never a blank page: an error Remix cannot render, or one in this chain, still answers the
  // reader with a page in their language (quick exit, crisis lines, a way home).
  const lastResort = lastResortErrors({ quickExitUrl: env.QUICK_EXIT_URL, stylesheets: rootStylesheets(build) })
  app.use(lastResort.guard)
  if (metrics) app.use(metrics.observeRender)
  app.all(
    '*',
    createRequestHandler({
      build,
      mode,
      getLoadContext: (req, res) => ({ cspNonce: String(res.locals.cspNonce), clientIp: req.ip ?? '' }),
    }),
  )
  app.use(lastResort.handler)
  return app
}
