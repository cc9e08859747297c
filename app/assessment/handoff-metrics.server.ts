import { count } from 'drizzle-orm'
import { db } from '@db/client.server'
import { HANDOFF_STATUSES, handoffOutbox } from '@db/schema/assessment'

/**
 * The hand-off outbox in numbers, for monitoring (server/metrics.ts): how many rows wait,
 * were delivered, or gave up (dead letters an admin must look at). Counts only: no case data.
 */
export async function countHandoffOutbox(): Promise<Record<(typeof HANDOFF_STATUSES)[number], number>> {
  const rows = await db.select({ status: handoffOutbox.status, n: count() }).from(handoffOutbox).groupBy(handoffOutbox.status)
  const counts = Object.fromEntries(HANDOFF_STATUSES.map((s) => [s, 0])) as Record<(typeof HANDOFF_STATUSES)[number], number>
  for (const r of rows) counts[r.status] = r.n
  return counts
}
