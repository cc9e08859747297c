/** A queue's handler and, for recurring work, its schedule (cron, Europe/Amsterdam). */
export type Job = { cron?: string; retryLimit?: number; handler: (data: Record<string, unknown>) => Promise<void> }
