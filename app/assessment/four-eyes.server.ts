import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { db, type Tx } from '@db/client.server'
import { assessments, ASSESSMENT_OUTCOMES } from '@db/schema/assessment'
import { enqueue } from '~/jobs/publisher.server'
import { getApplicationRegistration } from '~/scheme/for-assessment-registration.server'
import { recordAssessmentStatus } from '~/scheme/record-assessment-status.server'
import { logger } from '~/utils/logger.server'
import { buildFrozenCases } from './case-document/build-case-v2.server'
import { AssessmentError, logChange, requireCase, type Ip, type Staff } from './case-access.server'
import { addToHandoffOutbox, nextCaseVersion } from './handoff-outbox.server'

/** A proposal and its four-eyes confirmation or return by a second assessor. */

export const ProposalSchema = z
  .object({
    outcome: z.enum(ASSESSMENT_OUTCOMES, { errorMap: () => ({ message: 'assessment:errors.outcomeRequired' }) }),
    reasonCode: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined),
    motivation: z.string({ required_error: 'assessment:errors.motivationRequired' }).trim().min(1, 'assessment:errors.motivationRequired').max(20_000),
  })
  .refine((p) => p.outcome === 'grant' || Boolean(p.reasonCode), { path: ['reasonCode'], message: 'assessment:errors.reasonRequired' })
export type Proposal = z.infer<typeof ProposalSchema>

export async function proposeAssessment({ actor, applicationId, proposal, ip }: { actor: Staff; applicationId: string; proposal: Proposal; ip: Ip }) {
  await db.transaction(async (tx) => {
    const { app, scheme } = await requireCase(tx, { actor, applicationId, ip, lock: true })
    if (!['submitted', 'inAssessment'].includes(app.status)) throw new AssessmentError(app.status === 'proposed' ? 'proposalOpen' : 'wrongStatus')
    // Four eyes for a paper or phone application (ADR 0031): whoever entered it does not propose its decision.
    const registration = await getApplicationRegistration({ applicationId: app.id }, tx)
    if (registration?.registeredBy === actor.id) throw new AssessmentError('ownRegistration')
    const reasonCode = proposal.outcome === 'grant' ? null : (proposal.reasonCode ?? null)
    if (reasonCode && !scheme.rejectionReasons.some((r) => r.code === reasonCode)) throw new AssessmentError('invalidReason')
    await tx.insert(assessments).values({ applicationId: app.id, outcome: proposal.outcome, reasonCode, motivation: proposal.motivation, proposedBy: actor.id })
    // Internal step: the applicant keeps seeing "being assessed" until it is confirmed.
    await recordAssessmentStatus({ applicationId: app.id, status: 'proposed', visibleToApplicant: false }, tx)
    await logChange(tx, { actor, action: 'application.propose', app, ip })
  })
}

async function openProposal(tx: Tx, applicationId: string) {
  const [open] = await tx
    .select()
    .from(assessments)
    .where(and(eq(assessments.applicationId, applicationId), eq(assessments.status, 'proposed')))
    .for('update')
  if (!open) throw new AssessmentError('noOpenProposal')
  return open
}

/**
 * Four eyes: a second assessor confirms. In one transaction: the confirmation, the status
 * "confirmed" and the outbox row with the structured case document, so a confirmed case
 * can never miss its hand-off, and a failed hand-off build leaves nothing confirmed.
 * The route checks step-up before calling this.
 */
export async function confirmAssessment({ actor, applicationId, ip }: { actor: Staff; applicationId: string; ip: Ip }) {
  const outboxId = await db.transaction(async (tx) => {
    const { app } = await requireCase(tx, { actor, applicationId, ip, lock: true })
    const open = await openProposal(tx, app.id)
    if (open.proposedBy === actor.id) throw new AssessmentError('ownProposal')
    const [confirmed] = await tx
      .update(assessments)
      .set({ status: 'confirmed', confirmedBy: actor.id, confirmedAt: new Date() })
      .where(eq(assessments.id, open.id))
      .returning()
    const caseVersion = await nextCaseVersion(tx, app.id)
    let frozen
    try {
      // Both case versions; the endpoint's configured one is sent at delivery.
      frozen = await buildFrozenCases({ applicationId: app.id, assessment: confirmed!, caseVersion, tx })
    } catch (error) {
      logger.warn({ err: error, applicationId: app.id }, 'case document incomplete')
      throw new AssessmentError('caseIncomplete')
    }
    await recordAssessmentStatus({ applicationId: app.id, status: 'confirmed', visibleToApplicant: false }, tx)
    const id = await addToHandoffOutbox(tx, { applicationId: app.id, caseVersion, frozen })
    await logChange(tx, { actor, action: 'application.confirm', app, ip })
    return id
  })
  try {
    await enqueue('assessment.handoff-deliver', { outboxId }, { singletonKey: `handoff:${outboxId}`, retryLimit: 0 })
  } catch (err) {
    // The outbox row is committed; the every-minute drain delivers it.
    logger.warn({ err }, 'hand-off enqueue deferred to the drain')
  }
  return { outboxId }
}

/** The second assessor sends a proposal back with a note; the case is open for a new proposal. */
export async function returnAssessment({ actor, applicationId, note, ip }: { actor: Staff; applicationId: string; note: string; ip: Ip }) {
  await db.transaction(async (tx) => {
    const { app } = await requireCase(tx, { actor, applicationId, ip, lock: true })
    const open = await openProposal(tx, app.id)
    if (open.proposedBy === actor.id) throw new AssessmentError('ownProposal')
    await tx.update(assessments).set({ status: 'returned', returnedBy: actor.id, returnedAt: new Date(), returnNote: note }).where(eq(assessments.id, open.id))
    await recordAssessmentStatus({ applicationId: app.id, status: 'inAssessment', visibleToApplicant: false }, tx)
    await logChange(tx, { actor, action: 'application.returnProposal', app, ip })
  })
}
