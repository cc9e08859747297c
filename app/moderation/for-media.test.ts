import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { pilloryMarks } from '@db/schema/moderation'
import { createStory } from '~/monument/stories.server'
import { createPersona, type Persona } from '~/testing/personas.server'
import { deleteMediaMarks } from './for-media.server'
import { mediaMarkField } from './media-text'

afterAll(() => closeDb())

let author: Persona
beforeAll(async () => {
  author = await createPersona({ roles: ['survivor'] })
})

// `field` is typed for the story's own texts; a medium's marks use `media:<id>:<text>`.
const mark = (storyId: string, field: string, start: number) => ({ storyId, field: field as 'body', markId: `name:${start}`, kind: 'name', start, end: start + 5, text: 'Jansen', confidence: 'high' })

describe('deleteMediaMarks', () => {
  it("removes one medium's marks and leaves the story's own and other media's marks", async () => {
    const story = await createStory({ authorId: author.id })
    const gone = randomUUID()
    const kept = randomUUID()
    await db
      .insert(pilloryMarks)
      .values([mark(story.id, mediaMarkField(gone, 'description'), 0), mark(story.id, mediaMarkField(gone, 'transcript'), 3), mark(story.id, mediaMarkField(kept, 'description'), 0), mark(story.id, 'body', 7)])
    expect(await deleteMediaMarks({ storyId: story.id, mediaId: gone })).toBe(2)
    const left = await db.select({ field: pilloryMarks.field }).from(pilloryMarks).where(eq(pilloryMarks.storyId, story.id))
    expect(left.map((r) => r.field).sort()).toEqual(['body', mediaMarkField(kept, 'description')].sort())
  })
})
