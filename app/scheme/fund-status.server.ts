import { and, eq } from 'drizzle-orm'
import type { Tx } from '@db/client.server'
import { applications, type Application, type ApplicationStatus } from '@db/schema/scheme'
import { recordApplicationEvent } from './application-events.server'
import { notifyApplicant } from './notify-applicant.server'
import { isBackwards, type FundEventKind, type FundState } from './status-machine'

/**
 * The application a fund report is about, locked for the rest of the caller's transaction so
 * reports about one case are folded one at a time. Both the id and the reference must match
 * (the fund echoes both); null otherwise.
 */
export async function lockApplicationForFundReport({ caseId, reference }: { caseId: string; reference: string }, tx: Tx) {
  const [app] = await tx
    .select({
      id: applications.id,
      status: applications.status,
      decidedAt: applications.decidedAt,
      paidAt: applications.paidAt,
      schadefondsReference: applications.schadefondsReference,
    })
    .from(applications)
    .where(and(eq(applications.id, caseId), eq(applications.reference, reference)))
    .for('update')
  return app ?? null
}

/**
 * Writes what the fund's reports add up to (the fold of app/scheme/status-machine.ts) onto
 * the application, and puts the report that just came in on the timeline at the time it
 * happened. A late report (one the scheme's order does not let through) is kept for the
 * assessors but hidden from the applicant, whose page would otherwise show "received" after
 * "paid", and it sends no mail. Runs in the caller's transaction, with the application
 * row locked.
 */
export async function recordFundReport(
  {
    app,
    state,
    report,
  }: {
    app: Pick<Application, 'id' | 'status' | 'decidedAt' | 'paidAt' | 'schadefondsReference'>
    state: FundState
    report: { kind: FundEventKind; at: Date; late: boolean; reference: string }
  },
  tx: Tx,
): Promise<{ mailId: string | null }> {
  // The fold starts from "handed off"; a status set before the fold kept a history (older
  // data) is never undone by it either.
  const status = (isBackwards(app.status, state.status) ? app.status : state.status) as ApplicationStatus
  await tx
    .update(applications)
    .set({
      status,
      decidedAt: state.decision?.at ?? app.decidedAt,
      paidAt: state.paid?.at ?? app.paidAt,
      schadefondsReference: report.kind === 'received' ? (app.schadefondsReference ?? report.reference) : app.schadefondsReference,
      updatedAt: new Date(),
    })
    .where(eq(applications.id, app.id))
  await recordApplicationEvent({ applicationId: app.id, status: report.kind, at: report.at, visibleToApplicant: !report.late, note: report.late ? 'lateReport' : null }, tx)
  return { mailId: report.late ? null : await notifyApplicant({ applicationId: app.id }, tx) }
}
