import { and, eq, inArray } from 'drizzle-orm'
import { storedFiles } from '@db/schema/files'
import { applicationDocuments, applicationEvents, applications, informationRequests } from '@db/schema/scheme'
import { declareNotPersonal, registerPersonalData, type PersonalDataContext } from '~/privacy/data-registry.server'
import { decryptOwnDetails } from './read-application.server'
// Paper and phone applications' registrations (ADR 0031), registered beside these.
import './personal-data-intake.server'

/**
 * The scheme's personal data. Export: every application of the person with their own
 * details decrypted, the timeline, questions and answers, and the files. Erasure follows
 * the scheme's retention: a submitted application is part of a decision procedure under
 * the scheme's rules and is kept (it stays with the fund's file, no longer linked to the
 * account); a draft that was never sent is deleted with its documents.
 */

declareNotPersonal({ table: 'schemes', reason: 'the rules of each financial scheme version (reference data)' })

/**
 * A person's application files: their documents under the name they uploaded them with,
 * and the submitted PDF copies, each in a folder named after the application's reference.
 */
async function filesOfApplications({ userId, tx }: PersonalDataContext): Promise<Array<{ key: string; name: string; contentType: string; folder: string }>> {
  const apps = await tx
    .select({ id: applications.id, reference: applications.reference, pdf: applications.submissionFileId })
    .from(applications)
    .where(eq(applications.applicantUserId, userId))
  if (apps.length === 0) return []
  const folderOf = (app: { id: string; reference: string | null }) => app.reference ?? app.id.slice(0, 8)
  const docs = await tx
    .select({ applicationId: applicationDocuments.applicationId, name: applicationDocuments.fileName, key: storedFiles.key, contentType: storedFiles.contentType })
    .from(applicationDocuments)
    .innerJoin(storedFiles, eq(storedFiles.id, applicationDocuments.fileId))
    .where(inArray(applicationDocuments.applicationId, apps.map((a) => a.id)))
  const pdfIds = apps.map((a) => a.pdf).filter((p): p is string => Boolean(p))
  const pdfs = pdfIds.length ? await tx.select({ id: storedFiles.id, key: storedFiles.key, contentType: storedFiles.contentType }).from(storedFiles).where(inArray(storedFiles.id, pdfIds)) : []
  return [
    ...docs.map((d) => ({ key: d.key, name: d.name, contentType: d.contentType, folder: folderOf(apps.find((a) => a.id === d.applicationId)!) })),
    ...pdfs.map((f) => {
      const app = apps.find((a) => a.pdf === f.id)!
      return { key: f.key, name: `${folderOf(app)}.pdf`, contentType: f.contentType, folder: folderOf(app) }
    }),
  ]
}

/** Storage keys of a person's applications: their documents and the submitted PDF copies. */
async function fileKeysOfApplications(ctx: PersonalDataContext) {
  return (await filesOfApplications(ctx)).map((f) => f.key)
}

registerPersonalData({
  name: 'scheme',
  tables: ['applications', 'application_documents', 'information_requests', 'application_events'],
  exportFor: async ({ userId, tx }) => {
    const rows = await tx.select().from(applications).where(eq(applications.applicantUserId, userId))
    return Promise.all(
      rows.map(async (app) => ({
        reference: app.reference,
        status: app.status,
        answers: app.answers,
        applicantName: app.applicantName,
        ...decryptOwnDetails(app),
        submittedAt: app.submittedAt,
        decisionDueAt: app.decisionDueAt,
        decidedAt: app.decidedAt,
        fastTrackReasons: app.fastTrackReasons,
        paidAt: app.paidAt,
        events: await tx
          .select({ status: applicationEvents.status, at: applicationEvents.at })
          .from(applicationEvents)
          .where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.visibleToApplicant, true))),
        questions: await tx
          .select({ question: informationRequests.question, askedAt: informationRequests.askedAt, answer: informationRequests.answer, answeredAt: informationRequests.answeredAt })
          .from(informationRequests)
          .where(eq(informationRequests.applicationId, app.id)),
        documents: await tx
          .select({ type: applicationDocuments.type, fileName: applicationDocuments.fileName, key: storedFiles.key })
          .from(applicationDocuments)
          .innerJoin(storedFiles, eq(storedFiles.id, applicationDocuments.fileId))
          .where(eq(applicationDocuments.applicationId, app.id)),
      })),
    )
  },
  filesFor: async ({ userId, tx }) => filesOfApplications({ userId, tx }),
  eraseFor: async ({ userId, tx }) => {
    const drafts = await tx
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.applicantUserId, userId), eq(applications.status, 'draft')))
    if (drafts.length) {
      const ids = drafts.map((d) => d.id)
      const files = await tx.select({ fileId: applicationDocuments.fileId }).from(applicationDocuments).where(inArray(applicationDocuments.applicationId, ids))
      await tx.delete(applications).where(inArray(applications.id, ids))
      if (files.length) await tx.delete(storedFiles).where(inArray(storedFiles.id, files.map((f) => f.fileId)))
    }
    // Submitted applications stay with their documents and PDF (the account link goes when
    // the account row does: on delete set null).
    const keepFiles = await fileKeysOfApplications({ userId, tx })
    const [kept] = await tx.select({ id: applications.id }).from(applications).where(eq(applications.applicantUserId, userId)).limit(1)
    return kept ? { kept: 'scheme:privacyKept.applications', keepFiles } : {}
  },
})
