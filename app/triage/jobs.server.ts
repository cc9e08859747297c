import type { Job } from '~/jobs/types'
import { logger } from '~/utils/logger.server'
import { flagDueFollowUps } from './request-progress.server'

/** Background jobs of the triage capability (merged into app/jobs/queue.server.ts). */
export const TRIAGE_JOBS: Record<string, Job> = {
  // Keeps the chain closed: two weeks after a referral without "in care", the contact person
  // sees the request flagged as due on their queue and dashboard. Hourly is plenty for a
  // deadline counted in days.
  'triage.follow-up-reminders': {
    cron: '7 * * * *',
    handler: async () => {
      const flagged = await flagDueFollowUps()
      logger.info({ flagged }, 'triage follow-ups flagged')
    },
  },
}
