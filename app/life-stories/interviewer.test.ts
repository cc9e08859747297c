import { and, desc, eq, sql } from 'drizzle-orm'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { mailOutbox } from '@db/schema/accounts'
import { auditLog } from '@db/schema/audit'
import { storedFiles } from '@db/schema/files'
import { lifeStories, lifeStoryInvitations } from '@db/schema/life-stories'
import { stories } from '@db/schema/monument'
import { metadataXml, type PackageMetadata } from '~/archive/metadata'
import { stopPublisher } from '~/jobs/publisher.server'
import * as letterRoute from '~/routes/beheer.levensverhalen.$id.brief'
import * as staffDetail from '~/routes/beheer.levensverhalen.$id'
import * as staffList from '~/routes/beheer.levensverhalen._index'
import * as registerRoute from '~/routes/beheer.levensverhalen.nieuw'
import * as reviewRoute from '~/routes/beheer.verhalen.$id'
import * as codeRoute from '~/routes/levensverhaal.code'
import * as claimRoute from '~/routes/levensverhaal.ophalen.$token'
import * as ownDetail from '~/routes/mijn-verhalen.levensverhaal.$id._index'
import { wav } from '~/testing/media-fixtures'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import { storage } from '~/utils/storage.server'
import { lifeStoryOriginForArchive } from './for-archive.server'
import { printLetter } from './interviewer.server'
import { formatLetterCode, LETTER_CODE_ALPHABET } from './letter-code.server'
import { CorrectLifeStorySchema, LetterCodeSchema, RegisterInterviewSchema } from './schemas'

let interviewer: Persona
let otherInterviewer: Persona
let archivist: Persona
let moderator: Persona
let survivorA: Persona
let survivorB: Persona

beforeAll(async () => {
  ;[interviewer, otherInterviewer, archivist, moderator, survivorA, survivorB] = await Promise.all([
    createPersona({ roles: ['interviewer'] }),
    createPersona({ roles: ['interviewer'] }),
    createPersona({ roles: ['archivist'] }),
    createPersona({ roles: ['moderator'] }),
    createPersona({ roles: ['survivor'] }),
    createPersona({ roles: ['survivor'] }),
  ])
})
afterAll(async () => {
  await stopPublisher()
  await closeDb()
})

const TRANSCRIPT = 'Ik was zeven. De groepsleider heette zo en zo. Interview-zin-5521.'
const CORRECTED = 'Ik was acht, niet zeven. Dit zijn mijn eigen woorden. Eigen-zin-9034.'
const viewer = () => ({ id: interviewer.id, roles: interviewer.roles, as: 'interviewer' as const })

function interviewForm(values: Record<string, string>, audio?: Buffer) {
  const form = new FormData()
  for (const [k, v] of Object.entries(values)) form.append(k, v)
  form.append('audio', audio ? new Blob([new Uint8Array(audio)], { type: 'audio/wav' }) : new Blob([]), audio ? 'gesprek.wav' : '')
  return new Request('http://localhost:3000/beheer/levensverhalen/nieuw', { method: 'POST', headers: { Cookie: interviewer.cookie }, body: form })
}
const byLetter = { contact: 'letter', recordedOn: '2026-11-20', title: 'Gesprek in Zwolle', body: TRANSCRIPT, locale: 'nl' }

async function registerByLetter(audio?: Buffer) {
  const res = (await registerRoute.action({ request: interviewForm(byLetter, audio), params: {}, context: testContext })) as Response
  expect(res.status).toBe(302)
  expect(res.headers.get('location')).toContain('klaar=registeredLetter')
  return res.headers.get('location')!.match(/levensverhalen\/([0-9a-f-]{36})/)![1]!
}

async function status(run: () => Promise<unknown>) {
  try {
    const r = await run()
    if (r instanceof Response) return r.status
    return (r as { init?: { status?: number } } | null)?.init?.status ?? 200
  } catch (e) {
    if (e instanceof Response) return e.status
    throw e
  }
}

const own = (id: string, p: Persona, form?: Record<string, string>) =>
  form
    ? ownDetail.action({ request: makeRequest(`/mijn-verhalen/levensverhaal/${id}`, { cookie: p.cookie, method: 'POST', form }), params: { id }, context: testContext })
    : ownDetail.loader({ request: makeRequest(`/mijn-verhalen/levensverhaal/${id}`, { cookie: p.cookie }), params: { id }, context: testContext })
const ownView = async (id: string, p: Persona) => ((await own(id, p)) as { story: Record<string, unknown> }).story
const staff = (id: string, p: Persona) => staffDetail.loader({ request: makeRequest(`/beheer/levensverhalen/${id}`, { cookie: p.cookie }), params: { id }, context: testContext })
const typeCode = (code: string, p: Persona) => codeRoute.action({ request: makeRequest('/levensverhaal/code', { cookie: p.cookie, method: 'POST', form: { code } }), params: {}, context: testContext })
type Refused = { data: { result: { error: Record<string, string[]>; initialValue: Record<string, string> } }; init: { status: number } }

describe('a life story recorded with an interviewer', () => {
  it('registered → letter → claimed with the code → corrected → approved: the survivor’s draft, and the interviewer is out', async () => {
    const id = await registerByLetter()
    const [row] = await db.select().from(lifeStories).where(eq(lifeStories.id, id))
    expect(row).toMatchObject({ source: 'interviewer', state: 'awaiting_survivor', inviteEmailEncrypted: null, registeredBy: interviewer.id })

    // The interviewer reads their own text (logged); the archivist sees the story, not its text; another interviewer nothing.
    expect((await staff(id, interviewer)).story.text).toEqual({ title: 'Gesprek in Zwolle', body: TRANSCRIPT })
    const seenByArchivist = await staff(id, archivist)
    expect(seenByArchivist.story.text).toBeNull()
    expect(JSON.stringify(seenByArchivist)).not.toContain('Interview-zin')
    expect(await status(() => staff(id, otherInterviewer))).toBe(404)
    const list = await staffList.loader({ request: makeRequest('/beheer/levensverhalen', { cookie: otherInterviewer.cookie }), params: {}, context: testContext })
    expect(list.rows.map((r) => r.id)).not.toContain(id)

    // The letter: a PDF from the route; each letter makes a new code and ends the earlier one.
    const pdf = (await letterRoute.action({ request: makeRequest(`/beheer/levensverhalen/${id}/brief`, { cookie: interviewer.cookie, method: 'POST', form: { locale: 'nl' } }), params: { id }, context: testContext })) as Response
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
    expect(await status(() => letterRoute.action({ request: makeRequest(`/beheer/levensverhalen/${id}/brief`, { cookie: otherInterviewer.cookie, method: 'POST', form: {} }), params: { id }, context: testContext }))).toBe(404)
    const first = (await printLetter({ viewer: viewer(), id, locale: 'en' }))!.code
    const letter = (await printLetter({ viewer: viewer(), id, locale: 'nl' }))!
    expect(letter.code).toMatch(new RegExp(`^[${LETTER_CODE_ALPHABET}]{12}$`))
    // Only a keyed hash is stored, never the code.
    expect(JSON.stringify(await db.execute(sql`select * from life_story_invitations where life_story_id = ${id}`))).not.toContain(letter.code)

    // Wrong, earlier, and (below) used and expired codes: one message.
    for (const wrong of ['ABCD-EFGH-JKMN', first, 'x', '__proto__']) {
      const res = (await typeCode(wrong, survivorA)) as unknown as Refused
      expect(res.init.status).toBe(400)
      expect(res.data.result.error.code).toEqual(['lifeStories:code.errors.invalid'])
    }
    // Typed the way people type: lower case, spaces.
    const claimed = (await typeCode(` ${formatLetterCode(letter.code).toLowerCase().replace(/-/g, ' ')} `, survivorA)) as Response
    expect(claimed.headers.get('location')).toBe(`/mijn-verhalen/levensverhaal/${id}?opgehaald=1`)
    const used = (await typeCode(letter.code, survivorB)) as unknown as Refused
    expect(used.data.result.error.code).toEqual(['lifeStories:code.errors.invalid'])

    // The survivor reads it; the other survivor gets 404.
    expect((await ownView(id, survivorA))).toMatchObject({ state: 'awaiting_survivor', body: TRANSCRIPT })
    expect(await status(() => own(id, survivorB))).toBe(404)
    expect(await status(() => own(id, survivorB, { intent: 'approve', title: 'x', body: 'y' }))).toBe(404)

    // A refused correction keeps what was typed and says why, next to the field.
    const refused = (await own(id, survivorA, { intent: 'save', title: 'Mijn titel', body: 'met \u0000 nul' })) as unknown as Refused
    expect(refused.init.status).toBe(400)
    expect(refused.data.result.error.body).toEqual(['validation:controlCharacters'])
    expect(refused.data.result.initialValue.title).toBe('Mijn titel')

    // Saved, then approved.
    expect(((await own(id, survivorA, { intent: 'save', title: 'Mijn jeugd', body: CORRECTED })) as Response).headers.get('location')).toContain('klaar=saved')
    expect((await ownView(id, survivorA))).toMatchObject({ title: 'Mijn jeugd', body: CORRECTED, corrected: true })
    expect((await staff(id, interviewer)).story.text!.body).toBe(TRANSCRIPT)
    const approved = (await own(id, survivorA, { intent: 'approve', title: 'Mijn jeugd', body: CORRECTED })) as Response
    const storyId = approved.headers.get('location')!.match(/^\/mijn-verhalen\/([0-9a-f-]{36})\?stap=verhaal$/)![1]!
    const [draft] = await db.select().from(stories).where(eq(stories.id, storyId))
    expect(draft).toMatchObject({ authorId: survivorA.id, status: 'draft', title: 'Mijn jeugd', body: CORRECTED, publishedBody: null })

    // A second approve (double submit) makes no second draft.
    const again = (await own(id, survivorA, { intent: 'approve', title: 'Mijn jeugd', body: CORRECTED })) as Response
    expect(again.headers.get('location')).toBe(`/mijn-verhalen/levensverhaal/${id}`)
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(stories).where(eq(stories.authorId, survivorA.id))).toEqual([{ n: 1 }])

    // The interviewer's access ended, and the log says so.
    expect(await status(() => staff(id, interviewer))).toBe(404)
    expect(await printLetter({ viewer: viewer(), id, locale: 'nl' })).toBeNull()
    const ended = await db.select().from(auditLog).where(and(eq(auditLog.objectId, id), eq(auditLog.action, 'lifeStory.interviewerAccessEnded')))
    expect(ended).toMatchObject([{ actorId: survivorA.id, subjectId: interviewer.id, outcome: 'success' }])
    expect((await ownView(id, survivorA))).toMatchObject({ state: 'approved', monumentStoryId: storyId })

    // The source stays visible to the moderator once the story is sent in, and goes into the archive metadata.
    await db.update(stories).set({ status: 'submitted', submittedAt: new Date() }).where(eq(stories.id, storyId))
    const review = await reviewRoute.loader({ request: makeRequest(`/beheer/verhalen/${storyId}`, { cookie: moderator.cookie }), params: { id: storyId }, context: testContext })
    expect(review.origin).toMatchObject({ source: 'interviewer', reference: row!.reference, recordedOn: '2026-11-20' })
    const origin = await lifeStoryOriginForArchive({ storyId })
    expect(metadataXml({ ...metadataBase, recordedWith: origin })).toContain(`Levensverhaal ${row!.reference}, opgenomen in een gesprek met een interviewer op 2026-11-20`)
    expect(metadataXml(metadataBase)).not.toContain('interviewer')
  })

  it('an expired code is refused like a wrong one', async () => {
    const id = await registerByLetter()
    const { code } = (await printLetter({ viewer: viewer(), id, locale: 'nl' }))!
    await db.update(lifeStoryInvitations).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(lifeStoryInvitations.lifeStoryId, id))
    const res = (await typeCode(code, survivorB)) as unknown as Refused
    expect(res.data.result.error.code).toEqual(['lifeStories:code.errors.invalid'])
    const [row] = await db.select({ claimedBy: lifeStories.claimedBy }).from(lifeStories).where(eq(lifeStories.id, id))
    expect(row!.claimedBy).toBeNull()
  })

  it('guessing codes is rate limited', async () => {
    const guesser = await createPersona({ roles: ['survivor'] })
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) statuses.push(await status(() => typeCode('ABCD-EFGH-JKMN', guesser)))
    // Ten a minute per account and per address (earlier tests here used some of this address's).
    expect(statuses[0]).toBe(400)
    expect(statuses.every((s) => s === 400 || s === 429)).toBe(true)
    expect(statuses.slice(10)).toEqual([429, 429])
  })

  it('by e-mail: the claim link brings it to the survivor, who must still approve it', async () => {
    const survivor = await createPersona({ roles: ['survivor'] })
    const res = (await registerRoute.action({ request: interviewForm({ ...byLetter, contact: 'email', email: survivor.email }), params: {}, context: testContext })) as Response
    const id = res.headers.get('location')!.match(/levensverhalen\/([0-9a-f-]{36})/)![1]!
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, survivor.email)).orderBy(desc(mailOutbox.createdAt)).limit(1)
    expect(mail!.text).not.toContain('Interview-zin')
    const token = mail!.text!.match(/levensverhaal\/ophalen\/([A-Za-z0-9_-]+)/)![1]!
    await claimRoute.action({ request: makeRequest(`/levensverhaal/ophalen/${token}`, { cookie: survivor.cookie, method: 'POST', form: { intent: 'claim' } }), params: { token }, context: testContext })
    expect((await ownView(id, survivor))).toMatchObject({ state: 'awaiting_survivor', source: 'interviewer' })
    // Not a monument story by the other button: only approval makes the draft.
    expect(await status(() => own(id, survivor, { intent: 'makeMonumentStory' }))).toBe(404)
  })

  it('the registration form: e-mail needed only for e-mail, messages next to the fields, nothing typed lost', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ ...byLetter, contact: 'email' }, 'email'],
      [{ ...byLetter, contact: 'email', email: 'geen-adres' }, 'email'],
      [{ ...byLetter, contact: '__proto__' }, 'contact'],
      [{ ...byLetter, body: 'x'.repeat(90_001) }, 'body'],
    ]
    for (const [values, field] of cases) {
      const res = (await registerRoute.action({ request: interviewForm(values), params: {}, context: testContext })) as unknown as Refused
      expect(res.init.status).toBe(400)
      expect(Object.keys(res.data.result.error)).toContain(field)
      expect(res.data.result.initialValue.title).toBe('Gesprek in Zwolle')
    }
  })

  it('keeps the recording; a cut-off upload is refused and leaves nothing behind', async () => {
    const withAudio = await registerByLetter(wav(8000))
    const [row] = await db.select({ audioFileId: lifeStories.audioFileId }).from(lifeStories).where(eq(lifeStories.id, withAudio))
    expect(row!.audioFileId).not.toBeNull()

    const keysBefore = await audioKeys()
    const filesBefore = await db.select({ n: sql<number>`count(*)::int` }).from(storedFiles)
    const storiesBefore = await db.select({ n: sql<number>`count(*)::int` }).from(lifeStories)
    const full = interviewForm(byLetter, wav(200_000))
    const whole = new Uint8Array(await full.arrayBuffer())
    const request = new Request('http://localhost:3000/beheer/levensverhalen/nieuw', {
      method: 'POST',
      headers: { Cookie: interviewer.cookie, 'Content-Type': interviewForm(byLetter, wav(200_000)).headers.get('content-type')! },
      body: whole.subarray(0, Math.floor(whole.length / 2)),
    })
    const res = (await registerRoute.action({ request, params: {}, context: testContext })) as unknown as Refused
    expect(res.init.status).toBe(400)
    expect(res.data.result.error['']).toEqual(['lifeStories:register.errors.interrupted'])
    expect(await audioKeys()).toEqual(keysBefore)
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(storedFiles)).toEqual(filesBefore)
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(lifeStories)).toEqual(storiesBefore)
  })

  it('the new schemas never throw on hostile input', () => {
    const hostile = fc.dictionary(fc.oneof(fc.constant('__proto__'), fc.constant('constructor'), fc.constantFrom('intent', 'title', 'body', 'code', 'contact', 'email'), fc.string()), fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 500 }), fc.anything()))
    for (const schema of [RegisterInterviewSchema, CorrectLifeStorySchema, LetterCodeSchema]) {
      fc.assert(
        fc.property(hostile, (input) => {
          expect(() => schema.safeParse(input)).not.toThrow()
        }),
        { numRuns: 300, seed: 20261207 },
      )
    }
  })
})

const metadataBase: PackageMetadata = {
  ref: 'ARCH-2026-TEST',
  storyId: '00000000-0000-4000-8000-000000000000',
  textVersion: 'v1',
  title: 'Mijn jeugd',
  contentNote: null,
  shownAs: null,
  decades: [],
  settings: [],
  violenceKinds: [],
  themes: [],
  region: null,
  submittedAt: null,
  approvedAt: null,
  publishedAt: null,
  baggedAt: new Date('2026-12-07T10:00:00Z'),
  storyConsent: { purpose: 'monument.archiveTransfer', textVersion: 'x@1', fingerprint: null, grantedAt: new Date('2026-12-07T09:00:00Z'), channel: 'web', locale: 'nl' },
  media: [],
}

async function audioKeys() {
  const keys: string[] = []
  for await (const o of storage.list('life-stories/')) keys.push(o.key)
  return keys.sort()
}
