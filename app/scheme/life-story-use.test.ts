import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb } from '@db/client.server'
import { CaseDocumentV2Schema } from '~/assessment/case-document/case-document-v2'
import { generateWebhookSecret } from '~/assessment/case-document/webhooks.server'
import { confirmAssessment, proposeAssessment } from '~/assessment/four-eyes.server'
import { getCaseForAssessor } from '~/assessment/case-view.server'
import { drainHandoffOutbox } from '~/assessment/handoff-delivery.server'
import { recordOwnConsent } from '~/consent/own-consent.server'
import { stopPublisher } from '~/jobs/publisher.server'
import { createTestLifeStory } from '~/life-stories/testing.server'
import { createPersona, type Persona } from '~/testing/personas.server'
import { startReceiver, parseCaseDocument, type Receiver } from '../../scripts/schadefonds-receiver'
import { getApplicationStep } from './application-view.server'
import { getCurrentApplication } from './draft-store.server'
import { readAnswers } from './answers'
import { saveApplicantPart } from './save-answers.server'
import { getOpenScheme } from './scheme-registry.server'
import { saveHarmPart } from './story-use.server'
import { submitApplication } from './submit-application.server'
import { fillInApplication } from './testing.server'

const secret = generateWebhookSecret()
let receiver: Receiver
let assessor1: Persona
let assessor2: Persona
const TEXT = 'Het levensverhaal zoals Slachtofferhulp het opschreef. Kenmerkende-zin-5531.'

beforeAll(async () => {
  receiver = await startReceiver({ port: 0, secret, dataDir: mkdtempSync(path.join(tmpdir(), 'receiver-')) })
  process.env.SCHADEFONDS_URL = `${receiver.url}/cases`
  process.env.SCHADEFONDS_WEBHOOK_SECRET = secret
  process.env.SCHADEFONDS_CASE_VERSION = 'v2'
  ;[assessor1, assessor2] = await Promise.all([createPersona({ roles: ['assessor'] }), createPersona({ roles: ['assessor'] })])
})
afterAll(async () => {
  delete process.env.SCHADEFONDS_CASE_VERSION
  await receiver.close()
  await stopPublisher()
  await closeDb()
})

const actor = (p: Persona) => ({ id: p.id, roles: p.roles })

async function withLifeStory() {
  const survivor = await createPersona({ roles: ['survivor'] })
  const lifeStoryId = await createTestLifeStory({ claimedBy: survivor.id, title: 'Mijn levensverhaal', body: TEXT })
  const ids = await fillInApplication({ userId: survivor.id })
  return { survivor, lifeStoryId, ids }
}

describe('the recorded life story in a scheme application', () => {
  it('is offered with its text, needs the consent, and reaches case v2 as commissionStory', async () => {
    const { survivor, lifeStoryId, ids } = await withLifeStory()
    const step = await getApplicationStep({ userId: survivor.id, part: 'harm', locale: 'nl' })
    expect(step.kind === 'step' && step.lifeStories).toEqual([expect.objectContaining({ id: lifeStoryId, text: TEXT, consentGrantedAt: null })])

    const value = { mode: 'lifeStory' as const, kinds: ['physical'], lifeStoryId }
    expect(await saveHarmPart({ ...ids, locale: 'nl', value })).toEqual({ ok: false, error: 'lifeStoryConsent' })
    // Someone else's life story is not found.
    const other = await createTestLifeStory({ claimedBy: assessor1.id })
    expect(await saveHarmPart({ ...ids, locale: 'nl', value: { ...value, lifeStoryId: other, lifeStoryConsent: 'on' } })).toEqual({ ok: false, error: 'lifeStoryNotFound' })
    expect(await saveHarmPart({ ...ids, locale: 'nl', value: { ...value, lifeStoryConsent: 'on' } })).toEqual({ ok: true })

    const submitted = await submitApplication({ userId: survivor.id, submitToken: `t-${survivor.id}`, locale: 'nl' })
    expect(submitted.ok).toBe(true)
    const applicationId = (submitted as { applicationId: string }).applicationId
    const app = await getCurrentApplication(ids)
    const frozen = readAnswers(app!.answers).harm?.lifeStory?.snapshot
    expect(frozen).toMatchObject({ text: TEXT, source: 'commission', consentTextVersion: 'scheme.useCommissionStory@2026-12-07' })

    // The assessor reads it (the view is logged by case-view) and the case document carries it.
    const view = await getCaseForAssessor({ actor: actor(assessor1), applicationId, ip: null })
    expect(view?.story).toMatchObject({ source: 'commissionStory', text: TEXT, withdrawn: false })

    await proposeAssessment({ actor: actor(assessor1), applicationId, proposal: { outcome: 'grant', motivation: 'Aannemelijk gemaakt.' }, ip: null })
    const { outboxId } = await confirmAssessment({ actor: actor(assessor2), applicationId, ip: null })
    expect(await drainHandoffOutbox({ ids: [outboxId] })).toMatchObject({ delivered: 1 })
    const res = await fetch(`${receiver.url}/cases/${applicationId}`)
    const received = ((await res.json()) as { document: unknown }).document
    expect(parseCaseDocument(received).success).toBe(true)
    const doc = CaseDocumentV2Schema.parse(received)
    expect(doc.narrative).toMatchObject({ source: 'commissionStory', text: TEXT, recordedBy: 'commission', title: 'Mijn levensverhaal' })
    expect(doc.narrative?.lifeStoryReference).toMatch(/^LV-/)
    expect(doc.narrative?.consent).toBeDefined()
    // A commissionStory without its reference does not validate.
    expect(CaseDocumentV2Schema.safeParse({ ...doc, narrative: { ...doc.narrative, lifeStoryReference: undefined } }).success).toBe(false)
  })

  it('withdrawn before submission: the application is sent back to the harm page, nothing shared', async () => {
    const { survivor, lifeStoryId, ids } = await withLifeStory()
    expect(await saveHarmPart({ ...ids, locale: 'nl', value: { mode: 'lifeStory', kinds: ['physical'], lifeStoryId, lifeStoryConsent: 'on' } })).toEqual({ ok: true })
    const draft = await getCurrentApplication(ids)
    await recordOwnConsent({ userId: survivor.id, objectType: 'application', objectId: draft!.id, purpose: 'scheme.useCommissionStory', grant: false, locale: 'nl' })
    expect(await submitApplication({ userId: survivor.id, submitToken: `t-${survivor.id}`, locale: 'nl' })).toEqual({ ok: false, error: 'incomplete' })
    // Writing it in their own words instead works.
    expect(await saveHarmPart({ ...ids, locale: 'nl', value: { mode: 'write', kinds: ['physical'], ownWords: 'In mijn eigen woorden.' } })).toEqual({ ok: true })
    expect((await submitApplication({ userId: survivor.id, submitToken: `t2-${survivor.id}`, locale: 'nl' })).ok).toBe(true)
  })

  it("is not offered to a representative, even one holding a life story of their own", async () => {
    const { survivor, lifeStoryId } = await withLifeStory()
    const scheme = await getOpenScheme()
    await saveApplicantPart({ userId: survivor.id, schemeId: scheme!.id, value: { kind: 'representative', survivorName: 'Kees de Boer', relation: 'Zijn dochter' } })
    const step = await getApplicationStep({ userId: survivor.id, part: 'harm', locale: 'nl' })
    expect(step.kind === 'step' && step.lifeStories).toEqual([])
    expect(await saveHarmPart({ userId: survivor.id, schemeId: scheme!.id, locale: 'nl', value: { mode: 'lifeStory', kinds: [], lifeStoryId, lifeStoryConsent: 'on' } })).toEqual({
      ok: false,
      error: 'lifeStoryNotFound',
    })
  })
})
