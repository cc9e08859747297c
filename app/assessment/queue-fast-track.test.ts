import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { applications } from '@db/schema/scheme'
import { stopPublisher } from '~/jobs/publisher.server'
import { loader as queueLoader } from '~/routes/beheer.aanvragen._index'
import { action as stepAction } from '~/routes/regeling.aanvraag.$stap'
import { PersonalPartSchema } from '~/scheme/application-form'
import { createTestApplication } from '~/scheme/for-assessment-testing.server'
import { decisionTimeFigures } from '~/scheme/for-assessment-figures.server'
import { getCurrentApplication } from '~/scheme/draft-store.server'
import { readAnswers } from '~/scheme/answers'
import { savePersonalPart } from '~/scheme/save-answers.server'
import { submitApplication } from '~/scheme/submit-application.server'
import { fillInApplication } from '~/scheme/testing.server'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'

const DAY = 86_400_000
let assessor: Persona

beforeAll(async () => {
  assessor = await createPersona({ roles: ['assessor'] })
})
afterAll(async () => {
  await stopPublisher()
  await closeDb()
})

async function submitted(id: string) {
  const [row] = await db.select({ fastTrack: applications.fastTrack, reasons: applications.fastTrackReasons, answers: applications.answers }).from(applications).where(eq(applications.id, id))
  return row!
}

describe('fast track at submission', () => {
  it('marks a 78-year-old applicant (from the encrypted birth date), and not a 66-year-old', async () => {
    const old = await createPersona({ roles: ['survivor'] })
    const ids = await fillInApplication({ userId: old.id, bsn: '111222333' })
    const personal = { fullName: 'Oude Aanvrager', dateOfBirth: '1948-03-02', bsn: '111222333', street: 'Laan', houseNumber: '2', postcode: '1234ab', town: 'Ede', email: 'oud@example.org', iban: 'NL91ABNA0417164300', accountHolder: 'O. Aanvrager' }
    await savePersonalPart({ ...ids, value: PersonalPartSchema.parse(personal) })
    const a = await submitApplication({ userId: old.id, submitToken: 'ft-old', locale: 'nl' })
    if (!a.ok) throw new Error(a.error)
    expect(await submitted(a.applicationId)).toMatchObject({ fastTrack: true, reasons: ['age75'] })

    const young = await createPersona({ roles: ['survivor'] })
    await fillInApplication({ userId: young.id, bsn: '123456782' })
    const b = await submitApplication({ userId: young.id, submitToken: 'ft-young', locale: 'nl' })
    if (!b.ok) throw new Error(b.error)
    expect(await submitted(b.applicationId)).toMatchObject({ fastTrack: false, reasons: [] })
  })

  it('takes "I am seriously ill" from the conversation page, and unticking it takes it back', async () => {
    const ill = await createPersona({ roles: ['survivor'] })
    const ids = await fillInApplication({ userId: ill.id, bsn: '100000009' })
    const post = (form: Record<string, string>) =>
      stepAction({ request: makeRequest('/regeling/aanvraag/gesprek', { cookie: ill.cookie, method: 'POST', form }), params: { stap: 'gesprek' }, context: testContext })
    await post({ wish: 'no', seriouslyIll: 'on' })
    let draft = await getCurrentApplication(ids)
    expect(readAnswers(draft!.answers).fastTrack).toEqual({ seriouslyIll: true })
    await post({ wish: 'yes' })
    draft = await getCurrentApplication(ids)
    expect(readAnswers(draft!.answers).fastTrack).toEqual({ seriouslyIll: false })
    // A hostile value is refused next to the field, not stored.
    const bad = (await post({ wish: 'no', seriouslyIll: 'x'.repeat(5000) })) as unknown as { init?: { status?: number } }
    expect(bad.init?.status).toBe(400)
    await post({ wish: 'no', seriouslyIll: 'on' })
    const c = await submitApplication({ userId: ill.id, submitToken: 'ft-ill', locale: 'nl' })
    if (!c.ok) throw new Error(c.error)
    const row = await submitted(c.applicationId)
    expect(row).toMatchObject({ fastTrack: true, reasons: ['seriouslyIll'] })
    expect(JSON.stringify(row.answers)).not.toMatch(/1960-04-02/)
  })
})

describe('the queue', () => {
  it('puts fast-track applications first, marked with their reasons, then the oldest first', async () => {
    const now = Date.now()
    const oldest = await createTestApplication({ submittedAt: new Date(now - 40 * DAY) })
    const older = await createTestApplication({ submittedAt: new Date(now - 30 * DAY) })
    const fast = await createTestApplication({ submittedAt: new Date(now - 2 * DAY) })
    await db.update(applications).set({ fastTrack: true, fastTrackReasons: ['age75'] }).where(eq(applications.id, fast.id))
    const data = (await queueLoader({ request: makeRequest('/beheer/aanvragen', { cookie: assessor.cookie }), params: {}, context: testContext })) as unknown as {
      rows: Array<{ id: string; fastTrack: boolean; fastTrackReasons: string[] }>
      figures: unknown[]
    }
    const ids = data.rows.map((r) => r.id)
    const fastRows = data.rows.filter((r) => r.fastTrack)
    // Every fast-track row comes before every other row.
    expect(ids.indexOf(fast.id)).toBeLessThan(ids.indexOf(oldest.id))
    expect(ids.slice(0, fastRows.length).every((id) => fastRows.some((r) => r.id === id))).toBe(true)
    expect(ids.indexOf(oldest.id)).toBeLessThan(ids.indexOf(older.id))
    expect(data.rows.find((r) => r.id === fast.id)?.fastTrackReasons).toEqual(['age75'])
    expect(data.figures).toHaveLength(2)
  })

  it('shows median days to a decision and of waiting, fast track against the rest', async () => {
    await db.update(applications).set({ status: 'withdrawn' }).where(inArray(applications.status, ['submitted']))
    const now = new Date('2026-12-07T12:00:00Z')
    const make = async (submittedDaysAgo: number, decidedDaysAgo: number | null, fastTrack: boolean) => {
      const app = await createTestApplication({ submittedAt: new Date(now.getTime() - submittedDaysAgo * DAY) })
      await db
        .update(applications)
        .set({ fastTrack, status: decidedDaysAgo === null ? 'inAssessment' : 'decided', decidedAt: decidedDaysAgo === null ? null : new Date(now.getTime() - decidedDaysAgo * DAY) })
        .where(eq(applications.id, app.id))
    }
    // Fast track: decided after 10 and 20 days; one waiting 4 days.
    await make(30, 20, true)
    await make(25, 5, true)
    await make(4, null, true)
    // Others: decided after 100, 120 and 150 days; two waiting 50 and 70 days.
    await make(200, 100, false)
    await make(180, 60, false)
    await make(160, 10, false)
    await make(50, null, false)
    await make(70, null, false)
    const figures = await decisionTimeFigures({ now })
    expect(figures).toEqual([
      { fastTrack: true, decided: 2, medianDaysToDecision: 15, waiting: 1, medianDaysWaiting: 4 },
      { fastTrack: false, decided: 3, medianDaysToDecision: 120, waiting: 2, medianDaysWaiting: 60 },
    ])
  })
})
