import type { Job } from '~/jobs/types'

/** Background jobs of the monument capability (merged into app/jobs/queue.server.ts). */
export const MONUMENT_JOBS: Record<string, Job> = {}
