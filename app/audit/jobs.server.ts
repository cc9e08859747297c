import { sql } from '@db/client.server'
import type { Job } from '~/jobs/types'
import { getEnv } from '~/utils/env.server'
import { logger } from '~/utils/logger.server'
import { storage } from '~/utils/storage.server'
import { createAnchorScheduler } from './anchors.server'

let scheduler: ReturnType<typeof createAnchorScheduler> | undefined

/** Background jobs of the access log (merged into app/jobs/queue.server.ts). */
export const AUDIT_JOBS: Record<string, Job> = {
  // The chain's head, outside the database, so cutting rows off the end shows (anchors.server.ts).
  // Asked every minute; it anchors after AUDIT_ANCHOR_EVERY_ROWS rows or _MINUTES minutes.
  'audit.anchor': {
    cron: '* * * * *',
    handler: async () => {
      const env = getEnv()
      scheduler ??= createAnchorScheduler({ sql, storage, policy: { everyRows: env.AUDIT_ANCHOR_EVERY_ROWS, everyMinutes: env.AUDIT_ANCHOR_EVERY_MINUTES } })
      const { anchor, behind } = await scheduler.tick()
      if (anchor) logger.info({ lastId: anchor.lastId }, 'access log anchored')
      if (behind) logger.error('access log is shorter than its newest anchor: rows were cut off the end (run npm run audit:verify)')
    },
  },
}
