import type { Job } from '~/jobs/types'

/** Background jobs of the triage capability (merged into app/jobs/queue.server.ts). */
export const TRIAGE_JOBS: Record<string, Job> = {}
