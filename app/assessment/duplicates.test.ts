import { and, eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { auditLog } from '@db/schema/audit'
import { applications } from '@db/schema/scheme'
import { stopPublisher } from '~/jobs/publisher.server'
import { loader as caseLoader } from '~/routes/beheer.aanvragen.$id'
import { createSubmittedApplication } from '~/scheme/testing.server'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'

afterAll(async () => {
  await stopPublisher()
  await closeDb()
})

type CaseData = { caseView: { possibleDuplicate: boolean; duplicates: Array<{ id: string; reference: string | null }> } }

async function openCase(assessor: Persona, id: string) {
  return (await caseLoader({ request: makeRequest(`/beheer/aanvragen/${id}`, { cookie: assessor.cookie }), params: { id }, context: testContext })) as unknown as CaseData
}

describe('a BSN that matches another application flags both', () => {
  it('both applications carry the flag, each case links to the other, and opening the link is logged', async () => {
    const [first, second] = [await createPersona({ roles: ['survivor'] }), await createPersona({ roles: ['survivor'] })]
    const earlier = await createSubmittedApplication({ userId: first.id, bsn: '111222333' })
    const later = await createSubmittedApplication({ userId: second.id, bsn: '111222333' })

    const rows = await db.select({ id: applications.id, possibleDuplicateOf: applications.possibleDuplicateOf }).from(applications)
    expect(rows.find((r) => r.id === later.applicationId)?.possibleDuplicateOf).toBe(earlier.applicationId)
    expect(rows.find((r) => r.id === earlier.applicationId)?.possibleDuplicateOf).toBe(later.applicationId)

    const assessor = await createPersona({ roles: ['assessor'] })
    const fromEarlier = await openCase(assessor, earlier.applicationId)
    expect(fromEarlier.caseView).toMatchObject({ possibleDuplicate: true, duplicates: [{ id: later.applicationId, reference: later.reference }] })
    const fromLater = await openCase(assessor, later.applicationId)
    expect(fromLater.caseView).toMatchObject({ possibleDuplicate: true, duplicates: [{ id: earlier.applicationId, reference: earlier.reference }] })

    // Following a link is an ordinary case view, in the access log like any other.
    const views = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'application.view'), eq(auditLog.actorId, assessor.id)))
    expect(views.map((v) => v.objectId).sort()).toEqual([earlier.applicationId, later.applicationId].sort())
    // Two whole applications (with their PDF copies) take a while on a busy machine.
  }, 120_000)

  it('an application with its own BSN has no flag and no links', async () => {
    const person = await createPersona({ roles: ['survivor'] })
    const own = await createSubmittedApplication({ userId: person.id, bsn: '123456782' })
    const assessor = await createPersona({ roles: ['assessor'] })
    expect((await openCase(assessor, own.applicationId)).caseView).toMatchObject({ possibleDuplicate: false, duplicates: [] })
  }, 120_000)
})
