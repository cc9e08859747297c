import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { stories } from '@db/schema/monument'
import { createPersona } from '~/testing/personas.server'
import { getOwnStoryIdToLink, listStoriesToLink } from './for-triage.server'

afterAll(() => closeDb())

async function storyOf(authorId: string, title: string, createdAt: Date) {
  const [row] = await db
    .insert(stories)
    .values({ authorId, title, slug: `t${Math.random().toString(36).slice(2, 12)}`, createdAt })
    .returning({ id: stories.id })
  return row!.id
}

describe('the stories triage may link to a request', () => {
  it("lists the author's own stories newest first, and no one else's", async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const other = await createPersona({ roles: ['survivor'] })
    const older = await storyOf(author.id, 'Het tehuis', new Date('2020-01-01T00:00:00Z'))
    const newer = await storyOf(author.id, '', new Date('2021-01-01T00:00:00Z'))
    await storyOf(other.id, 'Van een ander', new Date('2022-01-01T00:00:00Z'))
    expect(await listStoriesToLink({ authorId: author.id })).toEqual([
      { id: newer, title: '' },
      { id: older, title: 'Het tehuis' },
    ])
  })

  it("links the author's own story only: another's story and a malformed id are null", async () => {
    const author = await createPersona({ roles: ['survivor'] })
    const other = await createPersona({ roles: ['survivor'] })
    const own = await storyOf(author.id, 'Mijn verhaal', new Date())
    const foreign = await storyOf(other.id, 'Niet van mij', new Date())
    expect(await getOwnStoryIdToLink({ authorId: author.id, storyId: own })).toBe(own)
    expect(await getOwnStoryIdToLink({ authorId: author.id, storyId: foreign })).toBeNull()
    expect(await getOwnStoryIdToLink({ authorId: author.id, storyId: 'x' })).toBeNull()
  })
})
