import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { draftRescues } from '@db/schema/draft-rescue'
import { sessionCookie } from '~/auth/session.server'
import { createPersona } from '~/testing/personas.server'
import { createStory } from './stories.server'
import { deleteExpiredRescues, rescueCookie, rescueTypedStory, takeRescuedStory } from './draft-rescue.server'

afterAll(() => closeDb())

const STORY = 'Ik was negen toen ik in het tehuis kwam. Niemand luisterde.'

/** A plain form post as a browser without JavaScript sends it. */
async function post(storyId: string, { cookie, fields }: { cookie?: string; fields?: Record<string, string> }) {
  const headers = new Headers({ 'Content-Type': 'application/x-www-form-urlencoded' })
  if (cookie) headers.set('Cookie', cookie)
  const body = new URLSearchParams({ step: 'verhaal', intent: 'save', revision: '1', title: 'Het tehuis', body: STORY, contentNote: '', ...fields })
  return new Request(`http://localhost:3000/mijn-verhalen/${storyId}`, { method: 'POST', headers, body })
}

const endedSession = async () => (await sessionCookie.serialize('a'.repeat(43))).split(';')[0]!
const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0]!

describe('keeping what was typed when the session ended', () => {
  it('keeps the text encrypted, sends the author to sign in and back to the step, and hands it back once', async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: author.id })
    const response = await rescueTypedStory({ request: await post(story.id, { cookie: await endedSession() }), storyId: story.id })
    expect(response?.status).toBe(302)
    expect(response!.headers.get('location')).toBe(`/inloggen?redirectTo=${encodeURIComponent(`/mijn-verhalen/${story.id}?stap=verhaal`)}`)
    const [row] = await db.select().from(draftRescues).where(eq(draftRescues.storyId, story.id))
    expect(row!.payload).not.toContain('tehuis')

    // Signed in again, in the same browser.
    const back = new Request(`http://localhost:3000/mijn-verhalen/${story.id}?stap=verhaal`, { headers: { Cookie: `${author.cookie}; ${cookieOf(response!)}` } })
    expect(await takeRescuedStory({ request: back, storyId: story.id })).toEqual({ title: 'Het tehuis', body: STORY, contentNote: '' })
    expect(await takeRescuedStory({ request: back, storyId: story.id })).toBeNull()
  })

  it('keeps the autosave too, the newest text replacing the earlier one', async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: author.id })
    const ended = await endedSession()
    const first = await rescueTypedStory({ request: await post(story.id, { cookie: ended, fields: { intent: 'autosave', body: 'Eerste stuk' } }), storyId: story.id })
    const second = await rescueTypedStory({ request: await post(story.id, { cookie: `${ended}; ${cookieOf(first!)}` }), storyId: story.id })
    expect(await db.select().from(draftRescues).where(eq(draftRescues.storyId, story.id))).toHaveLength(1)
    const request = new Request('http://localhost:3000/', { headers: { Cookie: `${author.cookie}; ${cookieOf(second!)}` } })
    expect((await takeRescuedStory({ request, storyId: story.id }))?.body).toBe(STORY)
  })

  it('keeps nothing for a live session, an anonymous post, another step or an empty form', async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: author.id })
    const ended = await endedSession()
    expect(await rescueTypedStory({ request: await post(story.id, { cookie: author.cookie }), storyId: story.id })).toBeNull()
    expect(await rescueTypedStory({ request: await post(story.id, {}), storyId: story.id })).toBeNull()
    expect(await rescueTypedStory({ request: await post(story.id, { cookie: ended, fields: { step: 'details' } }), storyId: story.id })).toBeNull()
    expect(await rescueTypedStory({ request: await post(story.id, { cookie: ended, fields: { title: ' ', body: '' } }), storyId: story.id })).toBeNull()
    expect(await rescueTypedStory({ request: await post('not-a-story', { cookie: ended }), storyId: 'not-a-story' })).toBeNull()
    expect(await db.select().from(draftRescues).where(eq(draftRescues.storyId, story.id))).toHaveLength(0)
  })

  it('hands the text back only for the story it was typed in', async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: author.id })
    const other = await createStory({ authorId: author.id })
    const response = await rescueTypedStory({ request: await post(story.id, { cookie: await endedSession() }), storyId: story.id })
    const request = new Request('http://localhost:3000/', { headers: { Cookie: cookieOf(response!) } })
    expect(await takeRescuedStory({ request, storyId: other.id })).toBeNull()
    expect((await takeRescuedStory({ request, storyId: story.id }))?.body).toBe(STORY)
  })

  it('forgets a text nobody came back for after a day', async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: author.id })
    const response = await rescueTypedStory({ request: await post(story.id, { cookie: await endedSession() }), storyId: story.id })
    await db.update(draftRescues).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(draftRescues.storyId, story.id))
    const request = new Request('http://localhost:3000/', { headers: { Cookie: cookieOf(response!) } })
    expect(await takeRescuedStory({ request, storyId: story.id })).toBeNull()
    expect(await deleteExpiredRescues()).toBeGreaterThanOrEqual(1)
    expect(await db.select().from(draftRescues).where(eq(draftRescues.storyId, story.id))).toHaveLength(0)
  })

  it('uses a cookie of its own that scripts cannot read', async () => {
    expect((await rescueCookie.serialize('x')).toLowerCase()).toContain('httponly')
  })
})
