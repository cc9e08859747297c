import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { auditLog } from '@db/schema/audit'
import { helpRequestEvents, helpRequests } from '@db/schema/triage'
import { action as registerAction, loader as registerLoader } from '~/routes/beheer.triage.registreren'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import { takeRequest } from './fixed-contact.server'
import { TriageError } from './help-request.server'
import { logContactAttempt } from './request-progress.server'
import { listQueue, loadStaffRequestPage } from './staff-view.server'

afterAll(() => closeDb())

let caller: Persona
let colleague: Persona
let moderator: Persona
const w = (p: Persona) => ({ id: p.id, roles: p.roles })

beforeAll(async () => {
  caller = await createPersona({ roles: ['triage'] })
  colleague = await createPersona({ roles: ['triage'] })
  moderator = await createPersona({ roles: ['moderator'] })
})

const form = (overrides: Record<string, string> = {}) => ({
  needs: 'peerContact',
  channel: 'phone',
  phone: '06-1234 5678',
  voicemail: 'no',
  safeTimes: 'Alleen dinsdag na 19 uur',
  neutralName: 'Anne van de bibliotheek',
  language: 'nl',
  interpreter: 'none',
  callerAgreed: 'on',
  ...overrides,
})

async function post(persona: Persona, body: Record<string, string>) {
  try {
    return await registerAction({ request: makeRequest('/beheer/triage/registreren', { cookie: persona.cookie, method: 'POST', form: body }), params: {}, context: testContext })
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

const statusOf = (r: unknown) => (r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200))
const errorsOf = (r: unknown) => (r as { data: { result: { error: Record<string, string[]> } } }).data.result.error

async function newestPhoneRequest() {
  const [event] = await db
    .select({ requestId: helpRequestEvents.requestId, actorId: helpRequestEvents.actorId, detail: helpRequestEvents.detail })
    .from(helpRequestEvents)
    .where(and(eq(helpRequestEvents.kind, 'created'), eq(helpRequestEvents.actorId, caller.id)))
    .orderBy(helpRequestEvents.occurredAt)
  const [row] = await db.select().from(helpRequests).where(eq(helpRequests.id, event!.requestId))
  return { event: event!, row: row! }
}

describe('a guidance request registered for someone who called', () => {
  it('is open to triage workers only', async () => {
    expect(statusOf(await registerLoader({ request: makeRequest('/beheer/triage/registreren', { cookie: caller.cookie }), params: {}, context: testContext }))).toBe(200)
    expect(statusOf(await post(moderator, form()))).toBe(403)
  })

  it('keeps the safe-contact wishes, goes into the queue, and gets a fixed contact like an online request', async () => {
    const result = await post(caller, form())
    expect(statusOf(result)).toBe(302)
    expect((result as Response).headers.get('Location')).toBe('/beheer/triage?klaar=registered')
    const { row, event } = await newestPhoneRequest()
    expect(row).toMatchObject({ userId: null, guestTokenHash: null, status: 'new', contactChannel: 'phone', voicemailAllowed: false, contactPersonId: null, needs: ['peerContact'] })
    expect(event.detail).toEqual({ via: 'phone' })
    // The number is encrypted, not in clear anywhere in the row.
    expect(JSON.stringify(row)).not.toContain('612345678')
    const [logged] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'helpRequest.registerByPhone'), eq(auditLog.objectId, row.id)))
    expect(logged).toMatchObject({ actorId: caller.id, outcome: 'success' })

    // In the queue for everyone, without contact details; a colleague takes it.
    const queue = await listQueue({ worker: w(colleague) })
    expect(queue.find((r) => r.id === row.id)).toMatchObject({ taken: false })
    expect(JSON.stringify(queue)).not.toContain('Anne van de bibliotheek')
    await takeRequest({ worker: w(colleague), requestId: row.id })
    await expect(takeRequest({ worker: w(caller), requestId: row.id })).rejects.toMatchObject({ code: 'alreadyTaken' })

    // Only the fixed contact sees the details, as the caller gave them.
    const mine = (await loadStaffRequestPage({ worker: w(colleague), requestId: row.id, locale: 'nl' }))?.view
    expect(mine).toMatchObject({ access: 'mine', details: { channel: 'phone', voicemailAllowed: false, guest: true, contact: { safeTimes: 'Alleen dinsdag na 19 uur', neutralName: 'Anne van de bibliotheek', phone: '06 12345678' } } })
    const other = (await loadStaffRequestPage({ worker: w(caller), requestId: row.id, locale: 'nl' }))?.view
    expect(other?.access).toBe('foreign')
    expect(JSON.stringify(other)).not.toContain('Anne')

    // "No voicemail" holds: leaving one is refused, as for an online request.
    await expect(logContactAttempt({ worker: w(colleague), requestId: row.id, channel: 'phone', outcome: 'voicemailLeft' })).rejects.toBeInstanceOf(TriageError)
    await logContactAttempt({ worker: w(colleague), requestId: row.id, channel: 'phone', outcome: 'reached' })
    const [after] = await db.select().from(helpRequests).where(eq(helpRequests.id, row.id))
    expect(after!.firstContactAt).not.toBeNull()
  })

  it('makes the worker who took the call the fixed contact when asked', async () => {
    const result = await post(caller, form({ channel: 'letter', phone: '', voicemail: '', street: 'Dorpsstraat 1', postcode: '1234ab', town: 'Ede', takeNow: 'on' }))
    expect(statusOf(result)).toBe(302)
    const id = (result as Response).headers.get('Location')!.split('/').at(-1)!
    const [row] = await db.select().from(helpRequests).where(eq(helpRequests.id, id))
    expect(row).toMatchObject({ contactPersonId: caller.id, contactChannel: 'letter', voicemailAllowed: false })
  })

  it('asks the same contact details as the online form, with the message next to the field', async () => {
    const noPhone = await post(caller, form({ phone: '' }))
    expect(statusOf(noPhone)).toBe(400)
    expect(errorsOf(noPhone).phone).toEqual(['triage:ask.errors.phoneRequired'])
    const badPhone = errorsOf(await post(caller, form({ phone: '12345' })))
    expect(badPhone.phone).toEqual(['triage:ask.errors.phoneInvalid'])
    expect(errorsOf(await post(caller, form({ voicemail: '' }))).voicemail).toEqual(['triage:ask.errors.voicemail'])
    expect(errorsOf(await post(caller, form({ channel: 'letter', street: '', town: '', postcode: '' }))).street).toEqual(['triage:ask.errors.streetRequired'])
    expect(errorsOf(await post(caller, form({ callerAgreed: '' }))).callerAgreed).toEqual(['triage:phoneRequest.errors.callerAgreed'])
  })

  it('answers hostile input with 400, never 500, and stores nothing', async () => {
    const before = (await db.select({ id: helpRequests.id }).from(helpRequests)).length
    for (const body of [
      { ...form(), needs: '__proto__' },
      { ...form(), channel: 'constructor' },
      { ...form(), neutralName: 'x'.repeat(100_000) },
      { ...form(), safeTimes: 'a\u0000b'.repeat(500) },
      { __proto__: 'x', toString: 'y' } as unknown as Record<string, string>,
    ]) {
      expect(statusOf(await post(caller, body))).toBe(400)
    }
    expect((await db.select({ id: helpRequests.id }).from(helpRequests)).length).toBe(before)
  })
})
