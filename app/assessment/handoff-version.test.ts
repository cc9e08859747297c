import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { handoffOutbox } from '@db/schema/assessment'
import { stopPublisher } from '~/jobs/publisher.server'
import { loader as deadLetterLoader } from '~/routes/beheer.overdracht'
import { CaseDocumentV1Schema } from '~/assessment/case-document/case-document'
import { CaseDocumentV2Schema } from '~/assessment/case-document/case-document-v2'
import { createSubmittedApplication, createSubmittedRepresentativeApplication } from '~/scheme/testing.server'
import { generateWebhookSecret } from '~/assessment/case-document/webhooks.server'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import { startReceiver, type Receiver } from '../../scripts/schadefonds-receiver'
import { confirmAssessment, proposeAssessment } from './four-eyes.server'
import { retryDeadHandoff } from './handoff-dead-letters.server'
import { drainHandoffOutbox } from './handoff-delivery.server'

const secret = generateWebhookSecret()
let receiver: Receiver
let assessor1: Persona
let assessor2: Persona
let admin: Persona

beforeAll(async () => {
  receiver = await startReceiver({ port: 0, secret, dataDir: mkdtempSync(path.join(tmpdir(), 'receiver-')) })
  process.env.SCHADEFONDS_URL = `${receiver.url}/cases`
  process.env.SCHADEFONDS_WEBHOOK_SECRET = secret
  ;[assessor1, assessor2, admin] = await Promise.all([createPersona({ roles: ['assessor'] }), createPersona({ roles: ['assessor'] }), createPersona({ roles: ['admin'] })])
})
afterEach(() => {
  delete process.env.SCHADEFONDS_CASE_VERSION
})
afterAll(async () => {
  await receiver.close()
  await stopPublisher()
  await closeDb()
})

const actor = (p: Persona) => ({ id: p.id, roles: p.roles })

async function confirm(applicationId: string) {
  await proposeAssessment({ actor: actor(assessor1), applicationId, proposal: { outcome: 'grant', motivation: 'Aannemelijk gemaakt.' }, ip: null })
  return (await confirmAssessment({ actor: actor(assessor2), applicationId, ip: null })).outboxId
}

async function received(caseId: string) {
  const res = await fetch(`${receiver.url}/cases/${caseId}`)
  return res.status === 200 ? ((await res.json()) as { document: unknown }).document : null
}

describe('the case version per endpoint', () => {
  it("holds a representative's case back from a v1 endpoint, says why to the admin, and delivers it as v2 once the endpoint reads v2", async () => {
    const survivor = await createPersona({ roles: ['survivor'] })
    const { applicationId } = await createSubmittedRepresentativeApplication({ userId: survivor.id, payee: 'representative' })
    const outboxId = await confirm(applicationId)

    // The endpoint reads v1 (the default): nothing is sent, the row waits for an admin at once.
    expect(await drainHandoffOutbox({ ids: [outboxId] })).toMatchObject({ delivered: 0, dead: 1 })
    const [held] = await db.select().from(handoffOutbox).where(eq(handoffOutbox.id, outboxId))
    expect(held).toMatchObject({ status: 'dead', attempts: 1, lastError: 'heldBack:caseV1CannotExpressRepresentative' })
    expect(await received(applicationId)).toBeNull()
    const page = (await deadLetterLoader({ request: makeRequest('/beheer/overdracht', { cookie: admin.cookie }), params: {}, context: testContext })) as unknown as {
      rows: Array<{ id: string; lastError: string | null }>
    }
    expect(page.rows.find((r) => r.id === outboxId)?.lastError).toBe('heldBack:caseV1CannotExpressRepresentative')

    process.env.SCHADEFONDS_CASE_VERSION = 'v2'
    expect(await retryDeadHandoff({ actor: actor(admin), outboxId, ip: null })).toBe(true)
    expect(await drainHandoffOutbox({ ids: [outboxId] })).toMatchObject({ delivered: 1 })
    // What the reference receiver stored: v2, valid, with the survivor and the representative apart.
    const doc = CaseDocumentV2Schema.parse(await received(applicationId))
    expect(doc.survivor).toMatchObject({ name: 'Kees de Boer', bsn: '111222333', dateOfBirth: '1960-03-12' })
    expect(doc.applicant).toMatchObject({ role: 'representative', name: 'Anna de Boer', bsn: '123456782' })
    expect(doc.payee).toMatchObject({ holder: 'representative' })
    expect(doc.representative?.authorisation.coversPayment).toBe(true)
  })

  it('a self-applicant on a v1 endpoint still gets a valid v1 case', async () => {
    const survivor = await createPersona({ roles: ['survivor'] })
    const { applicationId } = await createSubmittedApplication({ userId: survivor.id })
    const outboxId = await confirm(applicationId)
    expect(await drainHandoffOutbox({ ids: [outboxId] })).toMatchObject({ delivered: 1 })
    const doc = CaseDocumentV1Schema.parse(await received(applicationId))
    expect(doc.schemaVersion).toBe('case-v1')
    expect(doc.applicant).toMatchObject({ kind: 'self', name: 'Jan Jansen', bsn: '111222333' })
  })

  it('the reference receiver refuses a v2 narrative whose fingerprint does not match its text', async () => {
    const { parseCaseDocument } = await import('../../scripts/schadefonds-receiver')
    const survivor = await createPersona({ roles: ['survivor'] })
    const { applicationId } = await createSubmittedRepresentativeApplication({ userId: survivor.id })
    process.env.SCHADEFONDS_CASE_VERSION = 'v2'
    const outboxId = await confirm(applicationId)
    await drainHandoffOutbox({ ids: [outboxId] })
    const doc = (await received(applicationId)) as { narrative: { text: string } }
    expect(parseCaseDocument(doc).success).toBe(true)
    expect(parseCaseDocument({ ...doc, narrative: { ...doc.narrative, text: `${doc.narrative.text} (changed)` } }).success).toBe(false)
  })
})
