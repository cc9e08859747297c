import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { stories } from '@db/schema/monument'
import { createPersona } from '~/testing/personas.server'
import { createTestStory } from './for-moderation-testing.server'
import { describeReportedStories, findStoryForStaff, hideStory, listStoryIdsOfAuthor, lockVisibleStory, saveModeratedVersion } from './for-moderation.server'

afterAll(() => closeDb())

describe("monument's functions for moderation", () => {
  it('loads a story for staff only from the moment it is sent in, and never a draft or a withdrawn one', async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const submitted = await createTestStory({ authorId: author.id, status: 'submitted' })
    const draft = await createTestStory({ authorId: author.id, status: 'draft' })
    const withdrawn = await createTestStory({ authorId: author.id, status: 'withdrawn' })
    expect(await findStoryForStaff({ storyId: submitted.id })).toMatchObject({ id: submitted.id, status: 'submitted', authorId: author.id })
    expect(await findStoryForStaff({ storyId: draft.id })).toBeNull()
    expect(await findStoryForStaff({ storyId: withdrawn.id })).toBeNull()
    expect(await findStoryForStaff({ storyId: 'not-a-uuid' })).toBeNull()
  })

  it("names a reported story's title only while staff may read it, and keeps the first hiding time", async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const shown = await createTestStory({ authorId: author.id, status: 'published', publishedTitle: 'Over de groep' })
    const gone = await createTestStory({ authorId: author.id, status: 'withdrawn', publishedTitle: 'Teruggetrokken' })
    const first = new Date('2026-01-01T10:00:00Z')
    await hideStory({ storyId: shown.id, at: first })
    await hideStory({ storyId: shown.id, at: new Date('2026-01-02T10:00:00Z') })
    const [row] = await db.select({ hiddenAt: stories.hiddenAt }).from(stories).where(eq(stories.id, shown.id))
    expect(row!.hiddenAt).toEqual(first)

    const described = await describeReportedStories({ storyIds: [shown.id, gone.id, shown.id] })
    expect(described.get(shown.id)).toEqual({ slug: shown.slug, title: 'Over de groep', status: 'published', hidden: true })
    expect(described.get(gone.id)).toMatchObject({ title: null, status: 'withdrawn' })
    expect((await describeReportedStories({ storyIds: [] })).size).toBe(0)
    // Hidden now, so no reader can report it again.
    expect(await db.transaction((tx) => lockVisibleStory({ slug: shown.slug, reader: { survivor: true } }, tx))).toBeNull()
  })

  it("stores the moderated version without publishing it, and lists an author's own story ids", async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const story = await createTestStory({ authorId: author.id, status: 'inReview' })
    await saveModeratedVersion({ storyId: story.id, status: 'awaitingAuthor', title: 'T', body: 'B', contentNote: null, media: [] })
    const [row] = await db.select().from(stories).where(eq(stories.id, story.id))
    expect(row).toMatchObject({ status: 'awaitingAuthor', publishedTitle: 'T', publishedBody: 'B', publishedContentNote: null, publishedAt: null })
    expect(await listStoryIdsOfAuthor({ authorId: author.id })).toEqual([story.id])
  })
})
