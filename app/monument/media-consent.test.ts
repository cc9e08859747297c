import { Readable } from 'node:stream'
import { eq } from 'drizzle-orm'
import fc from 'fast-check'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { stories, storyMedia } from '@db/schema/monument'
import { publicationState } from '@db/schema/publication'
import { getOwnObjectConsents } from '~/consent/own-consent.server'
import { action as mediaItemAction } from '~/routes/mijn-verhalen.$id.media.$mediaId'
import { loader as editorLoader } from '~/routes/mijn-verhalen.$id._index'
import { loader as mediaLoader } from '~/routes/media.$id'
import { loader as variantLoader } from '~/routes/media.$id.$variant'
import { loader as storyPageLoader } from '~/routes/verhalen.$slug'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import { addStoryMedia } from './media-add.server'
import { setOwnMediaConsent } from './media-consent.server'
import { createStory } from './stories.server'
import { setStoryConsent } from './story-consent.server'

/**
 * Per-medium consent for a story's whole life (ADR 0022), through the real routes, the real
 * ledger and the real bucket: one photo withdrawn after publication disappears at the next
 * request (page, /media, the page cache's generation); the other stays.
 */

afterAll(() => closeDb())

async function photo(colour: string) {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: colour } }).jpeg().toBuffer()
}

/** A published public story by `author` with two photos, both moderated and consented (the moderators' part done directly). */
async function publishedStoryWithTwoPhotos(author: Persona) {
  const story = await createStory({ authorId: author.id })
  const first = await addStoryMedia({ authorId: author.id, storyId: story.id, input: Readable.from([await photo('#7a9cb8')]) })
  const second = await addStoryMedia({ authorId: author.id, storyId: story.id, input: Readable.from([await photo('#b87a9c')]) })
  for (const [m, text] of [[first, 'Het huis aan de dijk.'], [second, 'Mijn kamer.']] as const) {
    await db.update(storyMedia).set({ description: text, publishedDescription: text, textModeratedAt: new Date() }).where(eq(storyMedia.id, m.id))
    expect(await setOwnMediaConsent({ authorId: author.id, storyId: story.id, mediaId: m.id, purpose: 'media.publish', grant: true, locale: 'nl' })).toMatchObject({ ok: true, granted: true })
  }
  await db.update(stories).set({ status: 'approved', authorApprovedAt: new Date(), title: 'T', body: 'B', publishedTitle: 'T', publishedBody: 'B' }).where(eq(stories.id, story.id))
  await setStoryConsent({ authorId: author.id, storyId: story.id, purpose: 'monument.publishPublic', grant: true, locale: 'nl' })
  const [row] = await db.select().from(stories).where(eq(stories.id, story.id))
  expect(row!.status).toBe('published')
  return { story: row!, first, second }
}

const generation = async () => (await db.select({ g: publicationState.generation }).from(publicationState))[0]!.g

async function settle(run: () => Promise<Response>) {
  try {
    return await run()
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

/** The medium's consent form, posted as the browser posts it. */
function postConsent({ cookie, storyId, mediaId, form }: { cookie: string; storyId: string; mediaId: string; form: Record<string, string> }) {
  // A plain HTML form (and Remix's <Form>) posts urlencoded; multipart goes to the captions upload.
  const request = new Request(`http://localhost:3000/mijn-verhalen/${storyId}/media/${mediaId}`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  })
  return settle(() => mediaItemAction({ request, params: { id: storyId, mediaId }, context: testContext }) as Promise<Response>)
}

const media = (mediaId: string, cookie?: string, variant?: string) =>
  settle(() =>
    variant
      ? variantLoader({ request: makeRequest(`/media/${mediaId}/${variant}`, { cookie }), params: { id: mediaId, variant }, context: testContext })
      : mediaLoader({ request: makeRequest(`/media/${mediaId}`, { cookie }), params: { id: mediaId }, context: testContext }),
  )

async function publicPageMedia(slug: string) {
  const result = await storyPageLoader({ request: makeRequest(`/verhalen/${slug}`), params: { slug }, context: testContext })
  return result.data.media.map((m) => m.id)
}

const events = async (author: Persona, mediaId: string) => (await getOwnObjectConsents({ userId: author.id, objectType: 'media', objectId: mediaId })).history

describe('withdrawing one medium of a published story', () => {
  it('takes that photo off at the next request (page, /media, variants, cache generation); the other stays, the owner still has it', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const b = await createPersona({ roles: ['survivor'] })
    const { story, first, second } = await publishedStoryWithTwoPhotos(a)
    expect(await publicPageMedia(story.slug)).toEqual([first.id, second.id])
    expect((await media(first.id)).status).toBe(200)

    const before = await generation()
    const answer = await postConsent({ cookie: a.cookie, storyId: story.id, mediaId: first.id, form: { intent: 'consent', purpose: 'media.publish', grant: 'false' } })
    expect(answer.status).toBe(302)
    expect(answer.headers.get('Location')).toBe(`/mijn-verhalen/${story.id}?stap=media&opgeslagen=consentWithdrawn#media-${first.id}`)
    // The public page cache keys on this counter (ADR 0011): a kept page is stale now.
    expect(await generation()).toBeGreaterThan(before)

    expect(await publicPageMedia(story.slug)).toEqual([second.id])
    for (const viewer of [undefined, b.cookie]) {
      expect((await media(first.id, viewer)).status).toBe(404)
      expect((await media(first.id, viewer, 'web')).status).toBe(404)
      expect((await media(first.id, viewer, 'thumb')).status).toBe(404)
      expect((await media(second.id, viewer)).status).toBe(200)
    }
    // The story itself stays published.
    const [row] = await db.select().from(stories).where(eq(stories.id, story.id))
    expect(row).toMatchObject({ status: 'published', audience: 'public' })

    // The owner still sees the file, and its state, on the status page.
    expect((await media(first.id, a.cookie)).status).toBe(200)
    const editor = await editorLoader({ request: makeRequest(`/mijn-verhalen/${story.id}`, { cookie: a.cookie }), params: { id: story.id }, context: testContext })
    expect(editor.step).toBe('status')
    expect(editor.media.map((m) => [m.id, m.consents['media.publish'].granted])).toEqual([
      [first.id, false],
      [second.id, true],
    ])
  })

  it('shows the same medium again on a new grant, without a new review (its file and moderated text did not change)', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const { story, first, second } = await publishedStoryWithTwoPhotos(a)
    await postConsent({ cookie: a.cookie, storyId: story.id, mediaId: first.id, form: { intent: 'consent', purpose: 'media.publish', grant: 'false' } })
    expect((await media(first.id)).status).toBe(404)

    const before = await generation()
    const answer = await postConsent({ cookie: a.cookie, storyId: story.id, mediaId: first.id, form: { intent: 'consent', purpose: 'media.publish', grant: 'true' } })
    expect(answer.headers.get('Location')).toContain('opgeslagen=consentGiven')
    expect(await generation()).toBeGreaterThan(before)
    expect(await publicPageMedia(story.slug)).toEqual([first.id, second.id])
    expect((await media(first.id)).status).toBe(200)
    expect((await events(a, first.id)).map((e) => e.action)).toEqual(['grant', 'withdraw', 'grant'])

    // A medium whose text lost its moderated version stays off, consent or not.
    await db.update(storyMedia).set({ publishedDescription: null, textModeratedAt: null }).where(eq(storyMedia.id, second.id))
    expect(await publicPageMedia(story.slug)).toEqual([first.id])
  })

  it('records the archive choice per medium without changing what readers see', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const { story, first } = await publishedStoryWithTwoPhotos(a)
    await postConsent({ cookie: a.cookie, storyId: story.id, mediaId: first.id, form: { intent: 'consent', purpose: 'media.archiveTransfer', grant: 'true' } })
    const editor = await editorLoader({ request: makeRequest(`/mijn-verhalen/${story.id}`, { cookie: a.cookie }), params: { id: story.id }, context: testContext })
    expect(editor.media[0]!.consents).toMatchObject({ 'media.archiveTransfer': { granted: true }, 'media.publish': { granted: true } })
    await postConsent({ cookie: a.cookie, storyId: story.id, mediaId: first.id, form: { intent: 'consent', purpose: 'media.archiveTransfer', grant: 'false' } })
    expect((await events(a, first.id)).filter((e) => e.purpose === 'media.archiveTransfer').map((e) => e.action)).toEqual(['withdraw', 'grant'])
    expect((await media(first.id)).status).toBe(200)
  })

  it('keeps the event and the generation in one transaction: a rollback leaves neither', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const { story, first } = await publishedStoryWithTwoPhotos(a)
    const before = await generation()
    await expect(
      db.transaction(async (t) => {
        await setOwnMediaConsent({ authorId: a.id, storyId: story.id, mediaId: first.id, purpose: 'media.publish', grant: false, locale: 'nl' }, t)
        const inside = (await t.select({ g: publicationState.generation }).from(publicationState))[0]!.g
        expect(inside).toBeGreaterThan(before)
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect(await generation()).toBe(before)
    expect((await events(a, first.id)).map((e) => e.action)).toEqual(['grant'])
    expect((await media(first.id)).status).toBe(200)
  })
})

describe('the medium consent form refuses what is not the author\'s own', () => {
  it('answers 404 to a forged post on another survivor\'s medium and records nothing', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const b = await createPersona({ roles: ['survivor'] })
    const { story, first } = await publishedStoryWithTwoPhotos(a)
    const own = await createStory({ authorId: b.id })
    const otherOfA = await createStory({ authorId: a.id })
    const withdraw = { intent: 'consent', purpose: 'media.publish', grant: 'false' }
    // B on A's story address, B on B's own story address with A's medium, A with the medium under another of A's stories.
    expect((await postConsent({ cookie: b.cookie, storyId: story.id, mediaId: first.id, form: withdraw })).status).toBe(404)
    expect((await postConsent({ cookie: b.cookie, storyId: own.id, mediaId: first.id, form: withdraw })).status).toBe(404)
    expect((await postConsent({ cookie: a.cookie, storyId: otherOfA.id, mediaId: first.id, form: withdraw })).status).toBe(404)
    expect((await postConsent({ cookie: b.cookie, storyId: own.id, mediaId: 'not-a-uuid', form: withdraw })).status).toBe(404)
    expect((await events(a, first.id)).map((e) => e.action)).toEqual(['grant'])
    expect((await getOwnObjectConsents({ userId: b.id, objectType: 'media', objectId: first.id })).history).toEqual([])
    expect((await media(first.id)).status).toBe(200)
  })

  it('never fails on hostile form values, and records only the two real choices', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const { story, first } = await publishedStoryWithTwoPhotos(a)
    const hostile = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'toString', 'media.publish\u0000', 'MEDIA.PUBLISH', 'monument.publishPublic', 'media.archiveTransfer ', '', 'true\u202e'),
      fc.string({ maxLength: 40 }),
      fc.string({ minLength: 5_000, maxLength: 20_000 }),
    )
    let runs = 0
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (purpose, grant) => {
        runs++
        const answer = await postConsent({ cookie: a.cookie, storyId: story.id, mediaId: first.id, form: { intent: 'consent', purpose, grant } })
        expect(answer.status).toBe(302)
        expect(answer.headers.get('Location')).not.toContain('opgeslagen')
      }),
      { seed: 20261207, numRuns: 60 },
    )
    expect(runs).toBe(60)
    expect((await events(a, first.id)).map((e) => e.action)).toEqual(['grant'])
    expect((await media(first.id)).status).toBe(200)
  })

  it('records one withdrawal for a double submit (two posts at once)', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const { story, first } = await publishedStoryWithTwoPhotos(a)
    const form = { intent: 'consent', purpose: 'media.publish', grant: 'false' }
    const answers = await Promise.all([1, 2, 3].map(() => postConsent({ cookie: a.cookie, storyId: story.id, mediaId: first.id, form })))
    expect(answers.map((r) => r.status)).toEqual([302, 302, 302])
    expect((await events(a, first.id)).map((e) => e.action)).toEqual(['withdraw', 'grant'])
    expect((await media(first.id)).status).toBe(404)
  })
})
