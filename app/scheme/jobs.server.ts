import type { Job } from '~/jobs/types'

/** Background jobs of the scheme capability (merged into app/jobs/queue.server.ts). */
export const SCHEME_JOBS: Record<string, Job> = {}
