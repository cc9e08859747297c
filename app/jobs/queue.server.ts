import { PgBoss } from 'pg-boss'
import { db } from '@db/client.server'
import { pruneRateLimitCounters } from '~/auth/rate-limit.server'
import { pruneExpiredSessions } from '~/auth/session.server'
import { sweepOrphanObjects } from '~/files/sweep-orphans.server'
import { deliverMail, requeueStuckMail } from '~/mail/mail.server'
import { ASSESSMENT_JOBS } from '~/assessment/jobs.server'
import { AUDIT_JOBS } from '~/audit/jobs.server'
import { MODERATION_JOBS } from '~/moderation/jobs.server'
import { MONUMENT_JOBS } from '~/monument/jobs.server'
import { ARCHIVE_JOBS } from '~/archive/jobs.server'
import { RESEARCH_JOBS } from '~/research/jobs.server'
import { SCHEME_JOBS } from '~/scheme/jobs.server'
import { TRIAGE_JOBS } from '~/triage/jobs.server'
import type { Job } from './types'
import { getEnv } from '~/utils/env.server'
import { logger } from '~/utils/logger.server'
import { storage } from '~/utils/storage.server'


/** Every queue and its handler in one place; later capabilities register theirs here. */
export const JOBS: Record<string, Job> = {
  'storage.sweep-orphans': {
    cron: '17 3 * * *',
    handler: async () => {
      const result = await sweepOrphanObjects({ db, storage, unfinishedOlderThanMs: getEnv().STORAGE_UNFINISHED_UPLOAD_HOURS * 60 * 60 * 1000 })
      logger.info(result, 'storage orphan sweep done')
    },
  },
  'sessions.prune': {
    cron: '*/15 * * * *',
    handler: async () => {
      const removed = await pruneExpiredSessions()
      await pruneRateLimitCounters()
      logger.info({ removed }, 'expired sessions pruned')
    },
  },
  'mail.send': {
    handler: async (data) => deliverMail({ id: String(data.id) }),
  },
  'mail.requeue': {
    cron: '* * * * *',
    handler: async () => {
      await requeueStuckMail()
    },
  },
  ...AUDIT_JOBS,
  ...MONUMENT_JOBS,
  ...MODERATION_JOBS,
  ...TRIAGE_JOBS,
  ...SCHEME_JOBS,
  ...ASSESSMENT_JOBS,
  ...ARCHIVE_JOBS,
  ...RESEARCH_JOBS,
}


export function createBoss(databaseUrl = getEnv().DATABASE_URL) {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: 4 })
  boss.on('error', (err) => logger.error({ err }, 'job queue error'))
  return boss
}

/** Starts pg-boss, creates the queues, schedules the recurring jobs and works them. */
export async function startWorker(boss = createBoss()) {
  await boss.start()
  for (const [name, job] of Object.entries(JOBS)) {
    await boss.createQueue(name, { retryLimit: job.retryLimit ?? 5, retryBackoff: true })
    if (job.cron) await boss.schedule(name, job.cron, undefined, { tz: 'Europe/Amsterdam' })
    await boss.work<Record<string, unknown>>(name, async (jobs) => {
      for (const j of jobs) await job.handler(j.data ?? {})
    })
  }
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) }
}
