import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { stories } from '@db/schema/monument'
import { createPersona } from '~/testing/personas.server'
import { getModeratedStory, listModeratedStories } from './for-scheme.server'

afterAll(() => closeDb())

async function storyOf(authorId: string, values: { publishedTitle?: string | null; publishedBody?: string | null; updatedAt?: Date }) {
  const [row] = await db
    .insert(stories)
    .values({ authorId, title: 'Eigen titel', body: 'Concept', slug: `s${Math.random().toString(36).slice(2, 12)}`, ...values })
    .returning({ id: stories.id })
  return row!.id
}

describe('the stories a scheme application may use', () => {
  it("lists only the author's own moderated stories, newest first, with the moderated text", async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const other = await createPersona({ roles: ['survivor'] })
    const older = await storyOf(author.id, { publishedTitle: 'Het tehuis', publishedBody: 'Wat er gebeurde.', updatedAt: new Date('2024-01-01T00:00:00Z') })
    const newer = await storyOf(author.id, { publishedTitle: null, publishedBody: 'Later.', updatedAt: new Date('2025-01-01T00:00:00Z') })
    await storyOf(author.id, { publishedBody: null })
    await storyOf(other.id, { publishedTitle: 'Van een ander', publishedBody: 'Niet van jou.' })
    const listed = await listModeratedStories({ authorId: author.id })
    expect(listed.map(({ id, title, text }) => ({ id, title, text }))).toEqual([
      { id: newer, title: '', text: 'Later.' },
      { id: older, title: 'Het tehuis', text: 'Wat er gebeurde.' },
    ])
  })

  it('gives one story only to its author and only with a moderated text', async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const other = await createPersona({ roles: ['survivor'] })
    const reviewed = await storyOf(author.id, { publishedTitle: 'Het tehuis', publishedBody: 'Wat er gebeurde.' })
    const draft = await storyOf(author.id, { publishedBody: null })
    expect(await getModeratedStory({ authorId: author.id, storyId: reviewed })).toMatchObject({ id: reviewed, title: 'Het tehuis', text: 'Wat er gebeurde.' })
    expect(await getModeratedStory({ authorId: other.id, storyId: reviewed })).toBeNull()
    expect(await getModeratedStory({ authorId: author.id, storyId: draft })).toBeNull()
  })
})
