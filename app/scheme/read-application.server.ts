import { asc, eq } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { storedFiles } from '@db/schema/files'
import { applicationDocuments, type Application } from '@db/schema/scheme'
import { decryptField } from '~/privacy/field-crypto.server'
import { readAnswers, type Answers } from './answers'

/**
 * Reading an application: its answers (through the one tolerant reader), its documents, and
 * the encrypted details decrypted. Callers scope the row (the applicant's own, or an assessor's
 * case after its checks); nothing here decides who may read.
 */

export type Address = { street: string; houseNumber: string; postcode: string; town: string }
export type SurvivorIdentity = { bsn: string; dateOfBirth: string; address: Address }

/** The application's answers as the scheme writes them (see app/scheme/answers.ts). */
export function answersOf(app: Pick<Application, 'answers'>): Answers {
  return readAnswers(app.answers)
}

/** The survivor's identity of a representative's application, decrypted (the applicant's own page, the case document). */
export function decryptSurvivorIdentity(app: Pick<Application, 'survivorIdentityEncrypted'>): SurvivorIdentity | null {
  return app.survivorIdentityEncrypted ? (JSON.parse(decryptField(app.survivorIdentityEncrypted)) as SurvivorIdentity) : null
}

/** The applicant's own decrypted details, to fill the personal-details page again (nothing is typed twice). */
export function decryptOwnDetails(app: Application) {
  const address = app.addressEncrypted ? (JSON.parse(decryptField(app.addressEncrypted)) as Address) : null
  return {
    bsn: app.bsnEncrypted ? decryptField(app.bsnEncrypted) : null,
    iban: app.ibanEncrypted ? decryptField(app.ibanEncrypted) : null,
    dateOfBirth: app.dateOfBirthEncrypted ? decryptField(app.dateOfBirthEncrypted) : null,
    phone: app.phoneEncrypted ? decryptField(app.phoneEncrypted) : null,
    address,
  }
}

export async function listDocuments({ applicationId }: { applicationId: string }, tx: DbOrTx = db) {
  return tx
    .select({
      id: applicationDocuments.id,
      type: applicationDocuments.type,
      fileName: applicationDocuments.fileName,
      informationRequestId: applicationDocuments.informationRequestId,
      createdAt: applicationDocuments.createdAt,
      key: storedFiles.key,
      byteSize: storedFiles.byteSize,
      contentType: storedFiles.contentType,
      sha256: storedFiles.sha256,
    })
    .from(applicationDocuments)
    .innerJoin(storedFiles, eq(storedFiles.id, applicationDocuments.fileId))
    .where(eq(applicationDocuments.applicationId, applicationId))
    .orderBy(asc(applicationDocuments.createdAt))
}
