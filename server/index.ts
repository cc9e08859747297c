// The portal process: embedded services when nothing real is configured, migrations,
// demo data in development, the background worker, and the web server.
import './production-mode'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { buildPaths } from './build-paths'
import { logger } from '../app/utils/logger.server'
import { installLastResort } from './last-resort'
import { prepareRuntime, type Runtime } from './runtime'

const t0 = performance.now()
const log = (msg: string) => logger.info(msg)

// ADR 0018: a broken connection costs one request; an unknown error costs the process.
const listening: { server?: { close: () => void } } = {}
installLastResort({ logger, beforeExit: () => listening.server?.close() })

let runtime: Runtime
try {
  runtime = await prepareRuntime({
    log,
    supervise: {
      // An embedded server that would not come back: the outer supervisor starts us afresh.
      onGiveUp: (part) => {
        logger.fatal(`${part} could not be restarted; exiting`)
        listening.server?.close()
        process.exit(1)
      },
    },
  })
} catch (error) {
  logger.fatal(error instanceof Error ? error.message : String(error))
  process.exit(1)
}
const { env } = runtime

{
  const { seedIfEmpty, seedReferenceData } = await import('../db/seed-runner')
  await seedReferenceData()
  if (env.APP_ENV === 'development') await seedIfEmpty({ printCredentials: true })
}

const { createServerApp } = await import('./app')
const build = (await import(pathToFileURL(path.resolve(buildPaths().serverBuild)).href)) as ServerBuild
// Prometheus metrics (ADR 0027): a port of their own (METRICS_PORT) or /metrics behind METRICS_TOKEN.
const { createMetrics, metricsSettings } = await import('./metrics')
const metricsAt = metricsSettings()
const { sql } = await import('../db/client.server')
const metrics = metricsAt.port || metricsAt.token ? createMetrics({ build, sql, token: metricsAt.token, pageCacheStats: () => app.locals.pageCache.stats }) : undefined
const app = createServerApp({ build, env, metrics })
const metricsServer = metricsAt.port ? metrics?.listen(metricsAt.port, metricsAt.host) : undefined

const jobs = env.RUN_WORKER ? await (await import('../app/jobs/queue.server')).startWorker() : undefined

const server = app.listen(env.PORT, env.HOST, () => {
  log(`portal ready on http://localhost:${env.PORT} in ${Math.round(performance.now() - t0)} ms`)
})
listening.server = server

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  log(`${signal}: shutting down`)
  server.close()
  server.closeAllConnections()
  metricsServer?.close()
  await jobs?.stop().catch(() => {})
  await (await import('../db/client.server')).closeDb().catch(() => {})
  await runtime.stop()
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
