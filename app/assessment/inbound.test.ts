import { randomUUID } from 'node:crypto'
import { and, asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { mailOutbox } from '@db/schema/accounts'
import { applicationEvents, applications } from '@db/schema/scheme'
import { stopPublisher } from '~/jobs/publisher.server'
import { action as inboundAction } from '~/routes/api.schadefonds.events'
import { loader as applicantLoader } from '~/routes/mijn-aanvraag._index'
import { getApplicantPage } from '~/scheme/applicant-status.server'
import { addDays } from '~/scheme/dates'
import { generateWebhookSecret, signWebhook } from '~/assessment/case-document/webhooks.server'
import { createPersona, makeRequest, testContext } from '~/testing/personas.server'
import { createTestApplication } from '~/scheme/for-assessment-testing.server'

const secret = generateWebhookSecret()
beforeAll(() => {
  process.env.SCHADEFONDS_WEBHOOK_SECRET = secret
})
afterAll(async () => {
  await stopPublisher()
  await closeDb()
})

type App = { id: string; reference: string | null }
const DAY = 24 * 3600_000

/** A signed report from the fund, as its workflow sends it; `id` is the webhook id (the same for a redelivery). */
async function report(app: App, kind: string, occurredAt: Date, extra: Record<string, unknown> = {}, id = `msg_${randomUUID()}`) {
  const body = JSON.stringify({ event: kind, caseId: app.id, reference: app.reference, occurredAt: occurredAt.toISOString(), ...extra })
  const res = await inboundAction({
    request: new Request('http://localhost:3000/api/schadefonds/events', { method: 'POST', headers: { 'content-type': 'application/json', ...signWebhook({ secret, id, body }) }, body }),
    params: {},
    context: testContext,
  })
  return { status: res.status, id }
}

async function statusOf(id: string) {
  const [row] = await db.select().from(applications).where(eq(applications.id, id))
  return row!
}

async function applicantView(cookie: string) {
  const data = (await applicantLoader({ request: makeRequest('/mijn-aanvraag', { cookie }), params: {}, context: testContext })) as Awaited<ReturnType<typeof getApplicantPage>>
  return data.applications[0]!
}

describe('the fund reports back: the status only moves forward', () => {
  it('received → decided (granted, €5,000) → paid → a late "received": the applicant still sees paid, the outcome, the amount and the objection term until it ends', async () => {
    const applicant = await createPersona({ roles: ['survivor'] })
    const app = await createTestApplication({ applicantUserId: applicant.id, status: 'handedOff' })
    const now = Date.now()
    const decidedAt = new Date(now - 3 * DAY)
    expect((await report(app, 'received', new Date(now - 10 * DAY))).status).toBe(200)
    expect((await report(app, 'decided', decidedAt, { outcome: 'granted', amountCents: 500_000 })).status).toBe(200)
    expect((await report(app, 'paid', new Date(now - DAY), { amountCents: 500_000 })).status).toBe(200)
    const mailsBefore = await db.select().from(mailOutbox).where(eq(mailOutbox.userId, applicant.id))
    // The fund's system sends "received" again, correctly signed, after the payment.
    expect((await report(app, 'received', new Date(now))).status).toBe(200)

    expect(await statusOf(app.id)).toMatchObject({ status: 'paid', decidedAt, paidAt: new Date(now - DAY) })
    const seen = await applicantView(applicant.cookie)
    expect(seen).toMatchObject({ status: 'paid', decision: { outcome: 'granted' }, amountCents: 500_000, decisionDue: null })
    expect(seen.objectionUntil).not.toBeNull()
    // The late report is in the history for the assessors, not on the applicant's timeline, and mails no one.
    expect(seen.events.map((e) => e.status)).toEqual(['received', 'decided', 'paid'])
    const late = await db
      .select()
      .from(applicationEvents)
      .where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.note, 'lateReport')))
    expect(late).toMatchObject([{ status: 'received', visibleToApplicant: false }])
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.userId, applicant.id))).toHaveLength(mailsBefore.length)

    // The objection term is on the page through its last day, also after payment, and gone the day after.
    const lastDay = seen.objectionUntil!
    const onLastDay = await getApplicantPage({ userId: applicant.id, now: new Date(`${lastDay}T20:00:00+01:00`) })
    expect(onLastDay.applications[0]!.objectionUntil).toBe(lastDay)
    const dayAfter = await getApplicantPage({ userId: applicant.id, now: new Date(`${addDays(lastDay, 1)}T09:00:00+01:00`) })
    expect(dayAfter.applications[0]!.objectionUntil).toBeNull()
  })

  it('paid arriving before decided ends paid with the decision; a duplicate delivery changes nothing', async () => {
    const applicant = await createPersona({ roles: ['survivor'] })
    const app = await createTestApplication({ applicantUserId: applicant.id, status: 'handedOff' })
    const now = Date.now()
    await report(app, 'paid', new Date(now - DAY), { amountCents: 500_000 })
    expect((await statusOf(app.id)).status).toBe('paid')
    const decided = await report(app, 'decided', new Date(now - 2 * DAY), { outcome: 'granted', amountCents: 500_000 })
    expect(decided.status).toBe(200)
    const after = await statusOf(app.id)
    expect(after).toMatchObject({ status: 'paid', decidedAt: new Date(now - 2 * DAY) })
    const seen = await applicantView(applicant.cookie)
    expect(seen).toMatchObject({ status: 'paid', decision: { outcome: 'granted' }, amountCents: 500_000 })
    // The timeline follows the fund's times, not the arrival order.
    expect(seen.events.map((e) => e.status)).toEqual(['decided', 'paid'])

    // The same webhook again: refused as a replay, nothing added.
    const events = await db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, app.id)).orderBy(asc(applicationEvents.at))
    const body = JSON.stringify({ event: 'decided', caseId: app.id, reference: app.reference, occurredAt: new Date(now - 2 * DAY).toISOString(), outcome: 'granted', amountCents: 500_000 })
    const again = await inboundAction({
      request: new Request('http://localhost:3000/api/schadefonds/events', { method: 'POST', headers: { 'content-type': 'application/json', ...signWebhook({ secret, id: decided.id, body }) }, body }),
      params: {},
      context: testContext,
    })
    expect(again.status).toBe(409)
    expect(await db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, app.id))).toHaveLength(events.length)
    expect(await statusOf(app.id)).toEqual(after)
  })

  it('a refusal shows as refused, without an amount; an old-style decision without an amount still parses', async () => {
    const applicant = await createPersona({ roles: ['survivor'] })
    const app = await createTestApplication({ applicantUserId: applicant.id, status: 'handedOff' })
    expect((await report(app, 'decided', new Date(), { outcome: 'rejected', reasonCode: 'notPlausible' })).status).toBe(200)
    expect(await applicantView(applicant.cookie)).toMatchObject({ status: 'decided', decision: { outcome: 'rejected' }, amountCents: null })
  })
})
