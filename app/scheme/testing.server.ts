import { PersonalPartSchema, personalPartSchemaFor, SurvivorPartSchema } from './application-form'
import { addAuthorisationDocument, addDocument, finishEvidence } from './draft-documents.server'
import { getCurrentApplication } from './draft-store.server'
import { addPlacement, finishPlacements, saveApplicantPart, saveConversationPart, saveDeclarationsPart, savePersonalPart, saveSurvivorPart } from './save-answers.server'
import { getOpenScheme } from './scheme-registry.server'
import { saveHarmPart } from './story-use.server'
import { ensureSubmissionPdf } from './submission-copy.server'
import { submitApplication } from './submit-application.server'
import { storeDocumentUpload } from './documents.server'

/** Test-only: a tiny but real PDF. */
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

async function* once(buf: Buffer) {
  yield new Uint8Array(buf)
}

/** Test-only: fills in every part of an application for the open scheme, as a person would. */
export async function fillInApplication({ userId, bsn = '111222333' }: { userId: string; bsn?: string }) {
  const scheme = await getOpenScheme()
  if (!scheme) throw new Error('no open scheme')
  const ids = { userId, schemeId: scheme.id }
  await saveApplicantPart({ ...ids, value: { kind: 'self' } })
  await savePersonalPart({
    ...ids,
    value: PersonalPartSchema.parse({
      fullName: 'Jan Jansen',
      dateOfBirth: '1960-04-02',
      bsn,
      street: 'Dorpsstraat',
      houseNumber: '1',
      postcode: '1234ab',
      town: 'Utrecht',
      email: 'jan@example.org',
      phone: '06 12345678',
      iban: 'NL91 ABNA 0417 1643 00',
      accountHolder: 'J. Jansen',
    }),
  })
  await addPlacement({
    ...ids,
    value: { from: '1972-03', to: '1975-06', kind: 'residentialYouthCare', place: 'Huize Zonneschijn', municipality: 'Zeist', inNetherlands: 'yes' },
  })
  await finishPlacements(ids)
  await saveHarmPart({ ...ids, locale: 'nl', value: { mode: 'write', kinds: ['physical'], ownWords: 'Wat ik kwijt wil.' } })
  const upload = await storeDocumentUpload({ prefix: 'scheme/test', fileName: 'kaart.pdf', data: once(TINY_PDF) })
  if ('error' in upload) throw new Error(upload.error)
  await addDocument({ ...ids, type: 'guardianshipCard', upload })
  await finishEvidence({ ...ids, searchRecords: false })
  await saveConversationPart({ ...ids, wish: 'no' })
  await saveDeclarationsPart(ids)
  return ids
}

/** Test-only: a submitted application of `userId`. */
export async function createSubmittedApplication({ userId, bsn }: { userId: string; bsn?: string }) {
  const scheme = await getOpenScheme()
  const existing = scheme ? await getCurrentApplication({ userId, schemeId: scheme.id }) : null
  // Another test's set-up may already have sent one for this person (one per scheme).
  if (existing && existing.status !== 'draft') {
    await ensureSubmissionPdf({ applicationId: existing.id })
    return { ok: true as const, applicationId: existing.id, reference: existing.reference ?? '', alreadySubmitted: true }
  }
  await fillInApplication({ userId, bsn })
  const result = await submitApplication({ userId, submitToken: `test-${userId}`, locale: 'nl' })
  if (!result.ok) throw new Error(result.error)
  return result
}

/**
 * Test-only: a representative's application for Kees de Boer (born 12 March 1960), filled in
 * by his daughter Anna, with an authorisation, submitted. `payee` chooses whose account.
 */
export async function createSubmittedRepresentativeApplication({ userId, payee = 'survivor' }: { userId: string; payee?: 'survivor' | 'representative' }) {
  const scheme = await getOpenScheme()
  if (!scheme) throw new Error('no open scheme')
  const ids = { userId, schemeId: scheme.id }
  await saveApplicantPart({ ...ids, value: { kind: 'representative', survivorName: 'Kees de Boer', relation: 'Zijn dochter' } })
  const upload = await storeDocumentUpload({ prefix: 'scheme/test', fileName: 'machtiging.pdf', data: once(TINY_PDF) })
  if ('error' in upload) throw new Error(upload.error)
  await addAuthorisationDocument({ ...ids, upload })
  await saveSurvivorPart({
    ...ids,
    value: SurvivorPartSchema.parse({ dateOfBirth: '1960-03-12', bsn: '111222333', street: 'Laan', houseNumber: '7', postcode: '3581 AB', town: 'Utrecht' }),
  })
  await savePersonalPart({
    ...ids,
    value: personalPartSchemaFor('representative').parse({
      fullName: 'Anna de Boer',
      dateOfBirth: '1985-08-20',
      bsn: '123456782',
      street: 'Kerkstraat',
      houseNumber: '3',
      postcode: '3512 ab',
      town: 'Utrecht',
      email: 'anna@example.org',
      iban: 'NL91 ABNA 0417 1643 00',
      accountHolder: payee === 'survivor' ? 'K. de Boer' : 'A. de Boer',
      payee,
      ...(payee === 'representative' ? { authorisationCoversPayment: 'on' } : {}),
    }),
  })
  await addPlacement({ ...ids, value: { from: '1972-03', to: '1975', kind: 'residentialYouthCare', place: 'Huize Zonneschijn', municipality: 'Zeist', inNetherlands: 'yes' } })
  await finishPlacements(ids)
  await saveHarmPart({ ...ids, locale: 'nl', value: { mode: 'write', kinds: ['physical'], ownWords: 'Wat mijn vader vertelde.' } })
  await finishEvidence({ ...ids, searchRecords: true })
  await saveConversationPart({ ...ids, wish: 'no' })
  await saveDeclarationsPart(ids)
  const result = await submitApplication({ userId, submitToken: `test-rep-${userId}`, locale: 'nl' })
  if (!result.ok) throw new Error(result.error)
  return result
}
