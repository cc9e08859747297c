import type { Job } from '~/jobs/types'
import { logger } from '~/utils/logger.server'
import { discardWithdrawnPackages } from './discard.server'

/** Background jobs of the archive capability (merged into app/jobs/queue.server.ts). */
export const ARCHIVE_JOBS: Record<string, Job> = {
  // A withdrawal removes an unsent package within the hour even when no archivist opens the queue.
  'archive.discard-withdrawn': {
    cron: '41 * * * *',
    handler: async () => {
      const discarded = await discardWithdrawnPackages()
      logger.info({ discarded }, 'archive packages of withdrawn consents discarded')
    },
  },
}
