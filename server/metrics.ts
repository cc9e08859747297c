import { timingSafeEqual } from 'node:crypto'
import type { ServerBuild } from '@remix-run/node'
import express, { type NextFunction, type Request, type Response } from 'express'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import { matchRoutes, type RouteObject } from 'react-router'
import type postgres from 'postgres'
import { countHandoffOutbox } from '../app/assessment/handoff-metrics.server'
import { logger } from '../app/utils/logger.server'

export type MetricsOptions = {
  build: ServerBuild
  sql: postgres.Sql
  /** `/metrics` on the portal's own port, for `Authorization: Bearer <token>` only. */
  token?: string
  pageCacheStats?: () => { hits: number; misses: number; bypassed: number; notModified: number; composed?: number }
}

/** Remix's route tree as react-router route objects, so a path maps to its route id (its pattern). */
function routeTree(build: ServerBuild): RouteObject[] {
  const byParent = new Map<string | undefined, Array<ServerBuild['routes'][string]>>()
  for (const r of Object.values(build.routes)) byParent.set(r.parentId, [...(byParent.get(r.parentId) ?? []), r])
  const children = (parentId: string | undefined): RouteObject[] =>
    (byParent.get(parentId) ?? []).map((r) =>
      r.index ? { id: r.id, index: true, path: r.path } : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: children(r.id) },
    )
  return children(undefined)
}

/**
 * Prometheus metrics (ADR 0027): requests and their duration by route pattern (the Remix route id,
 * never the address itself, so no ids, slugs or tokens in labels), render time, the job queues,
 * the hand-off outbox and the process. Queue and outbox figures are read when scraped.
 */
export function createMetrics(options: MetricsOptions) {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'portal_' })
  const tree = routeTree(options.build)
  const routeOf = (req: Request) => {
    if (req.path.startsWith('/build/') || req.path.startsWith('/locales/') || req.path.startsWith('/schemas/')) return 'static'
    const pathname = req.path.replace(/\.data$/, '').replace(/^\/_root$/, '/')
    const matches = matchRoutes(tree, pathname)
    return matches?.at(-1)?.route.id ?? 'unmatched'
  }

  const requests = new Counter({ name: 'portal_http_requests_total', help: 'HTTP requests answered', labelNames: ['method', 'route', 'status'], registers: [registry] })
  const duration = new Histogram({
    name: 'portal_http_request_duration_seconds',
    help: 'Time to answer an HTTP request',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  const render = new Histogram({
    name: 'portal_render_duration_seconds',
    help: 'Time in the Remix handler (loaders, actions and the React render)',
    labelNames: ['kind'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  const collectSafely = async (what: string, collect: () => Promise<void>) => {
    try {
      await collect()
    } catch (err) {
      logger.warn({ err }, `metrics: ${what} could not be read`)
    }
  }
  new Gauge({
    name: 'portal_jobs',
    help: 'Background jobs by queue and state (pg-boss)',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      await collectSafely('job queue', async () => {
        const rows = await options.sql<Array<{ name: string; state: string; n: number }>>`
          select name, state::text as state, count(*)::int as n from pgboss.job group by 1, 2`
        this.reset()
        for (const r of rows) this.set({ queue: r.name, state: r.state }, r.n)
      })
    },
  })
  new Gauge({
    name: 'portal_handoff_outbox',
    help: 'Assessment hand-offs by state; dead ones wait for an admin',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      await collectSafely('hand-off outbox', async () => {
        for (const [state, n] of Object.entries(await countHandoffOutbox())) this.set({ state }, n)
      })
    },
  })
  if (options.pageCacheStats) {
    const stats = options.pageCacheStats
    new Gauge({
      name: 'portal_page_cache_requests',
      help: 'Monument page cache answers since start (ADR 0011)',
      labelNames: ['result'],
      registers: [registry],
      collect() {
        for (const [result, n] of Object.entries(stats())) this.set({ result }, n)
      },
    })
  }

  /** First in the chain: counts and times every answer. */
  const observe = (req: Request, res: Response, next: NextFunction) => {
    const end = duration.startTimer()
    res.once('finish', () => {
      const route = routeOf(req)
      requests.inc({ method: req.method, route, status: String(res.statusCode) })
      end({ method: req.method, route })
    })
    next()
  }
  /** Right before the Remix handler: how long Remix takes (document or data request). */
  const observeRender = (req: Request, res: Response, next: NextFunction) => {
    const end = render.startTimer({ kind: req.path.endsWith('.data') ? 'data' : 'document' })
    res.once('finish', () => end())
    next()
  }
  const serve = async (_req: Request, res: Response) => {
    res.setHeader('Content-Type', registry.contentType)
    res.setHeader('Cache-Control', 'no-store')
    res.send(await registry.metrics())
  }
  const expected = options.token ? Buffer.from(`Bearer ${options.token}`) : undefined
  /** `/metrics` on the portal's port: only with the bearer token; without a token configured, not there at all. */
  const guarded = (req: Request, res: Response, next: NextFunction) => {
    if (!expected) return next()
    const given = Buffer.from(req.get('authorization') ?? '')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return void res.status(401).type('text/plain').send('Unauthorized')
    void serve(req, res)
  }
  /** A listener of its own (METRICS_PORT), for a network only the monitoring reaches. */
  const listen = (port: number, host: string) => {
    const app = express()
    app.disable('x-powered-by')
    app.get('/metrics', (req, res) => void serve(req, res))
    return app.listen(port, host, () => logger.info(`metrics on http://${host}:${port}/metrics`))
  }
  return { registry, observe, observeRender, guarded, listen }
}

/** METRICS_PORT and METRICS_TOKEN from the environment; both unset means no metrics endpoint. */
export function metricsSettings(env: Record<string, string | undefined> = process.env) {
  const port = env.METRICS_PORT ? Number(env.METRICS_PORT) : undefined
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new Error('METRICS_PORT must be a port number')
  const token = env.METRICS_TOKEN || undefined
  if (token && token.length < 24) throw new Error('METRICS_TOKEN must be at least 24 characters')
  return { port, token, host: env.METRICS_HOST ?? '127.0.0.1' }
}
