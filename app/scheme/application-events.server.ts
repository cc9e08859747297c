import { eq, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { applicationEvents, applications, type ApplicationStatus } from '@db/schema/scheme'
import { notifyApplicant } from './notify-applicant.server'

/** An application's timeline and status changes (the assessors' side and the fund's reports build on these). */

/** Adds a line to an application's timeline (without changing its status). */
export async function recordApplicationEvent(
  { applicationId, status, note = null, visibleToApplicant = true, at = new Date() }: { applicationId: string; status: ApplicationStatus; note?: string | null; visibleToApplicant?: boolean; at?: Date },
  tx: DbOrTx = db,
) {
  const [row] = await tx.insert(applicationEvents).values({ applicationId, status, note, visibleToApplicant, at }).returning()
  return row!
}

/**
 * Changes the status, records the event and sets the matching date (decided, paid, received
 * with the fund's reference). Visible changes queue a mail; returns its id to dispatch after commit.
 */
export async function setApplicationStatus(
  {
    applicationId,
    status,
    note = null,
    visibleToApplicant = true,
    schadefondsReference,
    at = new Date(),
  }: { applicationId: string; status: ApplicationStatus; note?: string | null; visibleToApplicant?: boolean; schadefondsReference?: string; at?: Date },
  tx: DbOrTx = db,
): Promise<{ mailId: string | null }> {
  const set: Partial<typeof applications.$inferInsert> = { status, updatedAt: new Date() }
  if (status === 'decided') set.decidedAt = at
  if (status === 'paid') set.paidAt = at
  if (status === 'inAssessment') set.acknowledgedAt = sql`coalesce(${applications.acknowledgedAt}, now())` as unknown as Date
  if (schadefondsReference) set.schadefondsReference = schadefondsReference
  await tx.update(applications).set(set).where(eq(applications.id, applicationId))
  await recordApplicationEvent({ applicationId, status, note, visibleToApplicant, at }, tx)
  return { mailId: visibleToApplicant ? await notifyApplicant({ applicationId }, tx) : null }
}
