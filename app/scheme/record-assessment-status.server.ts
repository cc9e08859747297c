import { eq, inArray, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { applicationEvents, applications } from '@db/schema/scheme'

/**
 * The assessors' steps on the application record: the status and its line on the timeline,
 * written together in the caller's transaction (the assessor's own rows go in the same one).
 * No mail: the applicant hears of an assessment only through its visible timeline lines and,
 * later, the fund's reports (app/scheme/fund-status.server.ts).
 */

/** The statuses an assessor's work moves an application to. */
type AssessmentStep = 'inAssessment' | 'proposed' | 'confirmed'

/**
 * Moves an application to an assessor's step. `visibleToApplicant: false` keeps an internal
 * step (a proposal, a returned proposal) off the applicant's timeline.
 */
export async function recordAssessmentStatus(
  { applicationId, status, visibleToApplicant }: { applicationId: string; status: AssessmentStep; visibleToApplicant: boolean },
  tx: DbOrTx = db,
) {
  await tx.update(applications).set({ status }).where(eq(applications.id, applicationId))
  await tx.insert(applicationEvents).values({ applicationId, status, visibleToApplicant })
}

/**
 * The fund took these confirmed cases: each moves to "handed off" with its timeline line, in
 * one statement. Only forward: an application the fund already reported on (received,
 * decided…) keeps its status. Returns the ids that moved.
 */
export async function recordHandedOff({ applicationIds }: { applicationIds: string[] }, tx: DbOrTx = db) {
  if (!applicationIds.length) return []
  const moved = await tx.execute<{ id: string }>(sql`
    with moved as (
      update ${applications} set status = 'handedOff'
      where ${inArray(applications.id, applicationIds)} and status = 'confirmed'
      returning id
    )
    insert into ${applicationEvents} (application_id, status, visible_to_applicant) select id, 'handedOff', true from moved
    returning application_id as id`)
  return [...moved].map((r) => r.id)
}
