// `npm run worker`: works the background queues in a process of its own (scale-out).
// Start the portal with RUN_WORKER=false when you run workers separately.
import './production-mode'
import { logger } from '../app/utils/logger.server'
import { installLastResort } from './last-resort'
import { prepareRuntime } from './runtime'

// ADR 0018: the same rule as the portal process; a worker has no listener to close.
installLastResort({ logger })

const runtime = await prepareRuntime({ log: (m) => logger.info(m), startEmbedded: false, migrate: true })
const { startWorker } = await import('../app/jobs/queue.server')
const worker = await startWorker()
logger.info('worker started')
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    await worker.stop().catch(() => {})
    await (await import('../db/client.server')).closeDb().catch(() => {})
    await runtime.stop()
    process.exit(0)
  })
}
