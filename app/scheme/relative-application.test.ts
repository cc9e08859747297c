import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { handoffOutbox } from '@db/schema/assessment'
import { storedFiles } from '@db/schema/files'
import { getCaseForAssessor } from '~/assessment/case-view.server'
import { confirmAssessment, proposeAssessment } from '~/assessment/four-eyes.server'
import { caseDocumentForEndpoint } from '~/assessment/case-document/build-case-v2.server'
import { createTestApplication } from './for-assessment-testing.server'
import { decryptField } from '~/privacy/field-crypto.server'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import { storage } from '~/utils/storage.server'
import * as step from '../routes/regeling.aanvraag.$stap'
import { PersonalPartSchema } from './application-form'
import { getApplicationDraft } from './application-draft.server'
import { finishEvidence } from './draft-documents.server'
import { addPlacement, finishPlacements, saveConversationPart, saveDeclarationsPart, savePersonalPart } from './save-answers.server'
import { getOpenScheme } from './scheme-registry.server'
import { saveHarmPart } from './story-use.server'
import { submitApplication } from './submit-application.server'
import { CaseDocumentV1Schema } from '~/assessment/case-document/case-document'
import { TINY_PDF } from './testing.server'

afterAll(() => closeDb())

type Reply = {
  data: { result: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> }; authorisations: Array<{ id: string; fileName: string }> | null }
  init: { status: number }
}

const APPLICANT = 'wie-vraagt-aan'
const relative = { kind: 'relative', survivorName: 'Kees de Boer', relation: 'Zoon', survivorDateOfBirth: '1955-06-01', survivorDiedOn: '2020-06-15' }

/** The 'who is applying' page posted as the browser does: multipart, with the authorisation file. */
function postApplicant(p: Persona, fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  form.append('authorisation', file ? new File([new Uint8Array(file.bytes)], file.name, { type: 'application/pdf' }) : new File([], '', { type: 'application/octet-stream' }))
  const request = new Request(`http://localhost:3000/regeling/aanvraag/${APPLICANT}`, { method: 'POST', body: form, headers: { Cookie: p.cookie } })
  return step.action({ request, params: { stap: APPLICANT }, context: testContext })
}

async function authorisationRows(userId: string) {
  const draft = await getApplicationDraft({ userId })
  return (draft.documents ?? []).filter((d) => d.type === 'authorisation')
}

describe("a surviving relative's application", () => {
  it('keeps an uploaded authorisation and everything typed when a date is missing, then saves the page', async () => {
    const p = await createPersona({ roles: ['survivor'] })
    const bad = (await postApplicant(p, { ...relative, survivorDateOfBirth: '', intent: 'continue' }, { name: 'machtiging.pdf', bytes: TINY_PDF })) as unknown as Reply
    expect(bad.init.status).toBe(400)
    expect(bad.data.result.error?.survivorDateOfBirth).toEqual(['scheme:dateInput.survivorDateOfBirth.required'])
    expect(bad.data.result.initialValue).toMatchObject({ survivorName: 'Kees de Boer', survivorDiedOn: '2020-06-15' })
    // The stored file's description never goes back to the browser.
    expect(bad.data.result.initialValue).not.toHaveProperty('authorisation')
    expect(bad.data.authorisations).toEqual([expect.objectContaining({ fileName: 'machtiging.pdf' })])

    const [doc] = await authorisationRows(p.id)
    expect(doc).toMatchObject({ fileName: 'machtiging.pdf', contentType: 'application/pdf' })
    expect(await storage.head(doc!.key)).toBeTruthy()

    const good = (await postApplicant(p, { ...relative, intent: 'continue' })) as Response
    expect(good.status).toBe(302)
    expect(good.headers.get('Location')).toBe('/regeling/aanvraag/persoonlijke-gegevens')
    const page = (await step.loader({ request: makeRequest(`/regeling/aanvraag/${APPLICANT}`, { cookie: p.cookie }), params: { stap: APPLICANT }, context: testContext })) as {
      answers: { applicant: Record<string, string> }
      authorisations: Array<{ fileName: string }>
    }
    expect(page.answers.applicant).toEqual(relative)
    expect(page.authorisations).toEqual([expect.objectContaining({ fileName: 'machtiging.pdf' })])
  })

  it('refuses a file that is not a PDF or image by its content, next to the upload field', async () => {
    const p = await createPersona({ roles: ['survivor'] })
    const refused = (await postApplicant(p, { ...relative, intent: 'continue' }, { name: 'machtiging.pdf', bytes: Buffer.from('<html>geen pdf</html>') })) as unknown as Reply
    expect(refused.init.status).toBe(400)
    expect(refused.data.result.error?.authorisation).toEqual(['scheme:evidence.errors.type'])
    expect(await authorisationRows(p.id)).toEqual([])
  })

  it('does not keep an authorisation for someone applying for themselves, and removes one on request', async () => {
    const p = await createPersona({ roles: ['survivor'] })
    expect(((await postApplicant(p, { kind: 'self', intent: 'continue' }, { name: 'los.pdf', bytes: TINY_PDF })) as Response).status).toBe(302)
    expect(await authorisationRows(p.id)).toEqual([])

    await postApplicant(p, { ...relative, intent: 'continue' }, { name: 'machtiging.pdf', bytes: TINY_PDF })
    const [doc] = await authorisationRows(p.id)
    const removed = (await step.action({
      request: makeRequest(`/regeling/aanvraag/${APPLICANT}`, { cookie: p.cookie, method: 'POST', form: { intent: `remove-${doc!.id}` } }),
      params: { stap: APPLICANT },
      context: testContext,
    })) as Response
    expect(removed.status).toBe(302)
    expect(await authorisationRows(p.id)).toEqual([])
    expect(await db.select().from(storedFiles).where(eq(storedFiles.key, doc!.key))).toEqual([])
  })

  it('confirms into a case document that is valid against case-v1, with the deceased survivor and the authorisation', async () => {
    const p = await createPersona({ roles: ['survivor'] })
    const scheme = (await getOpenScheme())!
    const ids = { userId: p.id, schemeId: scheme.id }
    await postApplicant(p, { ...relative, intent: 'continue' }, { name: 'verklaring-van-erfrecht.pdf', bytes: TINY_PDF })
    await savePersonalPart({
      ...ids,
      value: PersonalPartSchema.parse({
        fullName: 'Pieter de Boer',
        dateOfBirth: '1982-03-09',
        bsn: '123456782',
        street: 'Kerkstraat',
        houseNumber: '3',
        postcode: '3512 ab',
        town: 'Utrecht',
        email: 'pieter@example.org',
        iban: 'NL91 ABNA 0417 1643 00',
        accountHolder: 'P. de Boer',
      }),
    })
    await addPlacement({ ...ids, value: { from: '1966-09', to: '1971', kind: 'residentialYouthCare', place: 'Huize De Linde', municipality: 'Zeist', inNetherlands: 'yes' } })
    await finishPlacements(ids)
    await saveHarmPart({ ...ids, locale: 'nl', value: { mode: 'write', kinds: ['physical'], ownWords: 'Wat mijn vader vertelde.' } })
    await finishEvidence({ ...ids, searchRecords: true })
    await saveConversationPart({ ...ids, wish: 'no' })
    await saveDeclarationsPart(ids)

    // The survivor was 11 to 16: no age warning, although the relative was not even born then.
    const draft = await getApplicationDraft({ userId: p.id })
    expect((draft.warnings ?? []).map((w) => w.code)).not.toContain('placementOverAge')
    expect(draft.complete).toBe(true)
    const submitted = await submitApplication({ userId: p.id, submitToken: `relative-${p.id}`, locale: 'nl' })
    if (!submitted.ok) throw new Error(submitted.error)

    const [assessor1, assessor2] = await Promise.all([createPersona({ roles: ['assessor'] }), createPersona({ roles: ['assessor'] })])
    const actor = (a: Persona) => ({ id: a.id, roles: a.roles })
    const view = await getCaseForAssessor({ actor: actor(assessor1), applicationId: submitted.applicationId, ip: null })
    expect(view.checklistItems).toContain('authorisation')
    expect(view.authorisationPresent).toBe(true)

    await proposeAssessment({ actor: actor(assessor1), applicationId: submitted.applicationId, proposal: { outcome: 'grant', motivation: 'Aannemelijk gemaakt.' }, ip: null })
    const { outboxId } = await confirmAssessment({ actor: actor(assessor2), applicationId: submitted.applicationId, ip: null })
    const [row] = await db.select().from(handoffOutbox).where(eq(handoffOutbox.id, outboxId))
    const doc = CaseDocumentV1Schema.parse(await caseDocumentForEndpoint(JSON.parse(decryptField(row!.payloadEncrypted)), 'v1'))

    expect(doc.applicant).toMatchObject({ kind: 'relative', name: 'Pieter de Boer', dateOfBirth: '1982-03-09', bsn: '123456782' })
    expect(doc.deceasedSurvivor).toEqual({ name: 'Kees de Boer', dateOfBirth: '1955-06-01', diedOn: '2020-06-15' })
    expect(doc.evidence.documents).toEqual([expect.objectContaining({ type: 'relativesAuthorisation', fileName: 'verklaring-van-erfrecht.pdf' })])
    expect(doc.evidence.recordsSearchRequested).toBe(true)
  })

  it("shows the assessor when a representative's authorisation is missing", async () => {
    const assessor = await createPersona({ roles: ['assessor'] })
    const app = await createTestApplication({
      answers: { applicant: { kind: 'representative', survivorName: 'Kees de Boer' }, placements: [], evidence: { searchRecords: true, done: true } },
    })
    const view = await getCaseForAssessor({ actor: { id: assessor.id, roles: assessor.roles }, applicationId: app.id, ip: null })
    expect(view.checklistItems).toContain('authorisation')
    expect(view.authorisationPresent).toBe(false)
  })
})
