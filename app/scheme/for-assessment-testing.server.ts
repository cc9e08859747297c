import { randomBytes, randomInt } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { db } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { applications, schemes, type ApplicationStatus } from '@db/schema/scheme'
import { encryptField, lookupHash } from '~/privacy/field-crypto.server'
import { JEUGDZORG_DEMO_2026 } from '~/scheme/schemes'

/** Test-only: a submitted application with encrypted identifiers, as the applicant's side would store it. */
export async function createTestApplication({
  applicantUserId,
  status = 'submitted',
  bsn = '111222333',
  iban = 'NL91ABNA0417164300',
  answers,
  submittedAt = new Date(),
}: {
  applicantUserId?: string | null
  status?: ApplicationStatus
  bsn?: string
  iban?: string
  answers?: Record<string, unknown>
  submittedAt?: Date
} = {}) {
  // One application per person per scheme: without an applicant given, make a new one.
  if (applicantUserId === undefined) {
    const [user] = await db
      .insert(users)
      .values({ email: `applicant-${randomBytes(6).toString('hex')}@test.local`, displayName: 'Aanvrager', kind: 'survivor', emailVerifiedAt: new Date() })
      .returning({ id: users.id })
    applicantUserId = user!.id
  }
  const scheme = JEUGDZORG_DEMO_2026
  await db.insert(schemes).values({ code: scheme.code, version: scheme.version, config: scheme }).onConflictDoNothing()
  const [schemeRow] = await db
    .select({ id: schemes.id })
    .from(schemes)
    .where(and(eq(schemes.code, scheme.code), eq(schemes.version, scheme.version)))
  const reference = `JZ-2026-${String(randomInt(0, 999_999)).padStart(6, '0')}`
  const [app] = await db
    .insert(applications)
    .values({
      schemeId: schemeRow!.id,
      applicantUserId,
      reference,
      status,
      applicantName: 'Voorbeeld Persoon',
      bsnEncrypted: encryptField(bsn),
      bsnHash: lookupHash({ kind: 'bsn', value: bsn }),
      ibanEncrypted: encryptField(iban),
      dateOfBirthEncrypted: encryptField('1962-05-17'),
      addressEncrypted: encryptField(JSON.stringify({ street: 'Voorbeeldstraat', houseNumber: '12a', postcode: '3511 AB', town: 'Utrecht' })),
      answers: answers ?? {
        applicant: { kind: 'self' },
        personal: { fullName: 'Voorbeeld Persoon', email: 'voorbeeld@example.org', accountHolder: 'V. Persoon', bsnMasked: '*****2333', ibanMasked: 'NL91 **** 4300', hasPhone: false },
        placements: [{ from: '1971-09', to: '1976-06', kind: 'residentialYouthCare', place: 'Voorbeeldhuis', municipality: 'Zeist', inNetherlands: 'yes' }],
        placementsDone: true,
        harm: { mode: 'write', kinds: ['physical', 'psychological'], ownWords: 'Een korte, verzonnen beschrijving voor tests.' },
        evidence: { searchRecords: true, done: true },
        conversation: { wish: 'no' },
      },
      submittedAt,
    })
    .returning()
  return app!
}
