import type { Job } from '~/jobs/types'
import { logger } from '~/utils/logger.server'
import { deleteExpiredRescues } from './draft-rescue.server'

/** Background jobs of the monument capability (merged into app/jobs/queue.server.ts). */
export const MONUMENT_JOBS: Record<string, Job> = {
  // Text kept after a session ended (ADR 0015) lives a day at most.
  'monument.expire-draft-rescues': {
    cron: '23 * * * *',
    handler: async () => {
      const n = await deleteExpiredRescues()
      if (n > 0) logger.info({ count: n }, 'expired draft rescues deleted')
    },
  },
}
