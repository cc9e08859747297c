import { and, eq, like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { auditLog } from '@db/schema/audit'
import { pilloryMarks } from '@db/schema/moderation'
import { stories, storyMedia } from '@db/schema/monument'
import { stopPublisher } from '~/jobs/publisher.server'
import { deleteStoryMedia, setMediaConsent, updateMediaDetails } from '~/monument/media-edit.server'
import { approveModeratedVersionWithMedia, getModeratedVersionForAuthor } from '~/monument/media-moderated-text.server'
import { getReadableMedia } from '~/monument/media-serve.server'
import { setStoryConsent } from '~/monument/story-consent.server'
import { rejectModeratedVersion } from '~/monument/story-steps.server'
import { loader as reviewLoader } from '~/routes/beheer.verhalen.$id'
import { loader as mediaLoader } from '~/routes/media.$id'
import { loader as variantLoader } from '~/routes/media.$id.$variant'
import { loader as authorLoader } from '~/routes/mijn-verhalen.$id._index'
import { createPersona, makeRequest, testContext, type Persona } from '~/testing/personas.server'
import { mediaMarkField } from './media-text'
import { proposeVersion } from './propose-version.server'
import { decideMark, startReview } from './review-steps.server'
import { getStoryForReview } from './story-review.server'
import { createTestStoryWithMedia } from '~/monument/for-moderation-testing.server'

afterAll(async () => {
  await stopPublisher()
  await closeDb()
})

let author: Persona
let moderator: Persona
const actor = () => ({ id: moderator.id, roles: moderator.roles as string[] })

beforeAll(async () => {
  author = await createPersona({ roles: ['survivor'] })
  moderator = await createPersona({ roles: ['moderator'] })
})

const TRANSCRIPT = 'Dit is mijn stem. Meneer Jansen sloeg mij elke avond.'
const CAPTIONS = 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nDit is mijn stem.\n\n2\n00:00:04.000 --> 00:00:08.000\nBel 06-12345678 maar niet.\n'
const DESCRIPTION = 'Een foto van het tehuis, met juf Annie bij de deur.'

/** A submitted story with an audio recording (transcript and captions) and a photo (description). */
async function storyWithMedia() {
  const { story, media } = await createTestStoryWithMedia({
    authorId: author.id,
    body: 'Ik was negen toen ik werd geplaatst.',
    media: [
      { kind: 'audio', description: 'Ik vertel over de avonden.', transcript: TRANSCRIPT, captions: CAPTIONS },
      { kind: 'photo', description: DESCRIPTION },
    ],
  })
  return { story, audio: media[0]!, photo: media[1]! }
}

async function decideAll(storyId: string, decide: (text: string) => 'redact' | 'keep') {
  const rows = await db.select().from(pilloryMarks).where(eq(pilloryMarks.storyId, storyId))
  for (const r of rows) await decideMark({ storyId, markRowId: r.id, decision: decide(r.text), reason: `besluit over ${r.kind}`, actor: actor() })
  return rows
}

const get = (path: string, cookie?: string) => makeRequest(path, { cookie })

describe('the pillory guard on media text', () => {
  it('marks names in a transcript, captions and a description when review starts, and shows them to the moderator with each medium', async () => {
    const { story, audio, photo } = await storyWithMedia()
    await startReview({ storyId: story.id, actor: actor() })
    const rows = await db.select().from(pilloryMarks).where(eq(pilloryMarks.storyId, story.id))
    const found = rows.map((r) => `${r.field}|${r.kind}|${r.text}`).sort()
    expect(found).toContain(`${mediaMarkField(audio.id, 'transcript')}|titledName|Jansen`)
    expect(found).toContain(`${mediaMarkField(audio.id, 'captions')}|phone|06-12345678`)
    expect(found).toContain(`${mediaMarkField(photo.id, 'description')}|titledName|Annie`)
    // The captions' timing lines are not read as dates or numbers.
    expect(rows.filter((r) => r.field === mediaMarkField(audio.id, 'captions')).map((r) => r.text)).toEqual(['06-12345678'])
    // Offsets are into the text exactly as the author wrote it.
    const transcriptMark = rows.find((r) => r.text === 'Jansen')!
    expect(TRANSCRIPT.slice(transcriptMark.start, transcriptMark.end)).toBe('Jansen')
    const phone = rows.find((r) => r.text === '06-12345678')!
    expect(CAPTIONS.slice(phone.start, phone.end)).toBe('06-12345678')

    const review = await getStoryForReview({ storyId: story.id, actor: actor() })
    expect(review!.media.map((m) => [m.kind, m.number, m.publishConsent, m.url])).toEqual([
      ['audio', 1, false, `/media/${audio.id}`],
      ['photo', 2, false, `/media/${photo.id}`],
    ])
    expect(review!.media[0]!.texts).toEqual({ description: 'Ik vertel over de avonden.', transcript: TRANSCRIPT, captions: CAPTIONS })
    expect(review!.media[0]!.captionsUrl).toBe(`/media/${audio.id}/captions`)
    expect(review!.undecided).toBe(rows.length)

    // Through the route: the medium's marks are placed in its text, with where they are.
    const page = await reviewLoader({ request: get(`/beheer/verhalen/${story.id}`, moderator.cookie), params: { id: story.id }, context: testContext })
    const parts = page.mediaParts[audio.id]!.transcript!
    expect(parts.find((p) => p.mark)?.text).toBe('Jansen')
    expect(parts.map((p) => p.text).join('')).toBe(TRANSCRIPT)
    expect(page.marks.find((m) => m.text === 'Jansen')!.place).toEqual({ field: 'transcript', kind: 'audio', number: 1 })
  })

  it('lets the moderator fetch the media of a story in review, and logs every view', async () => {
    const { story, audio } = await storyWithMedia()
    await startReview({ storyId: story.id, actor: actor() })
    const served = await mediaLoader({ request: get(`/media/${audio.id}`, moderator.cookie), params: { id: audio.id }, context: testContext })
    expect(served.status).toBe(200)
    expect(served.headers.get('Cache-Control')).toBe('private, no-store')
    const captions = await variantLoader({ request: get(`/media/${audio.id}/captions`, moderator.cookie), params: { id: audio.id, variant: 'captions' }, context: testContext })
    expect(await captions.text()).toBe(CAPTIONS)
    const logged = await db.select().from(auditLog).where(and(eq(auditLog.objectId, audio.id), eq(auditLog.actorId, moderator.id)))
    expect(logged.map((l) => [l.action, l.subjectId, l.purpose])).toEqual([
      ['story.mediaView', author.id, 'moderation'],
      ['story.mediaView', author.id, 'moderation'],
    ])
    // Nobody else gets an unpublished medium.
    const other = await createPersona({ roles: ['survivor'] })
    expect((await mediaLoader({ request: get(`/media/${audio.id}`, other.cookie), params: { id: audio.id }, context: testContext })).status).toBe(404)
    expect((await mediaLoader({ request: get(`/media/${audio.id}`), params: { id: audio.id }, context: testContext })).status).toBe(404)
    // Once the author withdraws the story, moderators have nothing to look at either.
    await db.update(stories).set({ status: 'withdrawn' }).where(eq(stories.id, story.id))
    expect((await mediaLoader({ request: get(`/media/${audio.id}`, moderator.cookie), params: { id: audio.id }, context: testContext })).status).toBe(404)
  })
})

describe('the moderated media text', () => {
  it('is proposed only when every media mark is decided, with exactly the redactions applied and the author text kept', async () => {
    const { story, audio, photo } = await storyWithMedia()
    await startReview({ storyId: story.id, actor: actor() })
    const rows = await db.select().from(pilloryMarks).where(eq(pilloryMarks.storyId, story.id))
    await decideMark({ storyId: story.id, markRowId: rows.find((r) => r.text === 'Jansen')!.id, decision: 'redact', reason: 'naam van een medewerker', actor: actor() })
    await expect(proposeVersion({ storyId: story.id, actor: actor() })).rejects.toMatchObject({ messageKey: 'errors.undecidedMarks' })
    const [still] = await db.select().from(storyMedia).where(eq(storyMedia.id, audio.id))
    expect(still).toMatchObject({ publishedTranscript: null, textModeratedAt: null })

    await decideAll(story.id, (text) => (text === 'Annie' ? 'keep' : 'redact'))
    await proposeVersion({ storyId: story.id, actor: actor() })
    const [a] = await db.select().from(storyMedia).where(eq(storyMedia.id, audio.id))
    const [p] = await db.select().from(storyMedia).where(eq(storyMedia.id, photo.id))
    expect(a!.publishedTranscript).toBe('Dit is mijn stem. Meneer [naam weggelaten] sloeg mij elke avond.')
    expect(a!.publishedCaptions).toBe(CAPTIONS.replace('06-12345678', '[telefoonnummer weggelaten]'))
    expect(a!.publishedDescription).toBe('Ik vertel over de avonden.')
    expect(a!.transcript).toBe(TRANSCRIPT)
    expect(a!.textModeratedAt).toBeInstanceOf(Date)
    expect(p!.publishedDescription).toBe(DESCRIPTION)
    expect(p!.publishedTranscript).toBeNull()
  })

  it('is never proposed unguarded: marks missing from a review begun earlier are added for a decision first', async () => {
    const { story, audio } = await storyWithMedia()
    await startReview({ storyId: story.id, actor: actor() })
    // As if review began before media text was guarded: only the story's own marks exist.
    await db.delete(pilloryMarks).where(and(eq(pilloryMarks.storyId, story.id), like(pilloryMarks.field, 'media:%')))
    await expect(proposeVersion({ storyId: story.id, actor: actor() })).rejects.toMatchObject({ messageKey: 'errors.undecidedMarks' })
    const added = await db.select().from(pilloryMarks).where(eq(pilloryMarks.storyId, story.id))
    expect(added.find((m) => m.field === mediaMarkField(audio.id, 'transcript'))).toMatchObject({ text: 'Jansen', decision: null })
    await decideAll(story.id, () => 'redact')
    await proposeVersion({ storyId: story.id, actor: actor() })
    const [a] = await db.select().from(storyMedia).where(eq(storyMedia.id, audio.id))
    expect(a!.publishedTranscript).not.toContain('Jansen')
  })

  it('is shown to the author in the version they approve, and readers get only that version', async () => {
    const { story, audio } = await storyWithMedia()
    await startReview({ storyId: story.id, actor: actor() })
    await decideAll(story.id, () => 'redact')
    await proposeVersion({ storyId: story.id, actor: actor() })

    // The author's approval page shows the moderated media text and carries its fingerprint.
    const page = await authorLoader({ request: get(`/mijn-verhalen/${story.id}`, author.cookie), params: { id: story.id }, context: testContext })
    expect(page.step).toBe('status')
    expect(page.moderatedMedia[0]).toMatchObject({ kind: 'audio', number: 1, transcript: 'Dit is mijn stem. Meneer [naam weggelaten] sloeg mij elke avond.' })
    expect(page.moderatedMedia[1]).toMatchObject({ kind: 'photo', description: 'Een foto van het tehuis, met juf [naam weggelaten] bij de deur.' })
    expect(JSON.stringify(page.moderatedMedia)).not.toContain('Jansen sloeg')
    const seen = page.seenVersion!
    expect(seen).toMatch(/^[0-9a-f]{32}\.[0-9a-f]{32}$/)

    // A media text changed after the author looked cannot be approved unseen.
    await db.update(storyMedia).set({ publishedTranscript: 'Iets anders.' }).where(eq(storyMedia.id, audio.id))
    expect(await approveModeratedVersionWithMedia({ authorId: author.id, storyId: story.id, seenVersion: seen })).toEqual({ ok: false, reason: 'versionChanged' })
    const [unchanged] = await db.select({ status: stories.status }).from(stories).where(eq(stories.id, story.id))
    expect(unchanged!.status).toBe('awaitingAuthor')
    await db.update(storyMedia).set({ publishedTranscript: 'Dit is mijn stem. Meneer [naam weggelaten] sloeg mij elke avond.' }).where(eq(storyMedia.id, audio.id))

    // Consent first, then approval publishes at once.
    await setStoryConsent({ authorId: author.id, storyId: story.id, purpose: 'monument.publishPublic', grant: true, locale: 'nl' })
    await setMediaConsent({ authorId: author.id, mediaId: audio.id, grant: true, locale: 'nl' })
    const approved = await approveModeratedVersionWithMedia({ authorId: author.id, storyId: story.id, seenVersion: seen })
    expect(approved).toMatchObject({ ok: true, published: true })

    const readable = await getReadableMedia({ storyId: story.id, viewer: null })
    expect(readable).toHaveLength(1)
    expect(readable[0]).toMatchObject({ id: audio.id, transcript: 'Dit is mijn stem. Meneer [naam weggelaten] sloeg mij elke avond.', description: 'Ik vertel over de avonden.' })
    expect(JSON.stringify(readable)).not.toContain('Jansen')
    // Captions for a reader are the moderated ones, never the author's file.
    const captions = await variantLoader({ request: get(`/media/${audio.id}/captions`), params: { id: audio.id, variant: 'captions' }, context: testContext })
    expect(captions.status).toBe(200)
    expect(captions.headers.get('Content-Type')).toContain('text/vtt')
    const vtt = await captions.text()
    expect(vtt).toContain('[telefoonnummer weggelaten]')
    expect(vtt).not.toContain('06-12345678')
    expect((await mediaLoader({ request: get(`/media/${audio.id}`), params: { id: audio.id }, context: testContext })).status).toBe(200)
  })

  it('needs review again when the author changes media text, and drops the marks of a deleted medium', async () => {
    const { story, audio, photo } = await storyWithMedia()
    await startReview({ storyId: story.id, actor: actor() })
    await decideAll(story.id, () => 'redact')
    await proposeVersion({ storyId: story.id, actor: actor() })
    // While the author looks at the proposal, the text cannot change.
    expect(await updateMediaDetails({ authorId: author.id, mediaId: audio.id, details: { transcript: 'Nieuw.' } })).toEqual({ ok: false, reason: 'notEditable' })

    // The author wants to change something: the changed text loses its moderated version.
    expect((await rejectModeratedVersion({ authorId: author.id, storyId: story.id })).ok).toBe(true)
    expect(await updateMediaDetails({ authorId: author.id, mediaId: audio.id, details: { description: 'Ik vertel over de avonden.', transcript: 'Juf Bep was er ook.' } })).toEqual({ ok: true })
    const [changed] = await db.select().from(storyMedia).where(eq(storyMedia.id, audio.id))
    expect(changed).toMatchObject({ transcript: 'Juf Bep was er ook.', publishedTranscript: null, publishedCaptions: null, textModeratedAt: null })
    const [untouched] = await db.select().from(storyMedia).where(eq(storyMedia.id, photo.id))
    expect(untouched!.textModeratedAt).toBeInstanceOf(Date)
    // Even if the story were published now, the changed medium stays off the monument.
    await db.update(stories).set({ status: 'published', audience: 'public', publishedAt: new Date() }).where(eq(stories.id, story.id))
    await setMediaConsent({ authorId: author.id, mediaId: audio.id, grant: true, locale: 'nl' })
    expect(await getReadableMedia({ storyId: story.id, viewer: null })).toEqual([])
    expect((await mediaLoader({ request: get(`/media/${audio.id}`), params: { id: audio.id }, context: testContext })).status).toBe(410)
    await db.update(stories).set({ status: 'changesRequested', audience: 'none' }).where(eq(stories.id, story.id))

    // Resubmitted, the new text is guarded again.
    await db.update(stories).set({ status: 'submitted' }).where(eq(stories.id, story.id))
    await startReview({ storyId: story.id, actor: actor() })
    const marks = await db.select().from(pilloryMarks).where(eq(pilloryMarks.storyId, story.id))
    expect(marks.find((m) => m.field === mediaMarkField(audio.id, 'transcript'))?.text).toBe('Bep')

    await deleteStoryMedia({ authorId: author.id, mediaId: audio.id })
    expect(await db.select().from(pilloryMarks).where(and(eq(pilloryMarks.storyId, story.id), like(pilloryMarks.field, `media:${audio.id}:%`)))).toEqual([])
    expect(await getModeratedVersionForAuthor({ authorId: author.id, storyId: story.id })).toBeNull()
  })
})
