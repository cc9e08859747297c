import PgBoss from 'pg-boss'
import { db } from '@db/client.server'
import { sweepOrphanObjects } from '~/files/sweep-orphans.server'
import { getEnv } from '~/utils/env.server'
import { logger } from '~/utils/logger.server'
import { storage } from '~/utils/storage.server'

/** Every queue and its handler in one place; later capabilities register theirs here. */
export const JOBS = {
  'storage.sweep-orphans': {
    cron: '17 3 * * *',
    handler: async () => {
      const result = await sweepOrphanObjects({ db, storage })
      logger.info(result, 'storage orphan sweep done')
    },
  },
} as const satisfies Record<string, { cron?: string; handler: () => Promise<void> }>

export type JobName = keyof typeof JOBS

export function createBoss(databaseUrl = getEnv().DATABASE_URL) {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: 4 })
  boss.on('error', (err) => logger.error({ err }, 'job queue error'))
  return boss
}

/** Starts pg-boss, creates the queues, schedules the recurring jobs and works them. */
export async function startWorker(boss = createBoss()) {
  await boss.start()
  for (const [name, job] of Object.entries(JOBS)) {
    await boss.createQueue(name)
    if ('cron' in job && job.cron) await boss.schedule(name, job.cron, undefined, { tz: 'Europe/Amsterdam' })
    await boss.work(name, async () => job.handler())
  }
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) }
}
