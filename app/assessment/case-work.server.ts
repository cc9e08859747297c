import { db, type Tx } from '@db/client.server'
import { assessmentChecklists, assessmentNotes, conflictsOfInterest } from '@db/schema/assessment'
import { dispatchMail } from '~/mail/mail.server'
import { createInformationRequest } from '~/scheme/information-requests.server'
import type { ApplicationStatus } from '~/scheme/for-assessment.server'
import { recordAssessmentStatus } from '~/scheme/record-assessment-status.server'
import { logger } from '~/utils/logger.server'
import { CHECKLIST_ITEMS } from './checklist'
import { AssessmentError, logChange, requireCase, type Ip, type Staff } from './case-access.server'

/** Working a case before a proposal: the checklist, notes, questions to the applicant, and stepping aside. */

/** Opening work on a submitted case moves it to "being assessed" (the applicant sees that). */
async function startAssessment(tx: Tx, app: { id: string; status: ApplicationStatus }) {
  if (app.status !== 'submitted') return
  await recordAssessmentStatus({ applicationId: app.id, status: 'inAssessment', visibleToApplicant: true }, tx)
}

export async function saveChecklist({ actor, applicationId, items, ip }: { actor: Staff; applicationId: string; items: string[]; ip: Ip }) {
  await db.transaction(async (tx) => {
    const { app } = await requireCase(tx, { actor, applicationId, ip, lock: true })
    const state = Object.fromEntries(CHECKLIST_ITEMS.map((i) => [i, items.includes(i)]))
    await tx
      .insert(assessmentChecklists)
      .values({ applicationId: app.id, items: state, updatedBy: actor.id })
      .onConflictDoUpdate({ target: assessmentChecklists.applicationId, set: { items: state, updatedBy: actor.id, updatedAt: new Date() } })
    await startAssessment(tx, app)
    await logChange(tx, { actor, action: 'application.checklist', app, ip })
  })
}

export async function addAssessmentNote({ actor, applicationId, body, ip }: { actor: Staff; applicationId: string; body: string; ip: Ip }) {
  await db.transaction(async (tx) => {
    const { app } = await requireCase(tx, { actor, applicationId, ip, lock: true })
    await tx.insert(assessmentNotes).values({ applicationId: app.id, authorId: actor.id, body })
    await logChange(tx, { actor, action: 'application.note', app, ip })
  })
}

async function dispatchAfterCommit(mailId: string | null) {
  if (!mailId) return
  try {
    await dispatchMail(mailId)
  } catch (err) {
    // The outbox row is committed; the mail.requeue cron sends it later.
    logger.warn({ err }, 'mail dispatch deferred')
  }
}

/**
 * Asks the applicant a question (through the applicant module: status "more information
 * requested", the clock pauses when the scheme says so, the applicant gets a mail).
 */
export async function requestInformation({ actor, applicationId, question, ip }: { actor: Staff; applicationId: string; question: string; ip: Ip }) {
  const mailId = await db.transaction(async (tx) => {
    const { app } = await requireCase(tx, { actor, applicationId, ip, lock: true })
    if (!['submitted', 'inAssessment', 'informationRequested'].includes(app.status)) throw new AssessmentError('wrongStatus')
    const { mailId } = await createInformationRequest({ applicationId: app.id, question, askedBy: actor.id }, tx)
    await logChange(tx, { actor, action: 'application.requestInformation', app, ip })
    return mailId
  })
  await dispatchAfterCommit(mailId)
}

/** From now on the assessor cannot see or act on this case. */
export async function declareConflictOfInterest({ actor, applicationId, ip }: { actor: Staff; applicationId: string; ip: Ip }) {
  await db.transaction(async (tx) => {
    const { app } = await requireCase(tx, { actor, applicationId, ip, lock: true })
    await tx.insert(conflictsOfInterest).values({ applicationId: app.id, assessorId: actor.id }).onConflictDoNothing()
    await logChange(tx, { actor, action: 'application.declareConflict', app, ip })
  })
}
