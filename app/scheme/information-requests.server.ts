import { and, eq, isNull } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { storedFiles } from '@db/schema/files'
import { applicationDocuments, applications, informationRequests } from '@db/schema/scheme'
import { recordApplicationEvent, setApplicationStatus } from './application-events.server'
import { amsterdamDate, dateAt } from './dates'
import type { StoredUpload } from './documents.server'
import { decisionDeadline } from './scheme-config'
import { getSchemeConfig } from './scheme-registry.server'

/** An assessor's question and the applicant's answer, with the decision clock that pauses in between. */

/** An assessor's question. The decision clock pauses while it is open, when the scheme says so. */
export async function createInformationRequest(
  { applicationId, question, askedBy }: { applicationId: string; question: string; askedBy: string | null },
  tx: DbOrTx = db,
) {
  const [app] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for('update')
  if (!app || app.status === 'draft') throw new Error('no such submitted application')
  const scheme = await getSchemeConfig(app.schemeId, tx)
  const now = new Date()
  const [request] = await tx.insert(informationRequests).values({ applicationId, question, askedBy, askedAt: now }).returning()
  await tx
    .update(applications)
    .set({ pausedSince: scheme.clockPausesWhileInformationRequested ? (app.pausedSince ?? now) : app.pausedSince, updatedAt: now })
    .where(eq(applications.id, applicationId))
  const { mailId } = await setApplicationStatus({ applicationId, status: 'informationRequested', at: now }, tx)
  return { request: request!, mailId }
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The applicant's answer (scoped to their own application). Resumes the clock when no other
 * question is open: the paused days are added to the decision date.
 */
export async function answerInformationRequest(
  { applicantUserId, requestId, answer, upload }: { applicantUserId: string; requestId: string; answer: string; upload?: StoredUpload | null },
  tx?: DbOrTx,
): Promise<{ ok: boolean }> {
  const run = async (t: DbOrTx) => {
    if (!/^[0-9a-f-]{36}$/i.test(requestId)) return { ok: false }
    const [row] = await t
      .select({ request: informationRequests, app: applications })
      .from(informationRequests)
      .innerJoin(applications, eq(applications.id, informationRequests.applicationId))
      .where(and(eq(informationRequests.id, requestId), eq(applications.applicantUserId, applicantUserId)))
    if (!row || row.request.answeredAt || row.app.status === 'withdrawn') return { ok: false }
    const now = new Date()
    await t.update(informationRequests).set({ answer, answeredAt: now }).where(eq(informationRequests.id, requestId))
    if (upload) {
      const [file] = await t
        .insert(storedFiles)
        .values({ key: upload.key, byteSize: upload.size, contentType: upload.contentType, sha256: upload.sha256, purpose: 'scheme.evidence' })
        .returning({ id: storedFiles.id })
      await t.insert(applicationDocuments).values({ applicationId: row.app.id, fileId: file!.id, type: 'answer', fileName: upload.fileName, informationRequestId: requestId })
    }
    const [open] = await t
      .select({ id: informationRequests.id })
      .from(informationRequests)
      .where(and(eq(informationRequests.applicationId, row.app.id), isNull(informationRequests.answeredAt)))
      .limit(1)
    const [app] = await t.select().from(applications).where(eq(applications.id, row.app.id)).for('update')
    if (!open && app) {
      const scheme = await getSchemeConfig(app.schemeId, t)
      // Whole calendar days (Dutch time) the question was open: asked and answered on one day pauses nothing.
      const paused = app.pausedSince ? Math.round((Date.parse(amsterdamDate(now)) - Date.parse(amsterdamDate(app.pausedSince))) / DAY_MS) : 0
      const pausedDays = app.pausedDays + paused
      const decisionDue = app.submittedAt ? decisionDeadline({ scheme, receivedAt: app.submittedAt, pausedDays }) : null
      await t
        .update(applications)
        .set({ pausedDays, pausedSince: null, decisionDueAt: decisionDue ? dateAt(decisionDue) : app.decisionDueAt, status: 'inAssessment', updatedAt: now })
        .where(eq(applications.id, app.id))
      await recordApplicationEvent({ applicationId: app.id, status: 'inAssessment', note: 'informationReceived', at: now }, t)
    }
    return { ok: true }
  }
  return tx ? run(tx) : db.transaction(run)
}
