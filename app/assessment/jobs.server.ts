import type { Job } from '~/jobs/types'
import { drainHandoffOutbox } from './handoff-delivery.server'

/** Background jobs of the assessment capability (merged into app/jobs/queue.server.ts). */
export const ASSESSMENT_JOBS: Record<string, Job> = {
  // Right after a confirmation: deliver that one case now. Retries are the outbox's own
  // (backoff in the row), not pg-boss's, so a crash between attempts loses nothing.
  'assessment.handoff-deliver': {
    retryLimit: 0,
    handler: async (data) => {
      await drainHandoffOutbox({ ids: [String(data.outboxId)] })
    },
  },
  // Safety net and retry clock: every minute, whatever is due.
  'assessment.handoff-drain': {
    cron: '* * * * *',
    retryLimit: 0,
    handler: async () => {
      await drainHandoffOutbox()
    },
  },
}
