import { and, eq, isNull } from 'drizzle-orm'
import { storedFiles } from '@db/schema/files'
import { applicationDocuments } from '@db/schema/scheme'
import { storage } from '~/utils/storage.server'
import type { EvidenceType } from './application-form'
import type { StoredUpload } from './documents.server'
import { updateDraft } from './draft-store.server'
import { answersOf } from './read-application.server'

/** The documents of the applicant's draft: evidence, an authorisation, and "that is all". */

/** Registers an uploaded document (already in storage) with the draft, in one transaction with its stored_files row. */
export async function addDocument({ userId, schemeId, type, upload }: { userId: string; schemeId: string; type: EvidenceType; upload: StoredUpload }) {
  return updateDraft({ userId, schemeId }, async (draft, tx) => {
    const [file] = await tx
      .insert(storedFiles)
      .values({ key: upload.key, byteSize: upload.size, contentType: upload.contentType, sha256: upload.sha256, purpose: 'scheme.evidence' })
      .returning({ id: storedFiles.id })
    await tx.insert(applicationDocuments).values({ applicationId: draft.id, fileId: file!.id, type, fileName: upload.fileName })
    const answers = answersOf(draft)
    return { answers: { ...answers, evidence: { searchRecords: answers.evidence?.searchRecords ?? false, done: answers.evidence?.done ?? false } } }
  })
}

/**
 * The authorisation (machtiging, or proof of being next of kin) added on the 'who is applying'
 * page. Kept as a document of type 'authorisation' so the assessors' checklist and the case
 * document find it where they find one added with the evidence; it does not start the evidence part.
 */
export async function addAuthorisationDocument({ userId, schemeId, upload }: { userId: string; schemeId: string; upload: StoredUpload }) {
  let documentId = ''
  await updateDraft({ userId, schemeId }, async (draft, tx) => {
    const [file] = await tx
      .insert(storedFiles)
      .values({ key: upload.key, byteSize: upload.size, contentType: upload.contentType, sha256: upload.sha256, purpose: 'scheme.evidence' })
      .returning({ id: storedFiles.id })
    const [doc] = await tx
      .insert(applicationDocuments)
      .values({ applicationId: draft.id, fileId: file!.id, type: 'authorisation', fileName: upload.fileName })
      .returning({ id: applicationDocuments.id })
    documentId = doc!.id
  })
  return { documentId }
}

export async function removeDocument({ userId, schemeId, documentId }: { userId: string; schemeId: string; documentId: string }) {
  let key: string | null = null
  await updateDraft({ userId, schemeId }, async (draft, tx) => {
    const [doc] = await tx
      .delete(applicationDocuments)
      .where(and(eq(applicationDocuments.id, documentId), eq(applicationDocuments.applicationId, draft.id), isNull(applicationDocuments.informationRequestId)))
      .returning({ fileId: applicationDocuments.fileId })
    if (doc) {
      const [file] = await tx.delete(storedFiles).where(eq(storedFiles.id, doc.fileId)).returning({ key: storedFiles.key })
      key = file?.key ?? null
    }
  })
  if (key) await storage.remove(key).catch(() => {})
}

export async function finishEvidence({ userId, schemeId, searchRecords }: { userId: string; schemeId: string; searchRecords: boolean }) {
  return updateDraft({ userId, schemeId }, async (draft) => ({ answers: { ...answersOf(draft), evidence: { searchRecords, done: true } } }))
}
