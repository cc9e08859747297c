import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { stories } from '@db/schema/monument'
import { createPersona } from '~/testing/personas.server'
import { createTestStory } from './for-moderation-testing.server'
import { getStoryForArchive, getStoryTitles, listArchivableStories, markArchiveTransferred } from './for-archive.server'

afterAll(() => closeDb())

describe("monument's functions for the archive", () => {
  it('offers only an approved moderated text, never the author\'s own draft text', async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const approvedAt = new Date('2026-12-01T10:00:00Z')
    const published = await createTestStory({ authorId: author.id, status: 'published', title: 'Eigen titel', body: 'Eigen tekst', publishedTitle: 'Gemodereerd', publishedBody: 'Gemodereerde tekst', authorApprovedAt: approvedAt })
    const awaiting = await createTestStory({ authorId: author.id, status: 'awaitingAuthor', publishedTitle: 'Voorstel', publishedBody: 'Nog niet goedgekeurd', authorApprovedAt: approvedAt })
    const draft = await createTestStory({ authorId: author.id, status: 'draft' })

    const listed = await listArchivableStories({ storyIds: [published.id, awaiting.id, draft.id] })
    expect(listed.map((s) => [s.id, s.title])).toEqual([[published.id, 'Gemodereerd']])
    expect(listed[0]!.textVersion).toMatch(/^2026-12-01T10:00:00\.000Z#[0-9a-f]{12}$/)

    const full = await getStoryForArchive({ storyId: published.id })
    expect(full).toMatchObject({ approved: true, title: 'Gemodereerd', body: 'Gemodereerde tekst', shownAs: null, media: [] })
    expect(JSON.stringify(full)).not.toContain('Eigen tekst')
    expect(await getStoryForArchive({ storyId: awaiting.id })).toMatchObject({ approved: false })
    expect(await getStoryForArchive({ storyId: 'nope' })).toBeNull()
    expect((await getStoryTitles({ storyIds: [published.id] })).get(published.id)).toBe('Gemodereerd')
  })

  it('names the author only as readers see them, and keeps the first archive date', async () => {
    const author = await createPersona({ roles: ['survivor'] })
    await db.update(users).set({ displayName: 'Els de Vries' }).where(eq(users.id, author.id))
    const base = { authorId: author.id, status: 'published' as const, authorApprovedAt: new Date() }
    const own = await createTestStory({ ...base, displayMode: 'ownName' })
    const pseudo = await createTestStory({ ...base, displayMode: 'pseudonym', pseudonym: ' Merel ' })
    const anon = await createTestStory({ ...base, displayMode: 'anonymous', pseudonym: 'Merel' })
    expect((await getStoryForArchive({ storyId: own.id }))!.shownAs).toBe('Els de Vries')
    expect((await getStoryForArchive({ storyId: pseudo.id }))!.shownAs).toBe('Merel')
    expect((await getStoryForArchive({ storyId: anon.id }))!.shownAs).toBeNull()

    const first = new Date('2026-12-02T09:00:00Z')
    await markArchiveTransferred({ storyId: own.id, at: first })
    await markArchiveTransferred({ storyId: own.id, at: new Date('2026-12-03T09:00:00Z') })
    const [row] = await db.select({ at: stories.archiveTransferredAt }).from(stories).where(eq(stories.id, own.id))
    expect(row!.at).toEqual(first)
  })
})
