import { and, eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { applicationEvents, applications } from '@db/schema/scheme'
import { createTestApplication } from './for-assessment-testing.server'
import { readApplicationForHandoff } from './for-assessment-handoff.server'
import {
  countOtherApplicationsAtPlaces,
  findApplicationForAssessor,
  getMaskedIdentityForAssessor,
  listApplicationsForQueue,
  listDuplicateLinks,
  revealIdentifierForAssessor,
} from './for-assessment.server'
import { lockApplicationForFundReport } from './fund-status.server'
import { recordAssessmentStatus, recordHandedOff } from './record-assessment-status.server'

afterAll(() => closeDb())

const BSN = '123456782'
const IBAN = 'NL91ABNA0417164300'

describe("the assessors' read models of the application record", () => {
  it('a case carries no encrypted column, and a draft is not a case', async () => {
    const app = await createTestApplication({ bsn: BSN, iban: IBAN })
    const found = await findApplicationForAssessor({ applicationId: app.id })
    expect(found?.app.id).toBe(app.id)
    expect(found?.answers.applicantKind).toBe('self')
    expect(found?.scheme.code).toBeTruthy()
    expect(Object.keys(found!.app).filter((k) => /encrypted|hash/i.test(k))).toEqual([])
    expect(JSON.stringify(found)).not.toContain(BSN)

    const draft = await createTestApplication({ status: 'draft' })
    expect(await findApplicationForAssessor({ applicationId: draft.id })).toBeNull()
    expect(await getMaskedIdentityForAssessor({ applicationId: draft.id })).toBeNull()
    expect(await revealIdentifierForAssessor({ applicationId: draft.id, field: 'bsn' })).toBeNull()
  })

  it('identifiers are masked for the case view and in full only when revealed', async () => {
    const app = await createTestApplication({ bsn: BSN, iban: IBAN })
    const identity = await getMaskedIdentityForAssessor({ applicationId: app.id })
    expect(identity).toMatchObject({ dateOfBirth: '1962-05-17', survivor: null })
    expect(identity?.bsnMasked).toMatch(/\*+6782$/)
    expect(JSON.stringify(identity)).not.toContain(BSN)
    expect(JSON.stringify(identity)).not.toContain(IBAN)
    expect(await revealIdentifierForAssessor({ applicationId: app.id, field: 'bsn' })).toBe(BSN)
    expect(await revealIdentifierForAssessor({ applicationId: app.id, field: 'iban' })).toBe(IBAN)
  })

  it('possible duplicates link both ways, never to a draft', async () => {
    const first = await createTestApplication()
    const second = await createTestApplication()
    const draft = await createTestApplication({ status: 'draft' })
    await db.update(applications).set({ possibleDuplicateOf: first.id }).where(eq(applications.id, second.id))
    await db.update(applications).set({ possibleDuplicateOf: first.id }).where(eq(applications.id, draft.id))
    expect(await listDuplicateLinks({ applicationId: first.id, possibleDuplicateOf: null })).toEqual([{ id: second.id, reference: second.reference }])
    expect(await listDuplicateLinks({ applicationId: second.id, possibleDuplicateOf: first.id })).toEqual([{ id: first.id, reference: first.reference }])
  })

  it('other applications at the same place are a count, without this one, drafts or withdrawn ones', async () => {
    const place = `Huis ${Math.random().toString(36).slice(2)}`
    const answers = { applicant: { kind: 'self' }, placements: [{ from: '1970-01', kind: 'residentialYouthCare', place, inNetherlands: 'yes' }] }
    const own = await createTestApplication({ answers })
    await createTestApplication({ answers })
    await createTestApplication({ answers, status: 'draft' })
    await createTestApplication({ answers, status: 'withdrawn' })
    expect(await countOtherApplicationsAtPlaces({ applicationId: own.id, places: [place.toUpperCase()] })).toBe(1)
    expect(await countOtherApplicationsAtPlaces({ applicationId: own.id, places: [] })).toBe(0)
  })

  it('the queue leaves out the applications it is told to (an assessor’s conflicts)', async () => {
    const shown = await createTestApplication()
    const hidden = await createTestApplication()
    const ids = (await listApplicationsForQueue({ statuses: ['submitted'], excludeIds: [hidden.id] })).map((r) => r.id)
    expect(ids).toContain(shown.id)
    expect(ids).not.toContain(hidden.id)
  })

  it('the hand-off read decrypts what the fund needs, with the documents', async () => {
    const app = await createTestApplication({ bsn: BSN, iban: IBAN })
    const record = await readApplicationForHandoff({ applicationId: app.id })
    expect(record?.identity).toMatchObject({ bsn: BSN, iban: IBAN, dateOfBirth: '1962-05-17', address: { postcode: '3511 AB', town: 'Utrecht' }, survivor: null })
    expect(record?.documents).toEqual([])
    expect(await readApplicationForHandoff({ applicationId: '00000000-0000-4000-8000-000000000000' })).toBeNull()
  })
})

describe("the assessors' steps on the application record", () => {
  it('a step sets the status and adds its timeline line, hidden from the applicant when internal', async () => {
    const app = await createTestApplication()
    await recordAssessmentStatus({ applicationId: app.id, status: 'proposed', visibleToApplicant: false })
    const [row] = await db.select({ status: applications.status }).from(applications).where(eq(applications.id, app.id))
    expect(row?.status).toBe('proposed')
    const events = await db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, app.id))
    expect(events.map((e) => [e.status, e.visibleToApplicant])).toEqual([['proposed', false]])
  })

  it('"handed off" only moves a confirmed case forward, never back from a fund report', async () => {
    const confirmed = await createTestApplication({ status: 'confirmed' })
    const received = await createTestApplication({ status: 'received' })
    expect(await recordHandedOff({ applicationIds: [confirmed.id, received.id] })).toEqual([confirmed.id])
    const statuses = await db.select({ id: applications.id, status: applications.status }).from(applications).where(eq(applications.id, received.id))
    expect(statuses[0]?.status).toBe('received')
    const lines = await db
      .select()
      .from(applicationEvents)
      .where(and(eq(applicationEvents.applicationId, confirmed.id), eq(applicationEvents.status, 'handedOff')))
    expect(lines).toHaveLength(1)
    expect(await recordHandedOff({ applicationIds: [] })).toEqual([])
  })

  it('a fund report finds its case only by both the id and the reference', async () => {
    const app = await createTestApplication({ status: 'handedOff' })
    await db.transaction(async (tx) => {
      expect(await lockApplicationForFundReport({ caseId: app.id, reference: app.reference! }, tx)).toMatchObject({ id: app.id, status: 'handedOff' })
      expect(await lockApplicationForFundReport({ caseId: app.id, reference: 'JZ-0000-000000' }, tx)).toBeNull()
    })
  })
})
