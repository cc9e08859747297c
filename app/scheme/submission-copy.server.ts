import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { and, eq } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { storedFiles } from '@db/schema/files'
import { applications, type Application } from '@db/schema/scheme'
import type { Lng } from '~/i18n/config'
import { storage } from '~/utils/storage.server'
import type { Answers } from './answers'
import { toSchemeDate, type IsoDate } from './dates'
import { answersOf, decryptOwnDetails, decryptSurvivorIdentity, listDocuments } from './read-application.server'
import { decisionDeadline, type SchemeConfig } from './scheme-config'
import { getSchemeConfig } from './scheme-registry.server'
import { renderSubmissionPdf } from './submission-pdf.server'

/** The PDF copy of a submitted application: made at submission (or later for one that came in another way), and the applicant's download. */

/** Renders the PDF copy, stores it and registers it in stored_files (in the caller's transaction). Returns the file id. */
export async function storeSubmissionPdf(
  args: {
    applicationId: string
    scheme: SchemeConfig
    reference: string
    submittedOn: IsoDate
    decisionDue: IsoDate
    locale: Lng
    answers: Answers
    documents: Array<{ type: string; fileName: string }>
    /** For the encrypted answers (birth date, address, phone; a representative's survivor), decrypted for this copy only. */
    app: Application
  },
  tx: DbOrTx,
): Promise<string> {
  const own = decryptOwnDetails(args.app)
  const pdf = await renderSubmissionPdf({
    scheme: args.scheme,
    reference: args.reference,
    submittedOn: args.submittedOn,
    decisionDue: args.decisionDue,
    locale: args.locale,
    answers: args.answers,
    documents: args.documents.map((d) => ({ type: d.type, fileName: d.fileName })),
    own: { dateOfBirth: own.dateOfBirth, address: own.address, phone: own.phone },
    survivor: args.answers.applicant?.kind === 'representative' ? decryptSurvivorIdentity(args.app) : null,
  })
  const key = `scheme/applications/${args.applicationId}/submission-${args.reference}-${randomBytes(4).toString('hex')}.pdf`
  const stored = await storage.put({ key, body: Readable.from([pdf]), contentType: 'application/pdf' })
  const [file] = await tx
    .insert(storedFiles)
    .values({ key, byteSize: stored.size, contentType: 'application/pdf', sha256: stored.sha256, purpose: 'scheme.submission' })
    .returning({ id: storedFiles.id })
  return file!.id
}

/**
 * The PDF copy for a submitted application that has none (one that came in another way, such as
 * on paper or from an import). Returns the file id.
 */
export async function ensureSubmissionPdf({ applicationId, locale = 'nl' }: { applicationId: string; locale?: Lng }): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [app] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for('update')
    if (!app || app.status === 'draft') return null
    if (app.submissionFileId) return app.submissionFileId
    const scheme = await getSchemeConfig(app.schemeId, tx)
    const submittedOn = toSchemeDate(app.submittedAt ?? app.createdAt)
    const fileId = await storeSubmissionPdf(
      {
        applicationId,
        scheme,
        reference: app.reference ?? applicationId.slice(0, 8),
        submittedOn,
        decisionDue: app.decisionDueAt ? toSchemeDate(app.decisionDueAt) : decisionDeadline({ scheme, receivedAt: submittedOn }),
        locale,
        answers: answersOf(app),
        documents: await listDocuments({ applicationId }, tx),
        app,
      },
      tx,
    )
    await tx.update(applications).set({ submissionFileId: fileId }).where(eq(applications.id, applicationId))
    return fileId
  })
}

/** The submitted PDF of the applicant's own application, or null (also for someone else's: the caller answers 404). */
export async function getSubmissionPdf({ userId, applicationId }: { userId: string; applicationId: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(applicationId)) return null
  const [row] = await db
    .select({ key: storedFiles.key, reference: applications.reference })
    .from(applications)
    .innerJoin(storedFiles, eq(storedFiles.id, applications.submissionFileId))
    .where(and(eq(applications.id, applicationId), eq(applications.applicantUserId, userId)))
  if (!row) return null
  const object = await storage.stream({ key: row.key })
  return object ? { ...object, fileName: `${row.reference ?? 'aanvraag'}.pdf` } : null
}
