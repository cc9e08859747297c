import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { DbOrTx, Tx } from '@db/client.server'
import { conflictsOfInterest } from '@db/schema/assessment'
import { recordAccess, type AuditActor } from '~/audit/audit.server'
import { findApplicationForAssessor, type ApplicationStatus } from '~/scheme/for-assessment.server'
import { decisionDeadline, type SchemeConfig } from '~/scheme/scheme-config'

/**
 * What every assessor's use case shares: the refusal codes, opening a case (never a draft,
 * never one the assessor declared a conflict for), the decision clock, and the access log.
 * Every use case takes the acting assessor and logs what it showed or changed.
 */

export type Staff = AuditActor
export type Ip = string | null

export const PURPOSE = 'schemeAssessment'

export type AssessmentErrorCode = 'notFound' | 'conflict' | 'ownProposal' | 'ownRegistration' | 'noOpenProposal' | 'proposalOpen' | 'invalidReason' | 'caseIncomplete' | 'wrongStatus'

export class AssessmentError extends Error {
  constructor(readonly code: AssessmentErrorCode) {
    super(code)
    this.name = 'AssessmentError'
  }
}

/** Statuses in which an assessor can still act on a case. */
export const WORKABLE_STATUSES: ApplicationStatus[] = ['submitted', 'inAssessment', 'informationRequested', 'proposed']

export const DAY_MS = 24 * 60 * 60 * 1000

function pausedDaysNow(app: { pausedDays: number; pausedSince: Date | null }, now: Date) {
  return app.pausedDays + (app.pausedSince ? Math.floor((now.getTime() - app.pausedSince.getTime()) / DAY_MS) : 0)
}

/** The decision date as it stands now: a clock paused for a question counts its days so far. */
export function deadlineOf(scheme: SchemeConfig, app: { submittedAt: Date | null; pausedDays: number; pausedSince: Date | null }, now: Date) {
  if (!app.submittedAt) return null
  return decisionDeadline({ scheme, receivedAt: app.submittedAt, pausedDays: pausedDaysNow(app, now) })
}

/** The applications this assessor declared a conflict of interest for: they never see them. */
export async function conflictedApplicationIds(tx: DbOrTx, assessorId: string) {
  const rows = await tx.select({ id: conflictsOfInterest.applicationId }).from(conflictsOfInterest).where(eq(conflictsOfInterest.assessorId, assessorId))
  return rows.map((r) => r.id)
}

async function hasConflict(tx: DbOrTx, applicationId: string, assessorId: string) {
  const [row] = await tx
    .select({ id: conflictsOfInterest.id })
    .from(conflictsOfInterest)
    .where(and(eq(conflictsOfInterest.applicationId, applicationId), eq(conflictsOfInterest.assessorId, assessorId)))
  return Boolean(row)
}

const Uuid = z.string().uuid()

/**
 * Loads an application for an assessor, refusing a draft (notFound) and a case the assessor
 * declared a conflict for (conflict, logged as denied). Locks the row inside a transaction.
 */
export async function requireCase(tx: DbOrTx, { actor, applicationId, ip, lock = false }: { actor: Staff; applicationId: string; ip: Ip; lock?: boolean }) {
  if (!Uuid.safeParse(applicationId).success) throw new AssessmentError('notFound')
  const found = await findApplicationForAssessor({ applicationId, lock }, tx)
  if (!found) throw new AssessmentError('notFound')
  if (await hasConflict(tx, applicationId, actor.id)) {
    // Outside the caller's transaction: the refusal is kept even when that rolls back.
    await recordAccess({ actor, action: 'application.view', objectType: 'application', objectId: applicationId, subjectId: found.app.applicantUserId, purpose: PURPOSE, outcome: 'denied', ip })
    throw new AssessmentError('conflict')
  }
  return found
}

/** The access log line of a change to a case, in the changing transaction. */
export async function logChange(tx: Tx, { actor, action, app, ip }: { actor: Staff; action: string; app: { id: string; applicantUserId: string | null }; ip: Ip }) {
  await recordAccess({ actor, action, objectType: 'application', objectId: app.id, subjectId: app.applicantUserId, purpose: PURPOSE, outcome: 'success', ip }, tx)
}
