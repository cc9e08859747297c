import { eq } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { applications, schemes } from '@db/schema/scheme'
import { decryptField } from '~/privacy/field-crypto.server'
import { readAnswersForAssessment } from './answers'
import { decryptSurvivorIdentity } from './read-application.server'
import { listApplicationDocuments } from './for-assessment.server'
import { SchemeConfigSchema } from './scheme-config'

/** An address as the applicant's side stores it (encrypted JSON); older rows say `town`. */
export type StoredAddress = { street?: string; houseNumber?: string; postcode?: string; town?: string; city?: string; country?: string }

function parseAddress(plain: string | null): StoredAddress | null {
  if (!plain) return null
  try {
    const value = JSON.parse(plain) as unknown
    return value && typeof value === 'object' ? (value as StoredAddress) : null
  } catch {
    return null
  }
}

/**
 * Everything the case documents carry about an application, decrypted, for the confirming
 * assessor's transaction only: the hand-off builds the document the fund needs to pay (BSN,
 * IBAN, address). This is the one read that gives the assessor's side plain identifiers; it
 * is never shown on a page, and the built document is sealed (encrypted) in the outbox.
 * Null for an unknown application.
 */
export async function readApplicationForHandoff({ applicationId }: { applicationId: string }, tx: DbOrTx = db) {
  const [row] = await tx
    .select({ app: applications, schemeConfig: schemes.config, email: users.email })
    .from(applications)
    .innerJoin(schemes, eq(schemes.id, applications.schemeId))
    .leftJoin(users, eq(users.id, applications.applicantUserId))
    .where(eq(applications.id, applicationId))
  if (!row) return null
  const { app } = row
  const decrypt = (v: string | null) => (v ? decryptField(v) : null)
  const answers = readAnswersForAssessment(app.answers)
  return {
    app: { id: app.id, reference: app.reference, applicantName: app.applicantName, applicantUserId: app.applicantUserId, submittedAt: app.submittedAt, createdAt: app.createdAt },
    scheme: SchemeConfigSchema.parse(row.schemeConfig),
    answers,
    /** The account's e-mail, for when the answers carry none. */
    accountEmail: row.email,
    identity: {
      bsn: decrypt(app.bsnEncrypted),
      iban: decrypt(app.ibanEncrypted),
      dateOfBirth: decrypt(app.dateOfBirthEncrypted),
      phone: decrypt(app.phoneEncrypted),
      address: parseAddress(decrypt(app.addressEncrypted)),
      // A representative's survivor (encrypted apart); null for anyone else.
      survivor: answers.applicantKind === 'representative' ? decryptSurvivorIdentity(app) : null,
    },
    documents: await listApplicationDocuments({ applicationId }, tx),
  }
}
export type HandoffApplication = NonNullable<Awaited<ReturnType<typeof readApplicationForHandoff>>>
