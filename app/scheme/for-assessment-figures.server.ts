import { sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { applications } from '@db/schema/scheme'

/** One row of the queue's own figures: fast track or the rest. Counts and medians only, no case data. */
export type DecisionTimeFigures = {
  fastTrack: boolean
  /** Applications with a decision. */
  decided: number
  /** Median days (one decimal) from submission to decision; null without any decision. */
  medianDaysToDecision: number | null
  /** Submitted, not decided and not withdrawn. */
  waiting: number
  /** Median days (one decimal) those have waited so far; null when none wait. */
  medianDaysWaiting: number | null
}

const days = (value: unknown) => (value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10)

/**
 * How fast the fund decides, fast track against the rest (ADR 0032), for the assessors' queue
 * page: whether the fast track is faster is something to see, not to assume. Both groups are
 * always present.
 */
export async function decisionTimeFigures({ now = new Date() }: { now?: Date } = {}, tx: DbOrTx = db): Promise<DecisionTimeFigures[]> {
  const decided = sql`${applications.decidedAt} is not null`
  const waiting = sql`${applications.decidedAt} is null and ${applications.status} <> 'withdrawn'`
  const rows = await tx
    .select({
      fastTrack: applications.fastTrack,
      decided: sql<number>`(count(*) filter (where ${decided}))::int`,
      medianDaysToDecision: sql<string | null>`percentile_cont(0.5) within group (order by extract(epoch from ${applications.decidedAt} - ${applications.submittedAt}) / 86400) filter (where ${decided})`,
      waiting: sql<number>`(count(*) filter (where ${waiting}))::int`,
      medianDaysWaiting: sql<string | null>`percentile_cont(0.5) within group (order by extract(epoch from ${now.toISOString()}::timestamptz - ${applications.submittedAt}) / 86400) filter (where ${waiting})`,
    })
    .from(applications)
    .where(sql`${applications.submittedAt} is not null and ${applications.status} <> 'draft'`)
    .groupBy(applications.fastTrack)
  return [true, false].map((fastTrack) => {
    const r = rows.find((row) => row.fastTrack === fastTrack)
    return {
      fastTrack,
      decided: r?.decided ?? 0,
      medianDaysToDecision: days(r?.medianDaysToDecision),
      waiting: r?.waiting ?? 0,
      medianDaysWaiting: days(r?.medianDaysWaiting),
    }
  })
}
