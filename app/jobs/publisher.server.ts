import { PgBoss, type SendOptions } from 'pg-boss'
import { getEnv } from '~/utils/env.server'
import { logger } from '~/utils/logger.server'

let publisher: Promise<PgBoss> | undefined

/**
 * A pg-boss instance that only sends (no maintenance, no schedules): web requests enqueue
 * jobs through it; the worker (in-process or `npm run worker`) works them.
 */
function getPublisher() {
  publisher ??= (async () => {
    const boss = new PgBoss({ connectionString: getEnv().DATABASE_URL, schema: 'pgboss', max: 2, supervise: false, schedule: false })
    boss.on('error', (err) => logger.error({ err }, 'job publisher error'))
    await boss.start()
    return boss
  })()
  return publisher
}

export async function enqueue(name: string, data: object, options: SendOptions = {}) {
  const boss = await getPublisher()
  await boss.createQueue(name)
  return boss.send(name, data, { retryLimit: 8, retryBackoff: true, retryDelay: 10, ...options })
}

export async function stopPublisher() {
  if (publisher) await (await publisher).stop({ graceful: false })
}
