import type { Job } from '~/jobs/types'
import { logger } from '~/utils/logger.server'
import { sweepDeletionNotices } from './notices.server'

/** Background jobs of the research capability (merged into app/jobs/queue.server.ts). */
export const RESEARCH_JOBS: Record<string, Job> = {
  // A withdrawal reaches the researchers who hold the story within the hour even when nobody
  // opens the research page (which sweeps too). Idempotent: one notice per project and story.
  'research.deletion-notices': {
    cron: '23 * * * *',
    handler: async () => {
      const created = await sweepDeletionNotices()
      logger.info({ created }, 'research deletion notices swept')
    },
  },
}
