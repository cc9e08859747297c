import { Readable } from 'node:stream'
import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { storedFiles } from '@db/schema/files'
import { stories } from '@db/schema/monument'
import { listConsentHistory } from '~/consent/consent.server'
import { createPersona } from '~/testing/personas.server'
import { storage } from '~/utils/storage.server'
import { addStoryMedia } from './media-add.server'
import { deleteStory } from './delete-story.server'
import { listInstitutionSuggestions } from './institutions.server'
import { createStory, getOwnStory, listOwnStories, saveDraft } from './stories.server'
import { getStoryConsents, setStoryConsent } from './story-consent.server'
import { approveModeratedVersion, moderatedVersionFingerprint, rejectModeratedVersion, retractSubmission, submitStory, withdrawStory } from './story-steps.server'

afterAll(() => closeDb())

/** The moderators' side, done directly: review and propose a redacted version. */
async function moderate(storyId: string, body: string) {
  await db.update(stories).set({ status: 'awaitingAuthor', publishedTitle: 'Mijn jaren in het tehuis', publishedBody: body }).where(eq(stories.id, storyId))
}

async function listKeys(prefix = '') {
  const keys: string[] = []
  for await (const o of storage.list(prefix)) keys.push(o.key)
  return keys
}

describe('the story lifecycle through the module', () => {
  it('goes from draft to published only after the author approved the version they saw and gave a publish consent', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    expect(story.status).toBe('draft')

    // Submitting an empty draft names what is missing.
    expect(await submitStory({ authorId: a.id, storyId: story.id })).toEqual({ ok: false, reason: 'incomplete', fields: ['title', 'body'] })

    const saved = await saveDraft({ authorId: a.id, storyId: story.id, revision: 0, fields: { title: 'Mijn jaren in het tehuis', body: 'Ik was negen toen ik werd opgehaald.', institutionName: 'Huize Zonneweide' } })
    expect(saved).toMatchObject({ ok: true, revision: 1 })
    expect((await submitStory({ authorId: a.id, storyId: story.id })).ok).toBe(true)
    expect(await listInstitutionSuggestions()).toContain('Huize Zonneweide')

    // Submitted: the text is locked; taking it back makes it a draft again.
    expect(await saveDraft({ authorId: a.id, storyId: story.id, revision: 1, fields: { title: 'x' } })).toEqual({ ok: false, reason: 'notEditable' })
    expect((await retractSubmission({ authorId: a.id, storyId: story.id })).ok).toBe(true)
    expect((await getOwnStory({ authorId: a.id, storyId: story.id }))!.status).toBe('draft')
    await submitStory({ authorId: a.id, storyId: story.id })

    await moderate(story.id, 'Ik was negen toen [naam verwijderd] mij ophaalde.')
    const shown = (await getOwnStory({ authorId: a.id, storyId: story.id }))!
    // A version the author did not see cannot be approved.
    expect(await approveModeratedVersion({ authorId: a.id, storyId: story.id, seenVersion: 'stale' })).toEqual({ ok: false, reason: 'versionChanged' })
    const approved = await approveModeratedVersion({ authorId: a.id, storyId: story.id, seenVersion: moderatedVersionFingerprint(shown) })
    expect(approved).toMatchObject({ ok: true, published: false })
    expect(approved.ok && approved.story.status).toBe('approved')

    // The publish consent publishes it, in the same step.
    const consent = await setStoryConsent({ authorId: a.id, storyId: story.id, purpose: 'monument.publishPublic', grant: true, locale: 'nl' })
    expect(consent).toMatchObject({ ok: true, audience: 'public', published: true })
    const published = (await getOwnStory({ authorId: a.id, storyId: story.id }))!
    expect(published.status).toBe('published')
    expect(published.publishedAt).toBeInstanceOf(Date)

    expect((await withdrawStory({ authorId: a.id, storyId: story.id })).ok).toBe(true)
    expect((await getOwnStory({ authorId: a.id, storyId: story.id }))!.status).toBe('withdrawn')
    expect((await listOwnStories({ authorId: a.id })).map((s) => s.status)).toEqual(['withdrawn'])
  })

  it('sends a rejected moderated version back to the author, unpublished', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    await saveDraft({ authorId: a.id, storyId: story.id, revision: 0, fields: { title: 'T', body: 'B' } })
    await setStoryConsent({ authorId: a.id, storyId: story.id, purpose: 'monument.publishPublic', grant: true, locale: 'nl' })
    await submitStory({ authorId: a.id, storyId: story.id })
    await moderate(story.id, 'B')
    const result = await rejectModeratedVersion({ authorId: a.id, storyId: story.id })
    expect(result.ok && result.story.status).toBe('changesRequested')
    expect((await getOwnStory({ authorId: a.id, storyId: story.id }))!.publishedAt).toBeNull()
  })

  it('refuses a stale save and keeps the newer text', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    expect(await saveDraft({ authorId: a.id, storyId: story.id, revision: 0, fields: { body: 'Eerste tab' } })).toMatchObject({ ok: true, revision: 1 })
    // A second tab still holds revision 0.
    expect(await saveDraft({ authorId: a.id, storyId: story.id, revision: 0, fields: { body: 'Tweede tab' } })).toEqual({ ok: false, reason: 'conflict', revision: 1 })
    expect((await getOwnStory({ authorId: a.id, storyId: story.id }))!.body).toBe('Eerste tab')
  })

  it('keeps a pseudonym only with the pseudonym display mode', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    await saveDraft({ authorId: a.id, storyId: story.id, revision: 0, fields: { displayMode: 'pseudonym', pseudonym: 'Merel' } })
    expect((await getOwnStory({ authorId: a.id, storyId: story.id }))!.pseudonym).toBe('Merel')
    await saveDraft({ authorId: a.id, storyId: story.id, revision: 1, fields: { displayMode: 'anonymous', pseudonym: 'Merel' } })
    expect((await getOwnStory({ authorId: a.id, storyId: story.id }))!.pseudonym).toBeNull()
  })

  it("does not let survivor B see or change survivor A's story", async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const b = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    expect(await getOwnStory({ authorId: b.id, storyId: story.id })).toBeNull()
    expect(await getOwnStory({ authorId: b.id, storyId: 'not-a-uuid' })).toBeNull()
    expect(await saveDraft({ authorId: b.id, storyId: story.id, revision: 0, fields: { title: 'overgenomen' } })).toEqual({ ok: false, reason: 'notFound' })
    expect(await setStoryConsent({ authorId: b.id, storyId: story.id, purpose: 'monument.publishPublic', grant: true, locale: 'nl' })).toEqual({ ok: false, reason: 'notFound' })
    expect(await deleteStory({ authorId: b.id, storyId: story.id })).toEqual({ deleted: false, reason: 'notFound' })
    expect(await listOwnStories({ authorId: b.id })).toEqual([])
  })
})

describe('consent → audience', () => {
  it('projects the ledger onto audience in the same step, and a withdrawal takes it away at once', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    const audience = async () => (await getOwnStory({ authorId: a.id, storyId: story.id }))!.audience
    expect(await audience()).toBe('none')
    await setStoryConsent({ authorId: a.id, storyId: story.id, purpose: 'monument.fellowSurvivors', grant: true, locale: 'nl' })
    expect(await audience()).toBe('fellowSurvivors')
    await setStoryConsent({ authorId: a.id, storyId: story.id, purpose: 'monument.publishPublic', grant: true, locale: 'en' })
    expect(await audience()).toBe('public')
    // Research consent does not change who may read.
    await setStoryConsent({ authorId: a.id, storyId: story.id, purpose: 'monument.research', grant: true, locale: 'nl' })
    expect(await audience()).toBe('public')
    await setStoryConsent({ authorId: a.id, storyId: story.id, purpose: 'monument.publishPublic', grant: false, locale: 'nl' })
    expect(await audience()).toBe('fellowSurvivors')
    await setStoryConsent({ authorId: a.id, storyId: story.id, purpose: 'monument.fellowSurvivors', grant: false, locale: 'nl' })
    expect(await audience()).toBe('none')

    const { state, history } = await getStoryConsents({ authorId: a.id, storyId: story.id })
    expect(state['monument.research'].granted).toBe(true)
    expect(state['monument.publishPublic'].granted).toBe(false)
    expect(history.map((e) => `${e.purpose}:${e.action}:${e.locale}`)).toEqual([
      'monument.fellowSurvivors:withdraw:nl',
      'monument.publishPublic:withdraw:nl',
      'monument.research:grant:nl',
      'monument.publishPublic:grant:en',
      'monument.fellowSurvivors:grant:nl',
    ])
    expect((await listConsentHistory({ subjectRef: a.id }))[0]!.textVersion).toBe('monument.fellowSurvivors@2026-11-01')
  })

  it('does not publish an approved story without a publish consent', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    await saveDraft({ authorId: a.id, storyId: story.id, revision: 0, fields: { title: 'T', body: 'B' } })
    await setStoryConsent({ authorId: a.id, storyId: story.id, purpose: 'monument.research', grant: true, locale: 'nl' })
    await submitStory({ authorId: a.id, storyId: story.id })
    await moderate(story.id, 'B')
    const shown = (await getOwnStory({ authorId: a.id, storyId: story.id }))!
    const approved = await approveModeratedVersion({ authorId: a.id, storyId: story.id, seenVersion: moderatedVersionFingerprint(shown) })
    expect(approved).toMatchObject({ ok: true, published: false })
    expect((await getOwnStory({ authorId: a.id, storyId: story.id }))!.status).toBe('approved')
    const later = await setStoryConsent({ authorId: a.id, storyId: story.id, purpose: 'monument.fellowSurvivors', grant: true, locale: 'nl' })
    expect(later).toMatchObject({ ok: true, audience: 'fellowSurvivors', published: true })
  })
})

describe('deleteStory', () => {
  it('removes the media objects from storage', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#88aacc' } }).jpeg().toBuffer()
    await addStoryMedia({ authorId: a.id, storyId: story.id, input: Readable.from([jpeg]) })
    expect((await listKeys(`monument/${story.id}/`)).length).toBe(4)
    const result = await deleteStory({ authorId: a.id, storyId: story.id })
    expect(result.deleted).toBe(true)
    expect(await listKeys(`monument/${story.id}/`)).toEqual([])
    expect(await db.select().from(storedFiles).where(eq(storedFiles.purpose, 'monument.photo'))).toEqual([])
    expect(await getOwnStory({ authorId: a.id, storyId: story.id })).toBeNull()
  })

  it('keeps a story that was handed to the archive, withdrawn, with its media', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#aa8866' } }).jpeg().toBuffer()
    await addStoryMedia({ authorId: a.id, storyId: story.id, input: Readable.from([jpeg]) })
    await db.update(stories).set({ archiveTransferredAt: new Date() }).where(eq(stories.id, story.id))
    expect(await deleteStory({ authorId: a.id, storyId: story.id })).toEqual({ deleted: false, reason: 'archived', kept: 'monument:kept.archiveTransfer' })
    expect((await getOwnStory({ authorId: a.id, storyId: story.id }))!.status).toBe('withdrawn')
    expect((await listKeys(`monument/${story.id}/`)).length).toBe(4)
  })
})
