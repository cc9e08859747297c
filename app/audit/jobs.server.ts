import { sql } from '@db/client.server'
import type { Job } from '~/jobs/types'
import { logger } from '~/utils/logger.server'
import { storage } from '~/utils/storage.server'
import { writeAuditAnchor } from './anchors.server'

/** Background jobs of the access log (merged into app/jobs/queue.server.ts). */
export const AUDIT_JOBS: Record<string, Job> = {
  // The chain's head, hourly, outside the database: cutting rows off the end shows (anchors.server.ts).
  'audit.anchor': {
    cron: '3 * * * *',
    handler: async () => {
      const anchor = await writeAuditAnchor({ sql, storage })
      if (anchor) logger.info({ lastId: anchor.lastId }, 'access log anchored')
    },
  },
}
