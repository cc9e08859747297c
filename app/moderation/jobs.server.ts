import type { Job } from '~/jobs/types'

/** Background jobs of the moderation capability (merged into app/jobs/queue.server.ts). */
export const MODERATION_JOBS: Record<string, Job> = {}
