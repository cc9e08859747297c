import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { mailOutbox } from '@db/schema/accounts'
import { auditLog } from '@db/schema/audit'
import { consentEvents } from '@db/schema/consent'
import { helpMessages, helpReferrals, helpRequests } from '@db/schema/triage'
import { exportUserData } from '~/privacy/data-registry.server'
import '~/privacy/registrations.server'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import { exportFiguresCsv, getAnonymisedFigures, getTriageDashboard } from './figures.server'
import { createTestEntry } from '~/referrals/for-triage.server'
import { getRequestByGuestToken } from './ask-guidance.server'
import { takeRequest, transferRequest } from './fixed-contact.server'
import { TriageError } from './help-request.server'
import { sendWorkerMessage } from './messages.server'
import { answerReferral, proposeReferral, referralConsentObjectId } from './referral.server'
import { addNote, flagDueFollowUps, logContactAttempt, markInCare, withdrawRequest } from './request-progress.server'
import { listQueue, loadStaffRequestPage } from './staff-view.server'
import { getSurvivorView } from './survivor-view.server'
import { createTestRequest } from './testing.server'

afterAll(() => closeDb())

let survivorA: Persona
let survivorB: Persona
let worker1: Persona
let worker2: Persona
const w = (p: Persona) => ({ id: p.id, roles: p.roles })
const DAY = 24 * 60 * 60 * 1000

beforeAll(async () => {
  survivorA = await createPersona({ roles: ['survivor'] })
  survivorB = await createPersona({ roles: ['survivor'] })
  worker1 = await createPersona({ roles: ['triage'] })
  worker2 = await createPersona({ roles: ['triage'] })
})

/** The worker's page for a request, as the route loads it: what they may see of it. */
async function openRequestForStaff(args: Omit<Parameters<typeof loadStaffRequestPage>[0], 'locale'>) {
  return (await loadStaffRequestPage({ ...args, locale: 'nl' }))?.view
}

async function load(id: string) {
  const [row] = await db.select().from(helpRequests).where(eq(helpRequests.id, id))
  return row!
}

function askForm(overrides: Record<string, string> = {}) {
  return {
    inDanger: 'no',
    needs: 'peerContact',
    channel: 'phone',
    phone: '06-1234 5678',
    voicemail: 'no',
    safeTimes: 'Na 19 uur',
    neutralName: 'Anne',
    language: 'nl',
    interpreter: 'none',
    agree: 'on',
    ...overrides,
  }
}

describe('asking for guidance', () => {
  it('answers "in danger" with 113/112 and creates nothing until the person continues', async () => {
    const { action } = await import('~/routes/hulp.begeleiding._index')
    const before = (await db.select().from(helpRequests)).length
    const crisis = (await action({ request: makeRequest('/hulp/begeleiding', { method: 'POST', form: askForm({ inDanger: 'yes' }) }), params: {}, context: testContext })) as {
      data: { crisis?: boolean; result?: { initialValue?: Record<string, unknown> } }
    }
    expect(crisis.data.crisis).toBe(true)
    // What was typed comes back, so nothing is lost.
    expect(crisis.data.result?.initialValue?.safeTimes).toBe('Na 19 uur')
    expect((await db.select().from(helpRequests)).length).toBe(before)

    const created = (await action({
      request: makeRequest('/hulp/begeleiding', { method: 'POST', form: askForm({ inDanger: 'yes', crisisSeen: 'yes' }) }),
      params: {},
      context: testContext,
    })) as { data: { trackingLink?: string } }
    expect(created.data.trackingLink).toMatch(/\/hulp\/begeleiding\/volg\/[A-Za-z0-9_-]{20,}$/)
    expect((await db.select().from(helpRequests)).length).toBe(before + 1)
    const token = created.data.trackingLink!.split('/').at(-1)!
    const found = await getRequestByGuestToken({ token })
    expect(found).not.toBeNull()
    // Only the hash is stored; contact details are encrypted at rest.
    expect(found!.guestTokenHash).not.toContain(token)
    expect(found!.contactEncrypted).not.toContain('612345678')
    expect(found!.subjectRef).toMatch(/^guest_/)
  })

  it('keeps a signed-in survivor’s request on their account with a normalised number', async () => {
    const { action } = await import('~/routes/hulp.begeleiding._index')
    const response = (await action({ request: makeRequest('/hulp/begeleiding', { method: 'POST', cookie: survivorA.cookie, form: askForm({ asAccount: 'yes' }) }), params: {}, context: testContext })) as Response
    expect(response.status).toBe(302)
    const id = response.headers.get('Location')!.split('/').at(-1)!.split('?')[0]!
    const row = await load(id)
    expect(row.userId).toBe(survivorA.id)
    expect(row.voicemailAllowed).toBe(false)
    await takeRequest({ worker: w(worker1), requestId: id })
    const view = await openRequestForStaff({ worker: w(worker1), requestId: id })
    expect(view?.access === 'mine' && view.details.contact.phone).toBe('06 12345678')
  })

  it('reports a missing phone number next to the field and keeps what was typed', async () => {
    const { action } = await import('~/routes/hulp.begeleiding._index')
    const result = (await action({ request: makeRequest('/hulp/begeleiding', { method: 'POST', form: askForm({ phone: '' }) }), params: {}, context: testContext })) as {
      init: { status: number }
      data: { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } }
    }
    expect(result.init.status).toBe(400)
    expect(result.data.result.error.phone).toEqual(['triage:ask.errors.phoneRequired'])
    expect(result.data.result.initialValue.neutralName).toBe('Anne')
  })
})

describe('the fixed contact person', () => {
  it('only the contact person reads details; another worker’s attempt is logged as denied', async () => {
    const { id } = await createTestRequest({ userId: survivorA.id })
    const before = await openRequestForStaff({ worker: w(worker2), requestId: id })
    expect(before?.access).toBe('unassigned')
    expect(JSON.stringify(before)).not.toContain('612345678')

    await takeRequest({ worker: w(worker1), requestId: id })
    await addNote({ worker: w(worker1), requestId: id, body: 'Belt liever na het eten.' })
    const mine = await openRequestForStaff({ worker: w(worker1), requestId: id })
    expect(mine?.access).toBe('mine')
    expect(mine?.access === 'mine' && mine.details.notes[0]?.body).toBe('Belt liever na het eten.')

    const foreign = await openRequestForStaff({ worker: w(worker2), requestId: id, ip: '127.0.0.1' })
    expect(foreign?.access).toBe('foreign')
    expect(JSON.stringify(foreign)).not.toContain('Belt liever')
    const logged = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, id), eq(auditLog.actorId, worker2.id), eq(auditLog.action, 'helpRequest.detailsAttempt')))
    expect(logged).toHaveLength(1)
    expect(logged[0]!.outcome).toBe('denied')
    expect(logged[0]!.subjectId).toBe(survivorA.id)

    await expect(addNote({ worker: w(worker2), requestId: id, body: 'x' })).rejects.toThrow(TriageError)
    await expect(takeRequest({ worker: w(worker2), requestId: id })).rejects.toThrow('alreadyTaken')
  })

  it('a take-over makes the other worker the contact person, is logged, and tells the survivor', async () => {
    const { id } = await createTestRequest({ userId: survivorA.id })
    await takeRequest({ worker: w(worker1), requestId: id })
    await transferRequest({ worker: w(worker2), requestId: id, toWorkerId: worker2.id, takeOver: true })
    expect((await load(id)).contactPersonId).toBe(worker2.id)
    expect((await openRequestForStaff({ worker: w(worker2), requestId: id }))?.access).toBe('mine')
    const logged = await db.select().from(auditLog).where(and(eq(auditLog.objectId, id), eq(auditLog.action, 'helpRequest.takeOver')))
    expect(logged.map((r) => r.actorId)).toEqual([worker2.id])
    const view = await getSurvivorView({ request: await load(id) })
    expect(view.messages.at(-1)?.body).toContain('Ik ben vanaf nu je contactpersoon')
  })

  it('refuses a voicemail the survivor did not allow; a reached call is first contact', async () => {
    const { id } = await createTestRequest({ userId: survivorA.id })
    await takeRequest({ worker: w(worker1), requestId: id })
    await expect(logContactAttempt({ worker: w(worker1), requestId: id, channel: 'phone', outcome: 'voicemailLeft' })).rejects.toThrow('voicemailNotAllowed')
    await logContactAttempt({ worker: w(worker1), requestId: id, channel: 'phone', outcome: 'noAnswer' })
    expect((await load(id)).firstContactAt).toBeNull()
    await logContactAttempt({ worker: w(worker1), requestId: id, channel: 'phone', outcome: 'reached' })
    const row = await load(id)
    expect(row.firstContactAt).not.toBeNull()
    expect(row.status).toBe('inContact')
  })

  it('transfer changes the contact person and tells the survivor in the portal and by mail', async () => {
    const { id } = await createTestRequest({ userId: survivorA.id })
    await takeRequest({ worker: w(worker1), requestId: id })
    await expect(transferRequest({ worker: w(worker2), requestId: id, toWorkerId: worker2.id })).rejects.toThrow('notContact')
    await expect(transferRequest({ worker: w(worker1), requestId: id, toWorkerId: survivorB.id })).rejects.toThrow('notTriageWorker')
    await transferRequest({ worker: w(worker1), requestId: id, toWorkerId: worker2.id })
    expect((await load(id)).contactPersonId).toBe(worker2.id)
    expect((await openRequestForStaff({ worker: w(worker1), requestId: id }))?.access).toBe('foreign')
    const messages = await db.select().from(helpMessages).where(eq(helpMessages.requestId, id))
    expect(messages).toHaveLength(1)
    const mails = await db.select().from(mailOutbox).where(and(eq(mailOutbox.userId, survivorA.id), eq(mailOutbox.template, 'statusChanged')))
    expect(mails.length).toBeGreaterThanOrEqual(2) // taken, then transferred
    const view = await getSurvivorView({ request: await load(id) })
    expect(view.contactFirstName).toBe('Test')
    expect(view.timeline.map((e) => e.kind)).toEqual(['created', 'taken', 'transferred'])
  })

  it('a message mails only that there is a message, never its content', async () => {
    const { id } = await createTestRequest({ userId: survivorA.id })
    await takeRequest({ worker: w(worker1), requestId: id })
    await sendWorkerMessage({ worker: w(worker1), requestId: id, body: 'Geheime inhoud van het bericht' })
    const [mail] = await db.select().from(mailOutbox).where(and(eq(mailOutbox.userId, survivorA.id), eq(mailOutbox.template, 'newMessage')))
    expect(mail).toBeDefined()
    expect(`${mail!.subject} ${mail!.text}`).not.toContain('Geheime')
    expect((await load(id)).firstContactAt).not.toBeNull()
    const view = await getSurvivorView({ request: await load(id) })
    expect(view.messages.map((m) => m.body)).toContain('Geheime inhoud van het bericht')
  })
})

describe('referral', () => {
  it('requires the survivor’s consent per organisation and records it in the ledger', async () => {
    const entryId = await createTestEntry()
    const { id } = await createTestRequest({ userId: survivorA.id })
    await takeRequest({ worker: w(worker1), requestId: id })
    await proposeReferral({ worker: w(worker1), requestId: id, entryId, fields: ['needs', 'contactDetails'], consentGivenByPhone: false })
    const [referral] = await db.select().from(helpReferrals).where(eq(helpReferrals.requestId, id))
    expect(referral!.status).toBe('proposed')
    // Nothing is shared before the survivor answers: the request is not referred yet.
    expect((await load(id)).status).toBe('new')

    const view = await getSurvivorView({ request: await load(id) })
    expect(view.proposals[0]?.fields).toEqual(['needs', 'contactDetails'])
    await answerReferral({ request: await load(id), referralId: referral!.id, agree: true, locale: 'nl' })
    const events = await db.select().from(consentEvents).where(eq(consentEvents.objectId, referralConsentObjectId(id, entryId)))
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ purpose: 'referral.shareWithOrganisation', action: 'grant', channel: 'web', objectType: 'helpRequest', userId: survivorA.id })
    const row = await load(id)
    expect(row.status).toBe('referred')
    expect(row.contactPersonId).toBe(worker1.id)
    const after = await getSurvivorView({ request: row })
    expect(after.shared.map((s) => s.consentActive)).toEqual([true])
  })

  it('records consent given in a conversation with the worker who took it', async () => {
    const entryId = await createTestEntry()
    const { id } = await createTestRequest({ userId: survivorA.id })
    await takeRequest({ worker: w(worker1), requestId: id })
    await proposeReferral({ worker: w(worker1), requestId: id, entryId, fields: ['needs'], consentGivenByPhone: true })
    const [event] = await db.select().from(consentEvents).where(eq(consentEvents.objectId, referralConsentObjectId(id, entryId)))
    expect(event).toMatchObject({ channel: 'staffRecorded', recordedBy: worker1.id })
    expect((await load(id)).status).toBe('referred')
  })

  it('flags a follow-up as due fourteen days after a referral without "in care"', async () => {
    const entryId = await createTestEntry()
    const { id } = await createTestRequest({ userId: survivorA.id })
    await takeRequest({ worker: w(worker1), requestId: id })
    await proposeReferral({ worker: w(worker1), requestId: id, entryId, fields: ['needs'], consentGivenByPhone: true })
    const referredAt = (await load(id)).referredAt!
    await flagDueFollowUps({ now: new Date(referredAt.getTime() + 13 * DAY) })
    expect((await load(id)).followUpFlaggedAt).toBeNull()
    expect((await listQueue({ worker: w(worker1), now: new Date(referredAt.getTime() + 13 * DAY) })).find((r) => r.id === id)?.followUpDue).toBe(false)
    expect(await flagDueFollowUps({ now: new Date(referredAt.getTime() + 14 * DAY + 1000) })).toBeGreaterThanOrEqual(1)
    expect((await load(id)).followUpFlaggedAt).not.toBeNull()
    expect((await listQueue({ worker: w(worker1) })).find((r) => r.id === id)?.followUpDue).toBe(true)
    await markInCare({ worker: w(worker1), requestId: id })
    expect((await load(id)).status).toBe('inCare')
  })
})

describe('figures', () => {
  it('dashboard: time to first contact, share within two working days, load and overdue', async () => {
    await db.delete(helpRequests)
    const monday = new Date('2026-11-16T09:00:00Z')
    const fast = await createTestRequest({ userId: survivorB.id })
    const slow = await createTestRequest({ userId: survivorB.id })
    const waiting = await createTestRequest({ userId: survivorB.id })
    await takeRequest({ worker: w(worker1), requestId: fast.id })
    await takeRequest({ worker: w(worker1), requestId: slow.id })
    await db.update(helpRequests).set({ createdAt: monday, firstContactAt: new Date(monday.getTime() + 4 * 60 * 60 * 1000) }).where(eq(helpRequests.id, fast.id))
    await db.update(helpRequests).set({ createdAt: monday, firstContactAt: new Date(monday.getTime() + 4 * DAY) }).where(eq(helpRequests.id, slow.id))
    await db.update(helpRequests).set({ createdAt: monday }).where(eq(helpRequests.id, waiting.id))
    const d = await getTriageDashboard({ now: new Date('2026-11-23T09:00:00Z') })
    expect(d.firstContact.count).toBe(2)
    expect(d.firstContact.medianHours).toBe(50) // (4 + 96) / 2
    // fast in time; slow late; waiting past its deadline without contact: 1 of 3.
    expect(d.firstContact.withinTargetShare).toBeCloseTo(1 / 3)
    expect(d.unassigned).toBe(1)
    expect(d.openByAge.find((b) => b.bucket === 'upTo7Days')?.count).toBe(3)
    expect(d.workers).toEqual([expect.objectContaining({ workerId: worker1.id, open: 2, overdue: 0 })])
    expect(d.overdue.map((o) => o.id)).toEqual([waiting.id])
  })

  it('anonymised figures suppress counts under 5, and the CSV export is logged', async () => {
    await db.delete(helpRequests)
    for (let i = 0; i < 5; i++) await createTestRequest({ userId: null, overrides: { setting: 'fosterFamily', region: 'utrecht' } })
    for (let i = 0; i < 2; i++) await createTestRequest({ userId: null, overrides: { setting: 'closedYouthCare', region: 'limburg' } })
    const figures = await getAnonymisedFigures()
    const count = (dimension: string, value: string) => figures.rows.find((r) => r.dimension === dimension && r.value === value)?.count
    expect(count('setting', 'fosterFamily')).toBe('5')
    expect(count('setting', 'closedYouthCare')).toBe('<5')
    expect(count('region', 'limburg')).toBe('<5')
    expect(count('need', 'peerContact')).toBe('7')
    expect(figures.medianDaysToCare).toBeNull()
    const admin = await createPersona({ roles: ['admin'] })
    const csv = await exportFiguresCsv({ admin: { id: admin.id, roles: admin.roles } })
    expect(csv).toContain('setting,closedYouthCare,<5')
    expect(csv).toContain('setting,fosterFamily,5')
    const logged = await db.select().from(auditLog).where(and(eq(auditLog.actorId, admin.id), eq(auditLog.action, 'figures.export')))
    expect(logged).toHaveLength(1)
  })
})

describe('the survivor’s side', () => {
  it('survivor B gets 404 on survivor A’s request', async () => {
    const { loader } = await import('~/routes/mijn-hulp.$id')
    const { id } = await createTestRequest({ userId: survivorA.id })
    const own = await loader({ request: makeRequest(`/mijn-hulp/${id}`, { cookie: survivorA.cookie }), params: { id }, context: testContext })
    expect((own as { view: { id: string } }).view.id).toBe(id)
    const foreign = await loader({ request: makeRequest(`/mijn-hulp/${id}`, { cookie: survivorB.cookie }), params: { id }, context: testContext }).catch((r: unknown) => r)
    expect((foreign as Response).status).toBe(404)
  })

  it('withdrawing ends the request; notes are in the survivor’s data export', async () => {
    const { id } = await createTestRequest({ userId: survivorA.id })
    await takeRequest({ worker: w(worker1), requestId: id })
    await addNote({ worker: w(worker1), requestId: id, body: 'Notitie over A' })
    await withdrawRequest({ request: await load(id) })
    expect((await load(id)).status).toBe('withdrawn')
    const exported = await exportUserData({ userId: survivorA.id })
    const triage = exported.sections.triage as { requests: Array<{ id: string; notesByTriageStaff: Array<{ text: string }> }> }
    expect(triage.requests.find((r) => r.id === id)?.notesByTriageStaff.map((n) => n.text)).toEqual(['Notitie over A'])
    const other = (await exportUserData({ userId: survivorB.id })).sections.triage as { requests: Array<{ id: string }> }
    expect(other.requests.map((r) => r.id)).not.toContain(id)
  })
})
