import { randomUUID } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { mailOutbox } from '@db/schema/accounts'
import { handoffOutbox, schadefondsInbound } from '@db/schema/assessment'
import { auditLog } from '@db/schema/audit'
import { storedFiles } from '@db/schema/files'
import { applicationDocuments, applicationEvents, applications } from '@db/schema/scheme'
import { stopPublisher } from '~/jobs/publisher.server'
import { action as inboundAction } from '~/routes/api.schadefonds.events'
import { action as deadLetterAction, loader as deadLetterLoader } from '~/routes/beheer.overdracht'
import { generateWebhookSecret, signWebhook } from '~/assessment/case-document/webhooks.server'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import { storage } from '~/utils/storage.server'
import { startReceiver, type Receiver } from '../../scripts/schadefonds-receiver'
import { confirmAssessment, proposeAssessment } from './four-eyes.server'
import { retryDeadHandoff } from './handoff-dead-letters.server'
import { drainHandoffOutbox } from './handoff-delivery.server'
import { createTestApplication } from '~/scheme/for-assessment-testing.server'

const secret = generateWebhookSecret()
let receiver: Receiver
let assessor1: Persona
let assessor2: Persona
let admin: Persona

beforeAll(async () => {
  receiver = await startReceiver({ port: 0, secret, dataDir: mkdtempSync(path.join(tmpdir(), 'receiver-')) })
  process.env.SCHADEFONDS_URL = `${receiver.url}/cases`
  process.env.SCHADEFONDS_WEBHOOK_SECRET = secret
  assessor1 = await createPersona({ roles: ['assessor'] })
  assessor2 = await createPersona({ roles: ['assessor'] })
  admin = await createPersona({ roles: ['admin'] })
})
afterAll(async () => {
  await receiver.close()
  await stopPublisher()
  await closeDb()
})

async function control(faults: { failRate?: number; timeoutRate?: number; timeoutMs?: number }) {
  const res = await fetch(`${receiver.url}/control`, { method: 'POST', body: JSON.stringify(faults) })
  expect(res.status).toBe(200)
}
beforeEach(() => control({ failRate: 0, timeoutRate: 0 }))

const actor = (p: Persona) => ({ id: p.id, roles: p.roles })

/** A confirmed case with one evidence document, as the four-eyes step leaves it. */
async function confirmedCase() {
  const app = await createTestApplication()
  const key = `applications/${app.id}/${randomUUID()}`
  const bytes = Buffer.from('%PDF-1.4 voorbeeld')
  const put = await storage.put({ key, body: Readable.from([bytes]), contentType: 'application/pdf' })
  const [file] = await db.insert(storedFiles).values({ key, byteSize: put.size, contentType: 'application/pdf', sha256: put.sha256, purpose: 'schemeEvidence' }).returning()
  await db.insert(applicationDocuments).values({ applicationId: app.id, fileId: file!.id, type: 'guardianshipCard', fileName: 'voogdijkaart.pdf' })
  await proposeAssessment({ actor: actor(assessor1), applicationId: app.id, proposal: { outcome: 'grant', motivation: 'Aannemelijk gemaakt.' }, ip: null })
  const { outboxId } = await confirmAssessment({ actor: actor(assessor2), applicationId: app.id, ip: null })
  return { app, outboxId, bytes, sha256: put.sha256 }
}

async function outboxRow(id: string) {
  const [row] = await db.select().from(handoffOutbox).where(eq(handoffOutbox.id, id))
  return row!
}

async function receivedCase(caseId: string) {
  const res = await fetch(`${receiver.url}/cases/${caseId}`)
  return res.status === 200 ? ((await res.json()) as { webhookId: string; document: { evidence: { documents: Array<{ downloadUrl: string; sha256: string }> } } }) : null
}

describe('delivery to the Schadefonds', () => {
  it('delivers a signed case document the receiver accepts; the applicant sees "handed off"', async () => {
    const { app, outboxId, bytes, sha256 } = await confirmedCase()
    expect(await drainHandoffOutbox({ ids: [outboxId] })).toMatchObject({ delivered: 1 })
    expect(await outboxRow(outboxId)).toMatchObject({ status: 'delivered', attempts: 1 })
    const stored = await receivedCase(app.id)
    expect(stored?.webhookId).toBe(`case_${app.id}_v1`)
    const [doc] = stored!.document.evidence.documents
    expect(doc!.sha256).toBe(sha256)
    // The short-lived link really downloads the file.
    const download = await fetch(doc!.downloadUrl)
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes)
    const [after] = await db.select().from(applications).where(eq(applications.id, app.id))
    expect(after?.status).toBe('handedOff')
    const events = await db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.status, 'handedOff')))
    expect(events).toHaveLength(1)
  })

  it('retries with backoff, parks the case as dead after the retry window, and an admin retry delivers it with the same webhook id', async () => {
    const { app, outboxId } = await confirmedCase()
    await control({ failRate: 1 })
    expect(await drainHandoffOutbox({ ids: [outboxId] })).toMatchObject({ retry: 1 })
    const first = await outboxRow(outboxId)
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500' })
    expect(first.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 10_000)
    // Nothing is due yet: a drain does not touch it.
    expect(await drainHandoffOutbox({ ids: [outboxId] })).toMatchObject({ retry: 0, delivered: 0 })

    // A day later, still failing: dead.
    await db.update(handoffOutbox).set({ nextAttemptAt: new Date(), windowStartedAt: new Date(Date.now() - 25 * 3600_000) }).where(eq(handoffOutbox.id, outboxId))
    expect(await drainHandoffOutbox({ ids: [outboxId] })).toMatchObject({ dead: 1 })
    expect((await outboxRow(outboxId)).status).toBe('dead')
    const page = (await deadLetterLoader({ request: makeRequest('/beheer/overdracht', { cookie: admin.cookie }), params: {}, context: testContext })) as { rows: Array<{ id: string; lastError: string | null }> }
    expect(page.rows.find((r) => r.id === outboxId)?.lastError).toBe('HTTP 500')
    expect(await drainHandoffOutbox({ ids: [outboxId] })).toMatchObject({ delivered: 0, retry: 0, dead: 0 })

    await control({ failRate: 0 })
    const retried = await deadLetterAction({ request: makeRequest('/beheer/overdracht', { cookie: admin.cookie, method: 'POST', form: { outboxId } }), params: {}, context: testContext })
    expect((retried as { data: { ok: boolean } }).data.ok).toBe(true)
    expect(await retryDeadHandoff({ actor: actor(admin), outboxId, ip: null })).toBe(false)
    const [logged] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'handoff.retry'), eq(auditLog.objectId, outboxId)))
    expect(logged?.actorId).toBe(admin.id)
    expect(await drainHandoffOutbox({ ids: [outboxId] })).toMatchObject({ delivered: 1 })
    expect((await receivedCase(app.id))?.webhookId).toBe(`case_${app.id}_v1`)
  })

  it('a timed-out delivery is redelivered with the same webhook id, and the receiver processes it once', async () => {
    const { app, outboxId } = await confirmedCase()
    await control({ timeoutRate: 1, timeoutMs: 2000 })
    expect(await drainHandoffOutbox({ ids: [outboxId], options: { timeoutMs: 300 } })).toMatchObject({ retry: 1 })
    expect((await outboxRow(outboxId)).lastError).toMatch(/timeout/)
    await control({ timeoutRate: 0 })
    await db.update(handoffOutbox).set({ nextAttemptAt: new Date() }).where(eq(handoffOutbox.id, outboxId))
    expect(await drainHandoffOutbox({ ids: [outboxId] })).toMatchObject({ delivered: 1 })
    const list = (await (await fetch(`${receiver.url}/cases`)).json()) as { cases: Array<{ webhookId: string; deliveries: number; effects: number }> }
    expect(list.cases.find((c) => c.webhookId === `case_${app.id}_v1`)).toMatchObject({ deliveries: 2, effects: 1 })
    expect(receiver.stats().processedTwice).toBe(0)
  })
})

function inbound(body: string, headers: Record<string, string>) {
  return inboundAction({
    request: new Request('http://localhost:3000/api/schadefonds/events', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }),
    params: {},
    context: testContext,
  })
}

function event(app: { id: string; reference: string | null }, kind: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({ event: kind, caseId: app.id, reference: app.reference, occurredAt: new Date().toISOString(), ...extra })
}

describe('inbound events from the Schadefonds', () => {
  it('accepts a good signature, and refuses a tampered signature, a stale timestamp and a replayed id', async () => {
    const app = await createTestApplication({ status: 'handedOff' })
    const body = event(app, 'received')
    const headers = signWebhook({ secret, id: `msg_${randomUUID()}`, body })

    const tampered = await inbound(body.replace('received', 'paid'), headers)
    expect(tampered.status).toBe(401)
    const wrongSecret = await inbound(body, signWebhook({ secret: generateWebhookSecret(), id: `msg_${randomUUID()}`, body }))
    expect(wrongSecret.status).toBe(401)
    const stale = await inbound(body, signWebhook({ secret, id: `msg_${randomUUID()}`, body, timestamp: new Date(Date.now() - 10 * 60_000) }))
    expect(stale.status).toBe(401)
    const unsigned = await inbound(body, {})
    expect(unsigned.status).toBe(401)
    // None of the refused ones left a trace.
    expect(await db.select().from(schadefondsInbound).where(eq(schadefondsInbound.applicationId, app.id))).toHaveLength(0)

    const good = await inbound(body, headers)
    expect(good.status).toBe(200)
    const [after] = await db.select().from(applications).where(eq(applications.id, app.id))
    expect(after).toMatchObject({ status: 'received', schadefondsReference: app.reference })

    const replayed = await inbound(body, headers)
    expect(replayed.status).toBe(409)
    expect(await db.select().from(schadefondsInbound).where(eq(schadefondsInbound.applicationId, app.id))).toHaveLength(1)
  })

  it('refuses a signed event with an invalid body or for an unknown case', async () => {
    const app = await createTestApplication({ status: 'handedOff' })
    const bad = JSON.stringify({ event: 'paid', caseId: app.id })
    expect((await inbound(bad, signWebhook({ secret, id: `msg_${randomUUID()}`, body: bad }))).status).toBe(400)
    const unknown = event({ id: randomUUID(), reference: 'JZ-2026-999999' }, 'received')
    expect((await inbound(unknown, signWebhook({ secret, id: `msg_${randomUUID()}`, body: unknown }))).status).toBe(404)
  })

  it('"paid" updates the applicant\'s status, adds a visible event and mails them', async () => {
    const app = await createTestApplication({ status: 'decided' })
    const body = event(app, 'paid', { amountCents: 500_000 })
    const res = await inbound(body, signWebhook({ secret, id: `msg_${randomUUID()}`, body }))
    expect(res.status).toBe(200)
    const [after] = await db.select().from(applications).where(eq(applications.id, app.id))
    expect(after?.status).toBe('paid')
    expect(after?.paidAt).not.toBeNull()
    const events = await db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.status, 'paid')))
    expect(events).toMatchObject([{ visibleToApplicant: true }])
    const mails = await db.select().from(mailOutbox).where(and(eq(mailOutbox.userId, app.applicantUserId!), eq(mailOutbox.template, 'statusChanged')))
    expect(mails).toHaveLength(1)
  })
})
