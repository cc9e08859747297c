import { eq } from 'drizzle-orm'
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { handoffOutbox } from '@db/schema/assessment'
import { applications } from '@db/schema/scheme'
import { getCaseForAssessor } from '~/assessment/case-view.server'
import { confirmAssessment, proposeAssessment } from '~/assessment/four-eyes.server'
import { caseDocumentForEndpoint, CaseHeldBackError } from '~/assessment/case-document/build-case-v2.server'
import { decryptField } from '~/privacy/field-crypto.server'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import * as step from '../routes/regeling.aanvraag.$stap'
import { personalPartSchemaFor } from './application-form'
import { getApplicationDraft } from './application-draft.server'
import { finishEvidence } from './draft-documents.server'
import { addPlacement, finishPlacements, saveConversationPart, saveDeclarationsPart, savePersonalPart } from './save-answers.server'
import { getOpenScheme } from './scheme-registry.server'
import { saveHarmPart } from './story-use.server'
import { submitApplication } from './submit-application.server'
import { CaseDocumentV1Schema } from '~/assessment/case-document/case-document'
import { CaseDocumentV2Schema } from '~/assessment/case-document/case-document-v2'
import { createSubmittedApplication, TINY_PDF } from './testing.server'

afterAll(() => closeDb())

type Reply = { data: { result: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } }; init: { status: number } }

const representative = { kind: 'representative', survivorName: 'Kees de Boer', relation: 'Zijn dochter' }
/** Kees, the survivor: born 1960, so a placement from 1972 is at 12. */
const kees = { 'dateOfBirth.day': '12', 'dateOfBirth.month': '3', 'dateOfBirth.year': '1960', bsn: '111222333', street: 'Laan', houseNumber: '7', postcode: '3581 AB', town: 'Utrecht' }
/** The representative, his daughter: born 1985, so by her own date a 1972 placement would be before birth. */
const daughter = {
  fullName: 'Anna de Boer',
  dateOfBirth: '1985-08-20',
  bsn: '123456782',
  street: 'Kerkstraat',
  houseNumber: '3',
  postcode: '3512 ab',
  town: 'Utrecht',
  email: 'anna@example.org',
  iban: 'NL91 ABNA 0417 1643 00',
  accountHolder: 'A. de Boer',
}

function post(p: Persona, slug: string, form: Record<string, string>, query = '') {
  return step.action({ request: makeRequest(`/regeling/aanvraag/${slug}${query}`, { cookie: p.cookie, method: 'POST', form }), params: { stap: slug }, context: testContext })
}

function postApplicant(p: Persona, fields: Record<string, string>, withFile = false) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  form.append('authorisation', withFile ? new File([new Uint8Array(TINY_PDF)], 'machtiging.pdf', { type: 'application/pdf' }) : new File([], '', { type: 'application/octet-stream' }))
  const request = new Request('http://localhost:3000/regeling/aanvraag/wie-vraagt-aan', { method: 'POST', body: form, headers: { Cookie: p.cookie } })
  return step.action({ request, params: { stap: 'wie-vraagt-aan' }, context: testContext })
}

/** A representative's application, filled in through the pages, up to (not including) submitting. */
async function fillInForKees(p: Persona, payee: Record<string, string> = { payee: 'survivor' }) {
  const scheme = (await getOpenScheme())!
  const ids = { userId: p.id, schemeId: scheme.id }
  const applicant = (await postApplicant(p, { ...representative, intent: 'continue' }, true)) as Response
  expect(applicant.headers.get('Location')).toBe('/regeling/aanvraag/persoon-om-wie-het-gaat')
  const survivor = (await post(p, 'persoon-om-wie-het-gaat', { ...kees, intent: 'continue' })) as Response
  expect(survivor.headers.get('Location')).toBe('/regeling/aanvraag/persoonlijke-gegevens')
  await savePersonalPart({ ...ids, value: personalPartSchemaFor('representative').parse({ ...daughter, ...payee }) })
  await addPlacement({ ...ids, value: { from: '1972-03', to: '1975', kind: 'residentialYouthCare', place: 'Huize Zonneschijn', municipality: 'Zeist', inNetherlands: 'yes' } })
  await finishPlacements(ids)
  await saveHarmPart({ ...ids, locale: 'nl', value: { mode: 'write', kinds: ['physical'], ownWords: 'Wat mijn vader vertelde.' } })
  await finishEvidence({ ...ids, searchRecords: true })
  await saveConversationPart({ ...ids, wish: 'no' })
  await saveDeclarationsPart(ids)
  return ids
}

async function confirm(applicationId: string) {
  const [a1, a2] = await Promise.all([createPersona({ roles: ['assessor'] }), createPersona({ roles: ['assessor'] })])
  await proposeAssessment({ actor: { id: a1.id, roles: a1.roles }, applicationId, proposal: { outcome: 'grant', motivation: 'Aannemelijk gemaakt.' }, ip: null })
  const { outboxId } = await confirmAssessment({ actor: { id: a2.id, roles: a2.roles }, applicationId, ip: null })
  const [row] = await db.select().from(handoffOutbox).where(eq(handoffOutbox.id, outboxId))
  return JSON.parse(decryptField(row!.payloadEncrypted)) as unknown
}

describe("a representative's application", () => {
  it("asks for the survivor's identity on a page of its own and keeps it encrypted; errors stand next to the field with what was typed", async () => {
    const p = await createPersona({ roles: ['survivor'] })
    await postApplicant(p, { ...representative, intent: 'continue' })
    const bad = (await post(p, 'persoon-om-wie-het-gaat', { ...kees, 'dateOfBirth.month': '', intent: 'continue' })) as unknown as Reply
    expect(bad.init.status).toBe(400)
    expect(bad.data.result.error?.dateOfBirth).toEqual(['scheme:dateInput.survivorDateOfBirth.missingMonth'])
    expect(bad.data.result.initialValue).toMatchObject({ bsn: '111222333', dateOfBirth: { day: '12', year: '1960' } })

    await post(p, 'persoon-om-wie-het-gaat', { ...kees, intent: 'continue' })
    const [row] = await db.select().from(applications).where(eq(applications.applicantUserId, p.id))
    expect(row!.survivorIdentityEncrypted).not.toContain('111222333')
    expect(JSON.parse(decryptField(row!.survivorIdentityEncrypted!))).toMatchObject({ bsn: '111222333', dateOfBirth: '1960-03-12' })
    expect(JSON.stringify(row!.answers)).not.toContain('111222333')
  })

  it('shows no warning before an answer gives reason for one', async () => {
    const p = await createPersona({ roles: ['survivor'] })
    await postApplicant(p, { ...representative, intent: 'continue' })
    expect((await getApplicationDraft({ userId: p.id })).warnings).toEqual([])
  })

  it("reads the age rule from the survivor's birth date, never the representative's", async () => {
    const p = await createPersona({ roles: ['survivor'] })
    await fillInForKees(p)
    expect((await getApplicationDraft({ userId: p.id })).warnings?.map((w) => w.code)).not.toContain('placementOverAge')
    // Kees born in 1950 instead: 22 in 1972, after the age limit. The daughter's 1985 never counts.
    await post(p, 'persoon-om-wie-het-gaat', { ...kees, 'dateOfBirth.year': '1950', intent: 'continue' })
    expect((await getApplicationDraft({ userId: p.id })).warnings?.map((w) => w.code)).toContain('placementOverAge')
  })

  it('asks whose account the money goes to; their own account only when the authorisation covers it', () => {
    const schema = personalPartSchemaFor('representative')
    const errors = (input: Record<string, string>) => {
      const r = schema.safeParse(input)
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`)
    }
    expect(errors(daughter)).toEqual(['payee:scheme:form.errors.chooseOne'])
    expect(errors({ ...daughter, payee: 'representative' })).toEqual(['authorisationCoversPayment:scheme:personal.errors.authorisationCoversPayment'])
    expect(errors({ ...daughter, payee: 'representative', authorisationCoversPayment: 'on' })).toEqual([])
    // Someone applying for themselves is never asked.
    expect(personalPartSchemaFor('self').parse({ ...daughter, payee: 'representative' }).payee).toBeUndefined()
  })

  it('goes to the fund as case v2 with the survivor and the representative as separate parts; a v1 endpoint holds it back', async () => {
    const p = await createPersona({ roles: ['survivor'] })
    await fillInForKees(p, { payee: 'representative', authorisationCoversPayment: 'on' })
    const submitted = await submitApplication({ userId: p.id, submitToken: `rep-${p.id}`, locale: 'nl' })
    if (!submitted.ok) throw new Error(submitted.error)

    const assessor = await createPersona({ roles: ['assessor'] })
    const view = await getCaseForAssessor({ actor: { id: assessor.id, roles: assessor.roles }, applicationId: submitted.applicationId, ip: null })
    expect(view.survivor).toMatchObject({ name: 'Kees de Boer', dateOfBirth: '1960-03-12', bsnMasked: '*****2333' })

    const sealed = await confirm(submitted.applicationId)
    const doc = CaseDocumentV2Schema.parse(await caseDocumentForEndpoint(sealed, 'v2'))
    expect(doc.survivor).toEqual({
      name: 'Kees de Boer',
      dateOfBirth: '1960-03-12',
      bsn: '111222333',
      address: { street: 'Laan', houseNumber: '7', postcode: '3581 AB', city: 'Utrecht', country: 'NL' },
    })
    expect(doc.applicant).toMatchObject({ role: 'representative', name: 'Anna de Boer', bsn: '123456782', dateOfBirth: '1985-08-20' })
    expect(doc.representative).toEqual({ relationToSurvivor: 'Zijn dochter', authorisation: { documentIds: [expect.any(String)], coversPayment: true } })
    expect(doc.payee).toEqual({ holder: 'representative', iban: 'NL91ABNA0417164300', accountHolder: 'A. de Boer' })
    expect(doc.narrative).toMatchObject({ source: 'written', text: 'Wat mijn vader vertelde.' })
    expect(doc.evidence.documents).toEqual([expect.objectContaining({ type: 'authorisation', fileName: 'machtiging.pdf' })])

    // v1 cannot say who the case is about: not sent wrong, held back for an admin.
    await expect(caseDocumentForEndpoint(sealed, 'v1')).rejects.toBeInstanceOf(CaseHeldBackError)
  })

  it('a self-applicant on a v1 endpoint still gets a valid v1 case, and the same case validates as v2', async () => {
    const p = await createPersona({ roles: ['survivor'] })
    const submitted = await createSubmittedApplication({ userId: p.id })
    const sealed = await confirm(submitted.applicationId)
    const v1 = CaseDocumentV1Schema.parse(await caseDocumentForEndpoint(sealed, 'v1'))
    expect(v1.applicant).toMatchObject({ kind: 'self', name: 'Jan Jansen', bsn: '111222333' })
    const v2 = CaseDocumentV2Schema.parse(await caseDocumentForEndpoint(sealed, 'v2'))
    expect(v2.survivor).toMatchObject({ name: 'Jan Jansen', bsn: '111222333', dateOfBirth: '1960-04-02' })
    expect(v2.applicant).toEqual({ role: 'self', name: 'Jan Jansen', email: 'jan@example.org', phone: '06 12345678' })
    expect(v2.payee.holder).toBe('survivor')
  })

  it('the published case-v2.json is the one generated from the zod schema', async () => {
    const { renderCaseV2JsonSchema } = await import('~/assessment/case-document/case-json-schema')
    expect(readFileSync('public/schemas/case-v2.json', 'utf8')).toBe(renderCaseV2JsonSchema())
  })
})
