import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { applications } from '@db/schema/scheme'
import { eraseUserData, exportUserData } from '~/privacy/data-registry.server'
import '~/privacy/registrations.server'
import { createPersona, makeRequest, testContext } from '~/testing/personas.server'
import * as kopie from '../routes/mijn-aanvraag.$id.kopie'
import * as step from '../routes/regeling.aanvraag.$stap'
import * as check from '../routes/regeling.aanvraag.controleren'
import * as tasks from '../routes/regeling.aanvraag._index'
import { createSubmittedApplication, fillInApplication, TINY_PDF } from './testing.server'

afterAll(() => closeDb())

type Reply = { data: { result: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } }; init: { status: number } }

const personal = {
  intent: 'continue',
  fullName: 'Els de Vries',
  dateOfBirth: '1965-02-01',
  bsn: '123456789',
  street: 'Kerkstraat',
  houseNumber: '12',
  postcode: '3512 AB',
  town: 'Utrecht',
  email: 'els@example.org',
  iban: 'NL91ABNA0417164301',
  accountHolder: 'E. de Vries',
}

describe('application routes', () => {
  it('an invalid BSN and IBAN come back with clear messages and nothing typed is lost; a valid page saves and moves on', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const bad = (await step.action({ request: makeRequest('/regeling/aanvraag/persoonlijke-gegevens', { cookie: a.cookie, method: 'POST', form: personal }), params: { stap: 'persoonlijke-gegevens' }, context: testContext })) as unknown as Reply
    expect(bad.init.status).toBe(400)
    expect(bad.data.result.error?.bsn).toEqual(['scheme:validation.bsnInvalid'])
    expect(bad.data.result.error?.iban).toEqual(['scheme:validation.ibanInvalid'])
    expect(bad.data.result.initialValue).toMatchObject({ fullName: 'Els de Vries', street: 'Kerkstraat', bsn: '123456789' })

    const good = (await step.action({
      request: makeRequest('/regeling/aanvraag/persoonlijke-gegevens', { cookie: a.cookie, method: 'POST', form: { ...personal, bsn: '123456782', iban: 'NL91ABNA0417164300' } }),
      params: { stap: 'persoonlijke-gegevens' },
      context: testContext,
    })) as Response
    expect(good.status).toBe(302)
    expect(good.headers.get('Location')).toBe('/regeling/aanvraag/plaatsingen')

    // Save and return: a new visit shows the part as done and the details filled in again.
    const list = (await tasks.loader({ request: makeRequest('/regeling/aanvraag', { cookie: a.cookie }), params: {}, context: testContext })) as { open: boolean; states?: Record<string, string> }
    expect(list.states?.personal).toBe('done')
    const page = (await step.loader({ request: makeRequest('/regeling/aanvraag/persoonlijke-gegevens', { cookie: a.cookie }), params: { stap: 'persoonlijke-gegevens' }, context: testContext })) as {
      own: { bsn: string; iban: string } | null
    }
    expect(page.own).toMatchObject({ bsn: '123456782', iban: 'NL91ABNA0417164300' })
  })

  it('uploads evidence through the multipart form (streamed, typed by content) and refuses other files', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const upload = (name: string, bytes: Buffer) => {
      const form = new FormData()
      form.append('intent', 'upload')
      form.append('type', 'courtRuling')
      form.append('file', new File([new Uint8Array(bytes)], name, { type: 'application/pdf' }))
      return new Request('http://localhost:3000/regeling/aanvraag/bewijs', { method: 'POST', body: form, headers: { Cookie: a.cookie } })
    }
    const ok = (await step.action({ request: upload('uitspraak.pdf', TINY_PDF), params: { stap: 'bewijs' }, context: testContext })) as Response
    expect(ok.headers.get('Location')).toBe('/regeling/aanvraag/bewijs?toegevoegd=1')
    const refused = (await step.action({ request: upload('nep.pdf', Buffer.from('<html>not a pdf</html>')), params: { stap: 'bewijs' }, context: testContext })) as unknown as Reply
    expect(refused.init.status).toBe(400)
    expect(refused.data.result.error?.file).toEqual(['scheme:evidence.errors.type'])
    const page = (await step.loader({ request: makeRequest('/regeling/aanvraag/bewijs', { cookie: a.cookie }), params: { stap: 'bewijs' }, context: testContext })) as {
      documents: Array<{ type: string; fileName: string }>
    }
    expect(page.documents).toEqual([expect.objectContaining({ type: 'courtRuling', fileName: 'uitspraak.pdf' })])
  })

  it('posting the check page twice (double click, retry) creates one application', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    await fillInApplication({ userId: a.id })
    const view = (await check.loader({ request: makeRequest('/regeling/aanvraag/controleren', { cookie: a.cookie }), params: {}, context: testContext })) as { submitToken: string; complete: boolean }
    expect(view.complete).toBe(true)
    const post = () =>
      check.action({ request: makeRequest('/regeling/aanvraag/controleren', { cookie: a.cookie, method: 'POST', form: { submitToken: view.submitToken } }), params: {}, context: testContext }) as Promise<Response>
    const [one, two] = await Promise.all([post(), post()])
    expect([one.status, two.status]).toEqual([302, 302])
    expect(one.headers.get('Location')).toBe('/mijn-aanvraag?verstuurd=1')
    const rows = await db.select().from(applications).where(eq(applications.applicantUserId, a.id))
    expect(rows.map((r) => r.status)).toEqual(['submitted'])
  })

  it("serves the PDF copy to its owner and 404 to someone else", async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const b = await createPersona({ roles: ['survivor'] })
    const { applicationId } = await createSubmittedApplication({ userId: a.id })
    const own = (await kopie.loader({ request: makeRequest(`/mijn-aanvraag/${applicationId}/kopie`, { cookie: a.cookie }), params: { id: applicationId }, context: testContext })) as Response
    expect(own.status).toBe(200)
    expect(own.headers.get('Content-Type')).toBe('application/pdf')
    expect(Buffer.from(await own.arrayBuffer()).subarray(0, 4).toString()).toBe('%PDF')
    const foreign = await kopie
      .loader({ request: makeRequest(`/mijn-aanvraag/${applicationId}/kopie`, { cookie: b.cookie }), params: { id: applicationId }, context: testContext })
      .catch((r: Response) => r)
    expect((foreign as Response).status).toBe(404)
  })
})

describe('personal data', () => {
  it('exports the own application decrypted; erasure deletes drafts and keeps submitted applications with a reason', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const { applicationId } = await createSubmittedApplication({ userId: a.id })
    const exported = await exportUserData({ userId: a.id })
    const section = exported.sections.scheme as Array<{ bsn: string; iban: string; documents: unknown[] }>
    expect(section[0]!.bsn).toBe('111222333')
    expect(section[0]!.documents).toHaveLength(1)

    const b = await createPersona({ roles: ['survivor'] })
    await fillInApplication({ userId: b.id })
    const result = await eraseUserData({ userId: a.id })
    expect(result.kept).toContainEqual({ name: 'scheme', reason: 'scheme:privacyKept.applications' })
    await eraseUserData({ userId: b.id })
    expect(await db.select().from(applications).where(eq(applications.applicantUserId, b.id))).toEqual([])
    const [kept] = await db.select().from(applications).where(eq(applications.id, applicationId))
    expect(kept?.status).toBe('submitted')
  })
})
