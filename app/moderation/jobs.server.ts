import type { Job } from '~/jobs/types'
import { logger } from '~/utils/logger.server'
import { remindModeratorsOfDueReports } from './reports.server'

/** Background jobs of the moderation capability (merged into app/jobs/queue.server.ts). */
export const MODERATION_JOBS: Record<string, Job> = {
  // A reported story may be hidden pending review: the 48-hour promise is kept by reminding
  // the moderators, by mail, 12 hours before a report is due (the dashboard counts them too).
  'moderation.report-reminders': {
    cron: '17 * * * *',
    handler: async () => {
      const reminded = await remindModeratorsOfDueReports()
      if (reminded > 0) logger.info({ reports: reminded }, 'moderators reminded of due reports')
    },
  },
}
