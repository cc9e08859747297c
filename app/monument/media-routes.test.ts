import { Readable } from 'node:stream'
import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { auditLog } from '@db/schema/audit'
import { storedFiles } from '@db/schema/files'
import { stories, storyMedia } from '@db/schema/monument'
import { createPersona, testContext, type Persona } from '~/testing/personas.server'
import { storage } from '~/utils/storage.server'
import { action as uploadAction, loader as uploadLoader } from '~/routes/mijn-verhalen.$id.media'
import { action as mediaItemAction, loader as mediaItemLoader } from '~/routes/mijn-verhalen.$id.media.$mediaId'
import { loader as mediaLoader } from '~/routes/media.$id'
import { loader as variantLoader } from '~/routes/media.$id.$variant'
import { addStoryMedia, UploadRefusedError } from './media-add.server'
import { setMediaConsent, updateMediaDetails } from './media-edit.server'
import { getReadableMedia, parseRange } from './media-serve.server'
import { createStory, getOwnStory } from './stories.server'
import { setStoryConsent } from './story-consent.server'
import { wav } from '~/testing/media-fixtures'

afterAll(() => closeDb())

const BOUNDARY = '----monumentRouteTest'

function multipart(field: string, filename: string, type: string, bytes: Buffer) {
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ])
}

/** A real multipart POST as the browser sends it; `cutAt` ends the body early (a dropped connection). */
function uploadRequest(path: string, cookie: string, body: Buffer, { cutAt, fail }: { cutAt?: number; fail?: boolean } = {}) {
  const bytes = cutAt === undefined ? body : body.subarray(0, cutAt)
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(new Uint8Array(bytes.subarray(i, i + 64 * 1024)))
      if (fail) controller.error(new Error('connection reset'))
      else controller.close()
    },
  })
  return new Request(`http://localhost:3000${path}`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: stream,
    duplex: 'half',
  } as RequestInit)
}

function get(path: string, { cookie, range }: { cookie?: string; range?: string } = {}) {
  const headers = new Headers()
  if (cookie) headers.set('Cookie', cookie)
  if (range) headers.set('Range', range)
  return new Request(`http://localhost:3000${path}`, { headers })
}

async function status(run: () => Promise<Response>) {
  try {
    return await run()
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

async function bucketKeys(prefix: string) {
  const keys: string[] = []
  for await (const o of storage.list(prefix)) keys.push(o.key)
  return keys
}


async function gpsJpeg() {
  return sharp({ create: { width: 600, height: 400, channels: 3, background: '#7a9cb8' } })
    .withExif({
      IFD0: { Make: 'Canon', Model: 'EOS 5D' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 6/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 53/1 12/1' },
    })
    .jpeg()
    .toBuffer()
}

async function bodyOf(response: Response) {
  return Buffer.from(await response.arrayBuffer())
}

/** A published public story by `author` (the moderators' part done directly). */
async function publishedStory(author: Persona) {
  const story = await createStory({ authorId: author.id })
  await db.update(stories).set({ status: 'approved', authorApprovedAt: new Date(), title: 'T', body: 'B', publishedTitle: 'T', publishedBody: 'B' }).where(eq(stories.id, story.id))
  await setStoryConsent({ authorId: author.id, storyId: story.id, purpose: 'monument.publishPublic', grant: true, locale: 'nl' })
  expect((await getOwnStory({ authorId: author.id, storyId: story.id }))!.status).toBe('published')
  return story
}

/** Media are added while the story is a draft; then it is published (their text moderated as it was: none). */
async function publishedStoryWithMedia(author: Persona, files: Buffer[]) {
  const story = await createStory({ authorId: author.id })
  const media = []
  for (const bytes of files) media.push(await addStoryMedia({ authorId: author.id, storyId: story.id, input: Readable.from([bytes]) }))
  await db.update(storyMedia).set({ textModeratedAt: new Date() }).where(eq(storyMedia.storyId, story.id))
  await db.update(stories).set({ status: 'approved', authorApprovedAt: new Date(), title: 'T', body: 'B', publishedTitle: 'T', publishedBody: 'B' }).where(eq(stories.id, story.id))
  await setStoryConsent({ authorId: author.id, storyId: story.id, purpose: 'monument.publishPublic', grant: true, locale: 'nl' })
  return { story, media }
}

describe('uploading media through the route', () => {
  it('stores a photo without its GPS tag, with web variants, and serves it back without it', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    const jpeg = await gpsJpeg()
    // The input really carries a GPS IFD (tag 0x8825) and the camera make.
    const inputExif = (await sharp(jpeg).metadata()).exif!
    expect(inputExif.includes(Buffer.from([0x88, 0x25])) || inputExif.includes(Buffer.from([0x25, 0x88]))).toBe(true)
    expect(jpeg.includes(Buffer.from('Canon'))).toBe(true)

    const response = await status(() => uploadAction({ request: uploadRequest(`/mijn-verhalen/${story.id}/media`, a.cookie, multipart('media', 'holiday.jpg', 'image/jpeg', jpeg)), params: { id: story.id }, context: testContext }) as Promise<Response>)
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toContain('opgeslagen=mediaAdded')
    const [media] = await db.select().from(storyMedia).where(eq(storyMedia.storyId, story.id))
    expect(media).toMatchObject({ kind: 'photo', mime: 'image/jpeg' })
    expect(Object.keys(media!.variants).sort()).toEqual(['medium', 'thumb', 'web'])
    expect((await bucketKeys(`monument/${story.id}/`)).length).toBe(4)

    // Fetched back by its owner through the media route: no EXIF, no GPS.
    const served = await mediaLoader({ request: get(`/media/${media!.id}`, { cookie: a.cookie }), params: { id: media!.id }, context: testContext })
    expect(served.status).toBe(200)
    expect(served.headers.get('Content-Type')).toBe('image/jpeg')
    expect(served.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(served.headers.get('Cache-Control')).toBe('private, no-store')
    const bytes = await bodyOf(served)
    const meta = await sharp(bytes).metadata()
    expect(meta.exif).toBeUndefined()
    expect(bytes.includes(Buffer.from('Canon'))).toBe(false)
    expect(meta.width).toBe(600)

    const thumb = await variantLoader({ request: get(`/media/${media!.id}/thumb`, { cookie: a.cookie }), params: { id: media!.id, variant: 'thumb' }, context: testContext })
    expect(thumb.status).toBe(200)
    expect((await sharp(await bodyOf(thumb)).metadata()).width).toBe(400)
    const unknown = await variantLoader({ request: get(`/media/${media!.id}/original`, { cookie: a.cookie }), params: { id: media!.id, variant: 'original' }, context: testContext })
    expect(unknown.status).toBe(404)
  })

  it('refuses a wrong type behind a valid extension and leaves nothing in the bucket', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    const html = Buffer.from('<html><script>alert(1)</script></html>'.repeat(200))
    const response = await status(() => uploadAction({ request: uploadRequest(`/mijn-verhalen/${story.id}/media`, a.cookie, multipart('media', 'photo.jpg', 'image/jpeg', html)), params: { id: story.id }, context: testContext }) as Promise<Response>)
    expect(response.headers.get('Location')).toContain('fout=unsupportedType')
    expect(await bucketKeys(`monument/${story.id}/`)).toEqual([])
    expect(await db.select().from(storyMedia).where(eq(storyMedia.storyId, story.id))).toEqual([])
  })

  it('refuses an upload cut off halfway and leaves nothing in the bucket', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    const body = multipart('media', 'voice.wav', 'audio/wav', wav(3_000_000))
    for (const options of [{ cutAt: 1_500_000 }, { cutAt: 1_500_000, fail: true }]) {
      const response = await status(() => uploadAction({ request: uploadRequest(`/mijn-verhalen/${story.id}/media`, a.cookie, body, options), params: { id: story.id }, context: testContext }) as Promise<Response>)
      expect(response.headers.get('Location')).toContain('fout=interrupted')
    }
    expect(await bucketKeys(`monument/${story.id}/`)).toEqual([])
    expect(await db.select().from(storedFiles).where(eq(storedFiles.purpose, 'monument.audio'))).toEqual([])
  })

  it('refuses a file over the quota and leaves nothing in the bucket', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    // Fill the survivor's quota up to 1 kB below the limit with a registered (fake) file.
    const [file] = await db.insert(storedFiles).values({ key: `monument/${story.id}/filler`, byteSize: 5 * 1000 * 1000 * 1000 - 1000, contentType: 'audio/wav', sha256: 'x', purpose: 'monument.audio' }).returning()
    await db.insert(storyMedia).values({ storyId: story.id, ownerId: a.id, kind: 'audio', fileId: file!.id, mime: 'audio/wav', byteSize: 1 })
    const response = await status(() => uploadAction({ request: uploadRequest(`/mijn-verhalen/${story.id}/media`, a.cookie, multipart('media', 'voice.wav', 'audio/wav', wav(50_000))), params: { id: story.id }, context: testContext }) as Promise<Response>)
    expect(response.headers.get('Location')).toContain('fout=quotaExceeded')
    expect(await bucketKeys(`monument/${story.id}/`)).toEqual([])
  })

  it('answers 404 to survivor B uploading to A\'s story', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const b = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    const response = await status(() => uploadAction({ request: uploadRequest(`/mijn-verhalen/${story.id}/media`, b.cookie, multipart('media', 'voice.wav', 'audio/wav', wav(1000))), params: { id: story.id }, context: testContext }) as Promise<Response>)
    expect(response.status).toBe(404)
    expect(await bucketKeys(`monument/${story.id}/`)).toEqual([])
  })

  it('sends a GET on either media form back to the media step, for the story\'s author only', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const b = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    for (const [loader, path] of [
      [uploadLoader, `/mijn-verhalen/${story.id}/media`],
      [mediaItemLoader, `/mijn-verhalen/${story.id}/media/00000000-0000-4000-8000-000000000000`],
    ] as const) {
      const own = await status(() => loader({ request: get(path, { cookie: a.cookie }), params: { id: story.id }, context: testContext }))
      expect([own.status, own.headers.get('Location')]).toEqual([302, `/mijn-verhalen/${story.id}?stap=media`])
      expect((await status(() => loader({ request: get(path, { cookie: b.cookie }), params: { id: story.id }, context: testContext }))).status).toBe(404)
    }
  })

  it('accepts WebVTT captions and refuses anything else', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    const media = await addStoryMedia({ authorId: a.id, storyId: story.id, input: Readable.from([wav(2000)]) })
    const path = `/mijn-verhalen/${story.id}/media/${media.id}`
    const params = { id: story.id, mediaId: media.id }
    const bad = await status(() => mediaItemAction({ request: uploadRequest(path, a.cookie, multipart('captions', 'c.vtt', 'text/vtt', Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nHallo\n'))), params, context: testContext }) as Promise<Response>)
    expect(bad.headers.get('Location')).toContain('fout=captionsNotVtt')
    const good = await status(() => mediaItemAction({ request: uploadRequest(path, a.cookie, multipart('captions', 'c.vtt', 'text/vtt', Buffer.from('WEBVTT\n\n00:00.000 --> 00:02.000\nHallo\n'))), params, context: testContext }) as Promise<Response>)
    expect(good.headers.get('Location')).toContain('opgeslagen=captions')
    const captions = await variantLoader({ request: get(`/media/${media.id}/captions`, { cookie: a.cookie }), params: { id: media.id, variant: 'captions' }, context: testContext })
    expect(captions.headers.get('Content-Type')).toContain('text/vtt')
    expect((await bodyOf(captions)).toString()).toContain('WEBVTT')
  })
})

describe('serving media', () => {
  it('answers range requests with 206 and exactly those bytes', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const audio = wav(100_000)
    const { media } = await publishedStoryWithMedia(a, [audio])
    const id = media[0]!.id
    const run = (range?: string) => mediaLoader({ request: get(`/media/${id}`, { cookie: a.cookie, range }), params: { id }, context: testContext })

    const whole = await run()
    expect(whole.status).toBe(200)
    expect(whole.headers.get('Accept-Ranges')).toBe('bytes')
    expect(whole.headers.get('Content-Length')).toBe(String(audio.length))
    expect(await bodyOf(whole)).toEqual(audio)

    const part = await run('bytes=100-1099')
    expect(part.status).toBe(206)
    expect(part.headers.get('Content-Range')).toBe(`bytes 100-1099/${audio.length}`)
    expect(part.headers.get('Content-Length')).toBe('1000')
    expect(await bodyOf(part)).toEqual(audio.subarray(100, 1100))

    const open = await run(`bytes=${audio.length - 10}-`)
    expect(open.status).toBe(206)
    expect(await bodyOf(open)).toEqual(audio.subarray(audio.length - 10))

    const suffix = await run('bytes=-20')
    expect(await bodyOf(suffix)).toEqual(audio.subarray(audio.length - 20))

    const beyond = await run(`bytes=${audio.length}-`)
    expect(beyond.status).toBe(416)
    expect(beyond.headers.get('Content-Range')).toBe(`bytes */${audio.length}`)
  })

  it('shows a published medium to readers only with its own consent and (audio) a transcript, and 404 once its own consent is withdrawn', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const { story, media } = await publishedStoryWithMedia(a, [await gpsJpeg(), wav(4000)])
    const [photo, audio] = media as [(typeof media)[0], (typeof media)[0]]
    const anon = (id: string) => mediaLoader({ request: get(`/media/${id}`), params: { id }, context: testContext })

    // Story public, but no media consent yet: not shown, and answered like an unknown id (ADR 0022).
    expect((await anon(photo.id)).status).toBe(404)
    expect(await getReadableMedia({ storyId: story.id, viewer: null })).toEqual([])

    await setMediaConsent({ authorId: a.id, mediaId: photo.id, grant: true, locale: 'nl' })
    await setMediaConsent({ authorId: a.id, mediaId: audio.id, grant: true, locale: 'nl' })
    const served = await anon(photo.id)
    expect(served.status).toBe(200)
    expect(served.headers.get('Cache-Control')).toBe('public, max-age=0, must-revalidate')
    // Audio needs its transcript first (WCAG 1.2.1).
    expect((await anon(audio.id)).status).toBe(410)
    // After publication the transcript cannot change unmoderated; the author's own text alone never counts.
    expect(await updateMediaDetails({ authorId: a.id, mediaId: audio.id, details: { transcript: 'Later toegevoegd.' } })).toEqual({ ok: false, reason: 'notEditable' })
    await db.update(storyMedia).set({ transcript: 'Ik vertel over de zomer van 1972 met meneer Jansen.' }).where(eq(storyMedia.id, audio.id))
    expect((await anon(audio.id)).status).toBe(410)
    // Its moderated version (what the author approved) is what readers get.
    await db.update(storyMedia).set({ publishedTranscript: 'Ik vertel over de zomer van 1972 met meneer [naam weggelaten].' }).where(eq(storyMedia.id, audio.id))
    expect((await anon(audio.id)).status).toBe(200)
    const readable = await getReadableMedia({ storyId: story.id, viewer: null })
    expect(readable.map((m) => m.url)).toEqual([`/media/${photo.id}`, `/media/${audio.id}`])
    expect(readable[1]!.transcript).toBe('Ik vertel over de zomer van 1972 met meneer [naam weggelaten].')

    // Withdrawing the medium's consent: unknown (404) at the next request; the owner still sees it.
    await setMediaConsent({ authorId: a.id, mediaId: photo.id, grant: false, locale: 'nl' })
    expect((await anon(photo.id)).status).toBe(404)
    expect((await mediaLoader({ request: get(`/media/${photo.id}`, { cookie: a.cookie }), params: { id: photo.id }, context: testContext })).status).toBe(200)

    // Withdrawing the story's publish consent: the audio is gone too.
    await setStoryConsent({ authorId: a.id, storyId: story.id, purpose: 'monument.publishPublic', grant: false, locale: 'nl' })
    expect((await anon(audio.id)).status).toBe(410)
    expect(await getReadableMedia({ storyId: story.id, viewer: null })).toEqual([])
  })

  it('shows fellow-survivor media only to signed-in survivors, and logs a moderator view', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const b = await createPersona({ roles: ['survivor'] })
    const moderator = await createPersona({ roles: ['moderator'] })
    const { story, media } = await publishedStoryWithMedia(a, [await gpsJpeg()])
    const id = media[0]!.id
    await setMediaConsent({ authorId: a.id, mediaId: id, grant: true, locale: 'nl' })
    await setStoryConsent({ authorId: a.id, storyId: story.id, purpose: 'monument.fellowSurvivors', grant: true, locale: 'nl' })
    await setStoryConsent({ authorId: a.id, storyId: story.id, purpose: 'monument.publishPublic', grant: false, locale: 'nl' })
    const as = (cookie?: string) => mediaLoader({ request: get(`/media/${id}`, { cookie }), params: { id }, context: testContext })
    expect((await as()).status).toBe(404)
    const forB = await as(b.cookie)
    expect(forB.status).toBe(200)
    expect(forB.headers.get('Cache-Control')).toBe('private, no-store')
    expect((await as(moderator.cookie)).status).toBe(200)
    const logged = await db.select().from(auditLog).where(eq(auditLog.objectId, id))
    expect(logged.map((r) => r.action)).toEqual(['story.mediaView'])
  })

  it("answers 404 to survivor B for A's unpublished media", async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const b = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    const media = await addStoryMedia({ authorId: a.id, storyId: story.id, input: Readable.from([wav(1000)]) })
    const response = await mediaLoader({ request: get(`/media/${media.id}`, { cookie: b.cookie }), params: { id: media.id }, context: testContext })
    expect(response.status).toBe(404)
    expect((await mediaLoader({ request: get('/media/nope'), params: { id: 'nope' }, context: testContext })).status).toBe(404)
  })

  it('parses ranges', () => {
    expect(parseRange(null, 10)).toBeNull()
    expect(parseRange('bytes=0-4', 10)).toEqual({ start: 0, end: 4 })
    expect(parseRange('bytes=5-100', 10)).toEqual({ start: 5, end: 9 })
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 })
    expect(parseRange('bytes=4-2', 10)).toBe('invalid')
    expect(parseRange('items=0-1', 10)).toBe('invalid')
  })

  it('refuses uploads to a story that is no longer editable', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const story = await publishedStory(a)
    await expect(addStoryMedia({ authorId: a.id, storyId: story.id, input: Readable.from([wav(100)]) })).rejects.toBeInstanceOf(UploadRefusedError)
    expect(await bucketKeys(`monument/${story.id}/`)).toEqual([])
  })
})
