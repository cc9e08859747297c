import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { sessions } from '@db/schema/accounts'
import { assessments, handoffOutbox } from '@db/schema/assessment'
import { auditLog } from '@db/schema/audit'
import { stories } from '@db/schema/monument'
import { applicationEvents, applications, informationRequests } from '@db/schema/scheme'
import { mailOutbox } from '@db/schema/accounts'
import { grantConsent } from '~/consent/consent.server'
import { stopPublisher } from '~/jobs/publisher.server'
import { decryptField, encryptField } from '~/privacy/field-crypto.server'
import { CaseDocumentV1Schema } from '~/assessment/case-document/case-document'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import { loader as caseLoader, action as caseAction } from '~/routes/beheer.aanvragen.$id'
import { loader as queueLoader } from '~/routes/beheer.aanvragen._index'
import { answerInformationRequest } from '~/scheme/information-requests.server'
import { proposeAssessment } from './four-eyes.server'
import { caseDocumentForEndpoint } from './case-document/build-case-v2.server'
import { createTestApplication } from '~/scheme/for-assessment-testing.server'

let assessor1: Persona
let assessor2: Persona

beforeAll(async () => {
  assessor1 = await createPersona({ roles: ['assessor'] })
  assessor2 = await createPersona({ roles: ['assessor'] })
})
afterAll(async () => {
  await stopPublisher()
  await closeDb()
})

async function run<T>(fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn()
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

function viewCase(persona: Persona, id: string, search = '') {
  return run(() => caseLoader({ request: makeRequest(`/beheer/aanvragen/${id}${search}`, { cookie: persona.cookie }), params: { id }, context: testContext }))
}

function act(persona: Persona, id: string, form: Record<string, string>) {
  return run(() => caseAction({ request: makeRequest(`/beheer/aanvragen/${id}`, { cookie: persona.cookie, method: 'POST', form }), params: { id }, context: testContext }))
}

function statusOf(result: unknown) {
  if (result instanceof Response) return result.status
  return (result as { init?: { status?: number } })?.init?.status ?? 200
}

async function auditRows(action: string, objectId: string) {
  return db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.objectId, objectId)))
}

async function ageSession(persona: Persona, userId: string, minutes: number) {
  await db.update(sessions).set({ authenticatedAt: new Date(Date.now() - minutes * 60_000) }).where(eq(sessions.userId, userId))
}

describe('queue and case view', () => {
  it('lists submitted applications with age and deadline, and logs the list view without a subject', async () => {
    const app = await createTestApplication({ submittedAt: new Date(Date.now() - 10 * 86_400_000) })
    const result = (await queueLoader({ request: makeRequest('/beheer/aanvragen?minAgeDays=5', { cookie: assessor1.cookie }), params: {}, context: testContext })) as {
      rows: Array<{ id: string; ageDays: number; decisionDue: string | null }>
    }
    const row = result.rows.find((r) => r.id === app.id)
    expect(row?.ageDays).toBe(10)
    expect(row?.decisionDue).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const logs = await db.select().from(auditLog).where(and(eq(auditLog.action, 'application.list'), eq(auditLog.actorId, assessor1.id)))
    expect(logs.length).toBeGreaterThan(0)
    expect(logs[0]!.subjectId).toBeNull()
  })

  it('shows masked BSN and IBAN, and logs the case view with the applicant as subject', async () => {
    const app = await createTestApplication()
    const result = (await viewCase(assessor1, app.id)) as { caseView: { bsnMasked: string; ibanMasked: string }; revealed: unknown }
    expect(result.caseView.bsnMasked).toBe('*****2333')
    expect(result.caseView.ibanMasked).toBe('NL91 **** 4300')
    expect(result.revealed).toBeNull()
    expect(JSON.stringify(result)).not.toContain('111222333')
    const [log] = await auditRows('application.view', app.id)
    expect(log?.subjectId).toBe(app.applicantUserId)
  })

  it('refuses the case view to someone without the assessor role', async () => {
    const app = await createTestApplication()
    const moderator = await createPersona({ roles: ['moderator'] })
    expect(statusOf(await viewCase(moderator, app.id))).toBe(403)
  })
})

describe('reveal', () => {
  it('needs a step-up within five minutes and is logged', async () => {
    const persona = await createPersona({ roles: ['assessor'] })
    const app = await createTestApplication()
    await ageSession(persona, persona.id, 10)
    const refused = await viewCase(persona, app.id, '?toon=bsn')
    expect(refused).toBeInstanceOf(Response)
    expect((refused as Response).headers.get('Location')).toMatch(/^\/inloggen\/bevestigen\?redirectTo=/)
    expect(await auditRows('application.revealBsn', app.id)).toHaveLength(0)

    await ageSession(persona, persona.id, 1)
    const shown = (await viewCase(persona, app.id, '?toon=bsn')) as { revealed: { field: string; value: string } }
    expect(shown.revealed).toEqual({ field: 'bsn', value: '111222333' })
    const [log] = await auditRows('application.revealBsn', app.id)
    expect(log).toMatchObject({ actorId: persona.id, subjectId: app.applicantUserId, outcome: 'success' })

    const iban = (await viewCase(persona, app.id, '?toon=iban')) as { revealed: { value: string } }
    expect(iban.revealed.value).toBe('NL91ABNA0417164300')
    expect(await auditRows('application.revealIban', app.id)).toHaveLength(1)
  })
})

describe('information requests', () => {
  it('asks the applicant, notifies them, pauses the clock, and resumes it on the answer', async () => {
    const app = await createTestApplication()
    const result = await act(assessor1, app.id, { intent: 'requestInformation', question: 'Heeft u een adres van toen?' })
    expect(statusOf(result)).toBe(200)
    const [after] = await db.select().from(applications).where(eq(applications.id, app.id))
    expect(after?.status).toBe('informationRequested')
    expect(after?.pausedSince).not.toBeNull()
    const mails = await db.select().from(mailOutbox).where(and(eq(mailOutbox.userId, app.applicantUserId!), eq(mailOutbox.template, 'statusChanged')))
    expect(mails.length).toBeGreaterThan(0)
    expect(mails.at(-1)!.text).not.toContain('adres van toen')

    const [request] = await db.select().from(informationRequests).where(eq(informationRequests.applicationId, app.id))
    // Three days later the applicant answers.
    await db.update(applications).set({ pausedSince: new Date(Date.now() - 3 * 86_400_000) }).where(eq(applications.id, app.id))
    expect(await answerInformationRequest({ applicantUserId: app.applicantUserId!, requestId: request!.id, answer: 'Ja, in Zeist.' })).toEqual({ ok: true })
    const [resumed] = await db.select().from(applications).where(eq(applications.id, app.id))
    expect(resumed).toMatchObject({ status: 'inAssessment', pausedSince: null, pausedDays: 3 })
  })
})

describe('four eyes', () => {
  it('the proposer cannot confirm their own proposal: no button, and the server refuses', async () => {
    const app = await createTestApplication()
    expect(statusOf(await act(assessor1, app.id, { intent: 'propose', outcome: 'grant', motivation: 'Plaatsing en geweld zijn aannemelijk.' }))).toBe(200)
    const view = (await viewCase(assessor1, app.id)) as { caseView: { openProposal: { byMe: boolean } } }
    expect(view.caseView.openProposal.byMe).toBe(true)

    const refused = await act(assessor1, app.id, { intent: 'confirm' })
    expect(statusOf(refused)).toBe(403)
    expect((refused as { data: { error: string } }).data.error).toBe('ownProposal')
    const [open] = await db.select().from(assessments).where(eq(assessments.applicationId, app.id))
    expect(open?.status).toBe('proposed')
    expect(await db.select().from(handoffOutbox).where(eq(handoffOutbox.applicationId, app.id))).toHaveLength(0)
  })

  it('the database refuses a confirmation by the proposer too (CHECK constraint)', async () => {
    const app = await createTestApplication()
    const [row] = await db.insert(assessments).values({ applicationId: app.id, outcome: 'grant', motivation: 'x', proposedBy: assessor1.id }).returning()
    await expect(db.update(assessments).set({ status: 'confirmed', confirmedBy: assessor1.id }).where(eq(assessments.id, row!.id))).rejects.toMatchObject({ cause: { constraint_name: 'assessments_four_eyes' } })
  })

  it('a rejection needs a reason from the scheme list', async () => {
    const app = await createTestApplication()
    const missing = await act(assessor1, app.id, { intent: 'propose', outcome: 'reject', motivation: 'Te weinig informatie.' })
    expect((missing as { data: { error: string } }).data.error).toBe('reasonRequired')
    // The error belongs to the reason field, and what was chosen and typed comes back with it.
    const refused = (missing as { data: { field: string; intent: string; values: Record<string, string> } }).data
    expect(refused.field).toBe('reasonCode')
    expect(refused.intent).toBe('propose')
    expect(refused.values).toMatchObject({ outcome: 'reject', motivation: 'Te weinig informatie.' })
    await expect(
      proposeAssessment({ actor: { id: assessor1.id, roles: ['assessor'] }, applicationId: app.id, proposal: { outcome: 'reject', reasonCode: 'madeUp', motivation: 'x' }, ip: null }),
    ).rejects.toThrow('invalidReason')
    expect(statusOf(await act(assessor1, app.id, { intent: 'propose', outcome: 'reject', reasonCode: 'insufficientInformation', motivation: 'Te weinig informatie.' }))).toBe(200)
  })

  it('a second assessor confirms (after step-up): confirmation, status and outbox row in one transaction', async () => {
    const app = await createTestApplication()
    await act(assessor1, app.id, { intent: 'propose', outcome: 'grant', motivation: 'Plaatsing en geweld zijn aannemelijk.' })

    await ageSession(assessor2, assessor2.id, 10)
    const stepUp = await act(assessor2, app.id, { intent: 'confirm' })
    expect((stepUp as Response).headers.get('Location')).toMatch(/^\/inloggen\/bevestigen/)
    await ageSession(assessor2, assessor2.id, 0)

    expect(statusOf(await act(assessor2, app.id, { intent: 'confirm' }))).toBe(200)
    const [after] = await db.select().from(applications).where(eq(applications.id, app.id))
    expect(after?.status).toBe('confirmed')
    const [confirmed] = await db.select().from(assessments).where(eq(assessments.applicationId, app.id))
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmedBy: assessor2.id, proposedBy: assessor1.id })
    const [outbox] = await db.select().from(handoffOutbox).where(eq(handoffOutbox.applicationId, app.id))
    expect(outbox).toMatchObject({ caseVersion: 1, status: 'pending', webhookId: `case_${app.id}_v1` })
    // Encrypted at rest: the BSN is not readable in the outbox.
    expect(outbox!.payloadEncrypted).not.toContain('111222333')
    const document = await caseDocumentForEndpoint(JSON.parse(decryptField(outbox!.payloadEncrypted)), 'v1')
    expect(CaseDocumentV1Schema.safeParse(document).success).toBe(true)
    expect(document.applicant).toMatchObject({ bsn: '111222333', iban: 'NL91ABNA0417164300', address: { city: 'Utrecht', country: 'NL' } })
    expect(document.assessment.proposedBy.assessorRef).not.toBe(document.assessment.confirmedBy.assessorRef)
    expect(JSON.stringify(document.assessment)).not.toContain(assessor1.id)
  })

  it('an incomplete case cannot be confirmed and the whole confirmation rolls back', async () => {
    const app = await createTestApplication()
    await db.update(applications).set({ addressEncrypted: encryptField('not an address') }).where(eq(applications.id, app.id))
    await act(assessor1, app.id, { intent: 'propose', outcome: 'grant', motivation: 'Aannemelijk.' })
    const result = await act(assessor2, app.id, { intent: 'confirm' })
    expect((result as { data: { error: string } }).data.error).toBe('caseIncomplete')
    const [open] = await db.select().from(assessments).where(eq(assessments.applicationId, app.id))
    expect(open).toMatchObject({ status: 'proposed', confirmedBy: null })
    const [after] = await db.select().from(applications).where(eq(applications.id, app.id))
    expect(after?.status).toBe('proposed')
    expect(await db.select().from(handoffOutbox).where(eq(handoffOutbox.applicationId, app.id))).toHaveLength(0)
    const events = await db.select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.status, 'confirmed')))
    expect(events).toHaveLength(0)
  })

  it('a second assessor can return a proposal with a note', async () => {
    const app = await createTestApplication()
    await act(assessor1, app.id, { intent: 'propose', outcome: 'notEligible', reasonCode: 'placementOutOfScope', motivation: 'Geen plaatsing.' })
    expect(statusOf(await act(assessor2, app.id, { intent: 'return', note: 'Zoek eerst in de archieven.' }))).toBe(200)
    const [row] = await db.select().from(assessments).where(eq(assessments.applicationId, app.id))
    expect(row).toMatchObject({ status: 'returned', returnedBy: assessor2.id })
    const [after] = await db.select().from(applications).where(eq(applications.id, app.id))
    expect(after?.status).toBe('inAssessment')
  })
})

describe('conflicts of interest', () => {
  it('exclude the assessor: 403 on the case (logged) and not in their queue', async () => {
    const persona = await createPersona({ roles: ['assessor'] })
    const app = await createTestApplication()
    const declared = await act(persona, app.id, { intent: 'declareConflict' })
    expect(statusOf(declared)).toBe(302)
    expect(statusOf(await viewCase(persona, app.id))).toBe(403)
    expect(statusOf(await act(persona, app.id, { intent: 'note', body: 'x' }))).toBe(403)
    const denied = await db.select().from(auditLog).where(and(eq(auditLog.actorId, persona.id), eq(auditLog.outcome, 'denied')))
    expect(denied.length).toBeGreaterThan(0)
    const queue = (await queueLoader({ request: makeRequest('/beheer/aanvragen', { cookie: persona.cookie }), params: {}, context: testContext })) as { rows: Array<{ id: string }> }
    expect(queue.rows.map((r) => r.id)).not.toContain(app.id)
    // Another assessor still sees it.
    expect(statusOf(await viewCase(assessor2, app.id))).toBe(200)
  })
})

describe('related items', () => {
  it('shows stories about the same institution and period only with research consent, and other applications only as a count', async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const insertStory = async (title: string) => {
      const [story] = await db
        .insert(stories)
        .values({ authorId: author.id, slug: randomUUID(), institutionName: 'Voorbeeldhuis', decades: ['1970s'], publishedTitle: title, status: 'published' })
        .returning({ id: stories.id })
      return story!.id
    }
    const consented = await insertStory('Met toestemming')
    await insertStory('Zonder toestemming')
    await grantConsent({ subjectRef: author.id, userId: author.id, objectType: 'story', objectId: consented, purpose: 'monument.research', locale: 'nl', channel: 'web' })
    const other = await createTestApplication()
    const app = await createTestApplication()
    const view = (await viewCase(assessor1, app.id)) as { caseView: { related: { stories: Array<{ id: string; title: string }>; otherApplications: number } } }
    expect(view.caseView.related.stories).toEqual([{ id: consented, title: 'Met toestemming', decades: ['1970s'] }])
    expect(view.caseView.related.otherApplications).toBeGreaterThanOrEqual(1)
    expect(JSON.stringify(view.caseView.related)).not.toContain(other.id)
  })
})
