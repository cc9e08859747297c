import { desc, eq, sql } from 'drizzle-orm'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { mailOutbox } from '@db/schema/accounts'
import { auditLog } from '@db/schema/audit'
import { storedFiles } from '@db/schema/files'
import { lifeStories } from '@db/schema/life-stories'
import { stories } from '@db/schema/monument'
import { stopPublisher } from '~/jobs/publisher.server'
import * as staffDetail from '~/routes/beheer.levensverhalen.$id'
import * as staffList from '~/routes/beheer.levensverhalen._index'
import * as registerRoute from '~/routes/beheer.levensverhalen.nieuw'
import * as claimRoute from '~/routes/levensverhaal.ophalen.$token'
import * as audioRoute from '~/routes/mijn-verhalen.levensverhaal.$id.geluid'
import * as ownDetail from '~/routes/mijn-verhalen.levensverhaal.$id._index'
import * as textRoute from '~/routes/mijn-verhalen.levensverhaal.$id.tekst'
import { wav } from '~/testing/media-fixtures'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import { storage } from '~/utils/storage.server'
import { listOwnLifeStories } from './own.server'
import { RegisterLifeStorySchema } from './schemas'

let archivist: Persona
let survivorA: Persona
let survivorB: Persona

beforeAll(async () => {
  ;[archivist, survivorA, survivorB] = await Promise.all([createPersona({ roles: ['archivist'] }), createPersona({ roles: ['survivor'] }), createPersona({ roles: ['survivor'] })])
})
afterAll(async () => {
  await stopPublisher()
  await closeDb()
})

const BODY = 'Ik was negen toen ik naar het tehuis ging.\nDaar gebeurde wat niemand mocht weten. Uniek-zinnetje-8421.'

function registrationForm(values: Record<string, string>, audio?: Buffer) {
  const form = new FormData()
  for (const [k, v] of Object.entries(values)) form.append(k, v)
  form.append('audio', audio ? new Blob([new Uint8Array(audio)], { type: 'audio/wav' }) : new Blob([]), audio ? 'opname.wav' : '')
  return new Request('http://localhost:3000/beheer/levensverhalen/nieuw', { method: 'POST', headers: { Cookie: archivist.cookie }, body: form })
}

const valid = (email: string) => ({ email, source: 'slachtofferhulp', recordedOn: '2020-03-15', title: 'Mijn jeugd', body: BODY, locale: 'nl' })

async function register(email: string, audio?: Buffer) {
  const res = (await registerRoute.action({ request: registrationForm(valid(email), audio), params: {}, context: testContext })) as Response
  expect(res.status).toBe(302)
  const id = res.headers.get('location')!.match(/levensverhalen\/([0-9a-f-]{36})/)![1]!
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email)).orderBy(desc(mailOutbox.createdAt)).limit(1)
  const token = mail!.text!.match(/levensverhaal\/ophalen\/([A-Za-z0-9_-]+)/)![1]!
  return { id, token, mail: mail! }
}

async function status(run: () => Promise<unknown>) {
  try {
    const r = await run()
    return r instanceof Response ? r.status : 200
  } catch (e) {
    if (e instanceof Response) return e.status
    throw e
  }
}

describe('a recorded life story, from registration to the survivor', () => {
  it('is registered, mailed, claimed once, and then only the survivor reads it', async () => {
    const { id, token, mail } = await register(survivorA.email)
    expect(mail.template).toBe('lifeStoryInvitation')
    // The mail carries a link, never the story.
    expect(mail.text).not.toContain('Uniek-zinnetje-8421')
    expect(mail.subject).not.toContain('Mijn jeugd')

    // Text and title are encrypted at rest: the raw row shows neither.
    const raw = await db.execute(sql`select * from life_stories where id = ${id}`)
    expect(JSON.stringify(raw)).not.toContain('Uniek-zinnetje')
    expect(JSON.stringify(raw)).not.toContain('Mijn jeugd')
    expect(JSON.stringify(raw)).not.toContain(survivorA.email)
    // Only the token's hash is kept.
    expect(JSON.stringify(await db.execute(sql`select * from life_story_invitations`))).not.toContain(token)

    // The list shows no text; the archivist's view of the text is access-logged.
    const list = await staffList.loader({ request: makeRequest('/beheer/levensverhalen', { cookie: archivist.cookie }), params: {}, context: testContext })
    expect(JSON.stringify(list)).not.toContain('Uniek-zinnetje')
    expect(list.rows.find((r) => r.id === id)).toMatchObject({ source: 'slachtofferhulp', state: 'invited' })
    const before = await staffDetail.loader({ request: makeRequest(`/beheer/levensverhalen/${id}`, { cookie: archivist.cookie }), params: { id }, context: testContext })
    expect(before.story).toMatchObject({ state: 'invited', text: { body: BODY } })
    const logged = await db.select().from(auditLog).where(eq(auditLog.objectId, id))
    expect(logged.map((r) => r.action)).toEqual(expect.arrayContaining(['lifeStory.register', 'lifeStory.view']))

    // Claim: a confirm page first, then the POST binds it to the account.
    const page = await claimRoute.loader({ request: makeRequest(`/levensverhaal/ophalen/${token}`, { cookie: survivorA.cookie }), params: { token }, context: testContext })
    expect(page.status).toBe('ok')
    const claimed = (await claimRoute.action({ request: makeRequest(`/levensverhaal/ophalen/${token}`, { cookie: survivorA.cookie, method: 'POST', form: { intent: 'claim' } }), params: { token }, context: testContext })) as Response
    expect(claimed.headers.get('location')).toBe(`/mijn-verhalen/levensverhaal/${id}?opgehaald=1`)

    // Used: the same link answers 'invalid' for everyone, and a second account cannot claim it.
    const again = await claimRoute.loader({ request: makeRequest(`/levensverhaal/ophalen/${token}`, { cookie: survivorB.cookie }), params: { token }, context: testContext })
    expect(again.status).toBe('invalid')
    const stolen = await claimRoute.action({ request: makeRequest(`/levensverhaal/ophalen/${token}`, { cookie: survivorB.cookie, method: 'POST', form: { intent: 'claim' } }), params: { token }, context: testContext })
    expect((stolen as unknown as { init: { status: number } }).init.status).toBe(400)
    const unknown = await claimRoute.loader({ request: makeRequest('/levensverhaal/ophalen/nonsense', { cookie: survivorB.cookie }), params: { token: 'nonsense' }, context: testContext })
    expect(unknown.status).toBe('invalid')

    // The survivor's own list and page; another survivor gets 404.
    expect((await listOwnLifeStories({ userId: survivorA.id })).map((s) => s.id)).toContain(id)
    expect(await listOwnLifeStories({ userId: survivorB.id })).toEqual([])
    const own = await ownDetail.loader({ request: makeRequest(`/mijn-verhalen/levensverhaal/${id}`, { cookie: survivorA.cookie }), params: { id }, context: testContext })
    expect(own.story).toMatchObject({ title: 'Mijn jeugd', body: BODY, audioType: null })
    expect(await status(() => ownDetail.loader({ request: makeRequest(`/mijn-verhalen/levensverhaal/${id}`, { cookie: survivorB.cookie }), params: { id }, context: testContext }))).toBe(404)
    expect(await status(() => textRoute.loader({ request: makeRequest(`/mijn-verhalen/levensverhaal/${id}/tekst`, { cookie: survivorB.cookie }), params: { id }, context: testContext }))).toBe(404)

    // The download is the text as UTF-8.
    const file = (await textRoute.loader({ request: makeRequest(`/mijn-verhalen/levensverhaal/${id}/tekst`, { cookie: survivorA.cookie }), params: { id }, context: testContext })) as Response
    expect(file.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(file.headers.get('content-disposition')).not.toContain('jeugd')
    expect(await file.text()).toContain(BODY)

    // Claimed: the archivist no longer sees the text, and no link is sent again.
    const after = await staffDetail.loader({ request: makeRequest(`/beheer/levensverhalen/${id}`, { cookie: archivist.cookie }), params: { id }, context: testContext })
    expect(after.story.state).toBe('claimed')
    expect(JSON.stringify(after)).not.toContain('Uniek-zinnetje')
    const resend = (await staffDetail.action({ request: makeRequest(`/beheer/levensverhalen/${id}`, { cookie: archivist.cookie, method: 'POST', form: { intent: 'resend' } }), params: { id }, context: testContext })) as Response
    expect(resend.headers.get('location')).toContain('klaar=notResent')
    const [row] = await db.select().from(lifeStories).where(eq(lifeStories.id, id))
    expect(row).toMatchObject({ claimedBy: survivorA.id, inviteEmailEncrypted: null })
  })

  it('a resent link replaces the earlier one, and an expired link is refused like a used one', async () => {
    const survivor = await createPersona({ roles: ['survivor'] })
    const { id, token: first } = await register(survivor.email)
    const res = (await staffDetail.action({ request: makeRequest(`/beheer/levensverhalen/${id}`, { cookie: archivist.cookie, method: 'POST', form: { intent: 'resend' } }), params: { id }, context: testContext })) as Response
    expect(res.headers.get('location')).toContain('klaar=resent')
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, survivor.email)).orderBy(desc(mailOutbox.createdAt)).limit(1)
    const second = mail!.text!.match(/levensverhaal\/ophalen\/([A-Za-z0-9_-]+)/)![1]!
    expect(second).not.toBe(first)
    const req = (t: string) => makeRequest(`/levensverhaal/ophalen/${t}`, { cookie: survivor.cookie })
    expect((await claimRoute.loader({ request: req(first), params: { token: first }, context: testContext })).status).toBe('invalid')
    expect((await claimRoute.loader({ request: req(second), params: { token: second }, context: testContext })).status).toBe('ok')
    await db.execute(sql`update life_story_invitations set expires_at = now() - interval '1 minute' where life_story_id = ${id}`)
    expect((await claimRoute.loader({ request: req(second), params: { token: second }, context: testContext })).status).toBe('invalid')
  })

  it('turns into a monument DRAFT, nothing public', async () => {
    const survivor = await createPersona({ roles: ['survivor'] })
    const { id, token } = await register(survivor.email)
    await claimRoute.action({ request: makeRequest(`/levensverhaal/ophalen/${token}`, { cookie: survivor.cookie, method: 'POST', form: { intent: 'claim' } }), params: { token }, context: testContext })
    const res = (await ownDetail.action({ request: makeRequest(`/mijn-verhalen/levensverhaal/${id}`, { cookie: survivor.cookie, method: 'POST', form: { intent: 'makeMonumentStory' } }), params: { id }, context: testContext })) as Response
    const storyId = res.headers.get('location')!.match(/mijn-verhalen\/([0-9a-f-]{36})\?stap=verhaal/)![1]!
    const [story] = await db.select().from(stories).where(eq(stories.id, storyId))
    expect(story).toMatchObject({ authorId: survivor.id, status: 'draft', title: 'Mijn jeugd', body: BODY, publishedBody: null })
    // Another survivor cannot do it with this id.
    expect(
      await status(() => ownDetail.action({ request: makeRequest(`/mijn-verhalen/levensverhaal/${id}`, { cookie: survivorB.cookie, method: 'POST', form: { intent: 'makeMonumentStory' } }), params: { id }, context: testContext })),
    ).toBe(404)
  })
})

describe('the registration form', () => {
  it('refuses bad input next to the field, keeps what was typed, and never fails with a 500', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ ...valid('geen-adres'), email: 'geen-adres' }, 'email'],
      [{ ...valid('a@example.org'), body: 'tekst met \u0000 nul' }, 'body'],
      [{ ...valid('a@example.org'), source: '__proto__' }, 'source'],
      [{ ...valid('a@example.org'), recordedOn: '2020-02-31' }, 'recordedOn'],
      [{ ...valid('a@example.org'), body: 'x'.repeat(90_001) }, 'body'],
    ]
    for (const [values, field] of cases) {
      const res = (await registerRoute.action({ request: registrationForm(values), params: {}, context: testContext })) as unknown as { data: { result: { error: Record<string, string[]>; initialValue: Record<string, string> } }; init: { status: number } }
      expect(res.init.status).toBe(400)
      expect(Object.keys(res.data.result.error)).toContain(field)
      expect(res.data.result.initialValue.title).toBe('Mijn jeugd')
    }
  })

  it('the schema never throws on hostile input', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(fc.constant('__proto__'), fc.constant('constructor'), fc.string()), fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 500 }), fc.anything())), (input) => {
        expect(() => RegisterLifeStorySchema.safeParse(input)).not.toThrow()
      }),
      { numRuns: 300 },
    )
  })

  it('keeps a real audio file, which only its survivor can play', async () => {
    const survivor = await createPersona({ roles: ['survivor'] })
    const recording = wav(8000)
    const { id, token } = await register(survivor.email, recording)
    await claimRoute.action({ request: makeRequest(`/levensverhaal/ophalen/${token}`, { cookie: survivor.cookie, method: 'POST', form: { intent: 'claim' } }), params: { token }, context: testContext })
    const res = (await audioRoute.loader({ request: makeRequest(`/mijn-verhalen/levensverhaal/${id}/geluid`, { cookie: survivor.cookie }), params: { id }, context: testContext })) as Response
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('audio/wav')
    expect(Buffer.from(await res.arrayBuffer()).equals(recording)).toBe(true)
    expect(await status(() => audioRoute.loader({ request: makeRequest(`/mijn-verhalen/levensverhaal/${id}/geluid`, { cookie: survivorB.cookie }), params: { id }, context: testContext }))).toBe(404)
  })

  it('a wrong file type or a cut-off upload leaves nothing in storage or the database', async () => {
    const keysBefore = await audioKeys()
    const filesBefore = await db.select({ n: sql<number>`count(*)::int` }).from(storedFiles)
    const storiesBefore = await db.select({ n: sql<number>`count(*)::int` }).from(lifeStories)

    const notAudio = (await registerRoute.action({ request: registrationForm(valid('c@example.org'), Buffer.from('%PDF-1.4 niet een geluid'.repeat(300))), params: {}, context: testContext })) as unknown as {
      data: { result: { error: Record<string, string[]> } }
    }
    expect(notAudio.data.result.error.audio).toEqual(['lifeStories:register.errors.audioType'])

    // A multipart body that stops halfway through the audio, without its closing boundary.
    const whole = new Uint8Array(await registrationForm(valid('d@example.org'), wav(200_000)).arrayBuffer())
    const boundaryRequest = registrationForm(valid('d@example.org'), wav(200_000))
    const cut = whole.subarray(0, Math.floor(whole.length / 2))
    const request = new Request('http://localhost:3000/beheer/levensverhalen/nieuw', {
      method: 'POST',
      headers: { Cookie: archivist.cookie, 'Content-Type': boundaryRequest.headers.get('content-type')! },
      body: cut,
    })
    const res = (await registerRoute.action({ request, params: {}, context: testContext })) as unknown as { data: { result: { error: Record<string, string[]> } }; init: { status: number } }
    expect(res.init.status).toBe(400)
    expect(res.data.result.error['']).toEqual(['lifeStories:register.errors.interrupted'])

    expect(await audioKeys()).toEqual(keysBefore)
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(storedFiles)).toEqual(filesBefore)
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(lifeStories)).toEqual(storiesBefore)
  })
})

async function audioKeys() {
  const keys: string[] = []
  for await (const o of storage.list('life-stories/')) keys.push(o.key)
  return keys.sort()
}
