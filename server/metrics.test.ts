// The Prometheus endpoint (ADR 0027): behind a bearer token or on a port of its own, labels by
// route pattern (never the address), and queue, hand-off and process figures read from the
// test's real database.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import type { ServerBuild } from '@remix-run/node'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from '@db/client.server'
import { createMetrics, metricsSettings } from './metrics'

const TOKEN = 'metrics-token-for-this-test-0123456789'
// The route tree of a Remix build: only `routes` is read.
const build = {
  routes: {
    root: { id: 'root', path: '', module: {} },
    'routes/verhalen._index': { id: 'routes/verhalen._index', parentId: 'root', path: 'verhalen', index: true, module: {} },
    'routes/verhalen.$slug': { id: 'routes/verhalen.$slug', parentId: 'root', path: 'verhalen/:slug', module: {} },
  },
} as unknown as ServerBuild

let server: Server
let base = ''
let separate: Server
let separateBase = ''

beforeAll(async () => {
  const metrics = createMetrics({ build, sql, token: TOKEN })
  const app = express()
  app.use(metrics.observe)
  app.get('/metrics', metrics.guarded)
  app.use(metrics.observeRender)
  app.get('/verhalen/:slug', (_req, res) => void res.send('a story'))
  app.use((_req, res) => void res.status(404).send('not here'))
  server = app.listen(0, '127.0.0.1')
  await new Promise((r) => server.once('listening', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  separate = metrics.listen(3275, '127.0.0.1')
  await new Promise((r) => separate.once('listening', r))
  separateBase = `http://127.0.0.1:3275`
})
afterAll(() => {
  server.close()
  separate.close()
})

describe('/metrics', () => {
  it('answers only with the bearer token', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401)
    expect((await fetch(`${base}/metrics`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401)
    expect((await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200)
  })

  it('counts requests by route pattern, with no address, slug or id in a label', async () => {
    await fetch(`${base}/verhalen/het-verhaal-van-anna-1984`)
    await fetch(`${base}/verhalen/een-ander-verhaal`)
    await fetch(`${base}/bestaat/niet/42`)
    const text = await (await fetch(`${separateBase}/metrics`)).text()
    expect(text).toContain('portal_http_requests_total{method="GET",route="routes/verhalen.$slug",status="200"} 2')
    expect(text).toContain('portal_http_requests_total{method="GET",route="unmatched",status="404"} 1')
    expect(text).toMatch(/portal_http_request_duration_seconds_bucket\{le="[^"]+",method="GET",route="routes\/verhalen.\$slug"\}/)
    expect(text).toMatch(/portal_render_duration_seconds_count\{kind="document"\} \d+/)
    expect(text).not.toMatch(/anna|een-ander|\/42/)
  })

  it('reads the job queues, the hand-off outbox and the process figures when scraped', async () => {
    const text = await (await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).text()
    expect(text).toContain('# TYPE portal_jobs gauge')
    expect(text).toContain('portal_handoff_outbox{state="dead"} 0')
    expect(text).toContain('portal_handoff_outbox{state="pending"} 0')
    expect(text).toContain('portal_process_resident_memory_bytes')
    expect(text).toContain('portal_nodejs_eventloop_lag_seconds')
  })
})

describe('metricsSettings', () => {
  it('is off unless a port or a token is set, and refuses a short token', () => {
    expect(metricsSettings({})).toEqual({ port: undefined, token: undefined, host: '127.0.0.1' })
    expect(metricsSettings({ METRICS_PORT: '9464' }).port).toBe(9464)
    expect(() => metricsSettings({ METRICS_TOKEN: 'short' })).toThrow(/24 characters/)
    expect(() => metricsSettings({ METRICS_PORT: 'x' })).toThrow(/port/)
  })
})
