import type { Job } from '~/jobs/types'

/** Background jobs of the assessment capability (merged into app/jobs/queue.server.ts). */
export const ASSESSMENT_JOBS: Record<string, Job> = {}
