import { and, eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { mailOutbox } from '@db/schema/accounts'
import { helpMessages } from '@db/schema/triage'
import { decryptField } from '~/privacy/field-crypto.server'
import { action as staffAction } from '~/routes/beheer.triage.$id'
import { action as survivorAction } from '~/routes/mijn-hulp.$id'
import { createPersona, makeRequest, testContext } from '~/testing/personas.server'
import { getOwnRequest } from './ask-guidance.server'
import { takeRequest } from './fixed-contact.server'
import { REPEAT_MESSAGE_SECONDS, sendSurvivorMessage } from './messages.server'
import { createTestRequest } from './testing.server'

afterAll(() => closeDb())

async function messagesOf(requestId: string) {
  const rows = await db.select().from(helpMessages).where(eq(helpMessages.requestId, requestId))
  return rows.map((m) => ({ fromSurvivor: m.fromSurvivor, body: decryptField(m.bodyEncrypted) }))
}

function statusOf(result: unknown) {
  return result instanceof Response ? result.status : ((result as { init?: { status?: number } }).init?.status ?? 200)
}

describe('a secure message sent twice', () => {
  it('from the survivor: a double submit of the same text through the page is one message', async () => {
    const survivor = await createPersona({ roles: ['survivor'] })
    const { id } = await createTestRequest({ userId: survivor.id })
    const body = 'Bellen kan na 19 uur.'
    const send = () =>
      survivorAction({ request: makeRequest(`/mijn-hulp/${id}`, { cookie: survivor.cookie, method: 'POST', form: { intent: 'message', body } }), params: { id }, context: testContext })
    // Two submits arriving together (a double click), then a third a moment later (a resent form).
    const results = [...(await Promise.all([send(), send()])), await send()]
    // Each answers as sent, so the page shows no error for the repeat either.
    expect(results.map(statusOf)).toEqual([302, 302, 302])
    expect(await messagesOf(id)).toEqual([{ fromSurvivor: true, body }])
  })

  it('from the contact person: a double submit is one message (and one mail)', async () => {
    const survivor = await createPersona({ roles: ['survivor'] })
    const worker = await createPersona({ roles: ['triage'] })
    const { id } = await createTestRequest({ userId: survivor.id })
    await takeRequest({ worker: { id: worker.id, roles: worker.roles }, requestId: id })
    const body = 'Goedemiddag, ik bel u morgen na 19 uur.'
    const send = () =>
      staffAction({ request: makeRequest(`/beheer/triage/${id}`, { cookie: worker.cookie, method: 'POST', form: { intent: 'message', body } }), params: { id }, context: testContext })
    const results = await Promise.all([send(), send()])
    expect(results.map(statusOf)).toEqual([302, 302])
    expect(await messagesOf(id)).toEqual([{ fromSurvivor: false, body }])
    const mails = await db.select({ id: mailOutbox.id }).from(mailOutbox).where(and(eq(mailOutbox.userId, survivor.id), eq(mailOutbox.template, 'newMessage')))
    expect(mails).toHaveLength(1)
  })

  it('still sends a different text, the same text from the other side, and the same text again after the short window', async () => {
    const survivor = await createPersona({ roles: ['survivor'] })
    const worker = await createPersona({ roles: ['triage'] })
    const { id } = await createTestRequest({ userId: survivor.id })
    await takeRequest({ worker: { id: worker.id, roles: worker.roles }, requestId: id })
    const request = (await getOwnRequest({ requestId: id, userId: survivor.id }))!
    const now = new Date()
    expect(await sendSurvivorMessage({ request, body: 'Ja', now })).toBe(true)
    expect(await sendSurvivorMessage({ request, body: 'Ja', now })).toBe(false)
    expect(await sendSurvivorMessage({ request, body: 'Nee', now })).toBe(true)
    const later = new Date(now.getTime() + (REPEAT_MESSAGE_SECONDS + 1) * 1000)
    expect(await sendSurvivorMessage({ request, body: 'Ja', now: later })).toBe(true)
    await staffAction({ request: makeRequest(`/beheer/triage/${id}`, { cookie: worker.cookie, method: 'POST', form: { intent: 'message', body: 'Ja' } }), params: { id }, context: testContext })
    expect((await messagesOf(id)).map((m) => `${m.fromSurvivor ? 'survivor' : 'worker'}: ${m.body}`).sort()).toEqual(
      ['survivor: Ja', 'survivor: Nee', 'survivor: Ja', 'worker: Ja'].sort(),
    )
  })
})
