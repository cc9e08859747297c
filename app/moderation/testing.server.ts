import { randomBytes } from 'node:crypto'
import { db } from '@db/client.server'
import { stories, type NewStory } from '@db/schema/monument'

/**
 * Test-only: a story row in a given state, written directly (the author's editor is another
 * capability). Published stories get their moderated text and a publication time.
 */
export async function createTestStory(values: Partial<NewStory> & { authorId: string | null }) {
  const published = values.status === 'published'
  const [story] = await db
    .insert(stories)
    .values({
      slug: `verhaal-${randomBytes(6).toString('hex')}`,
      title: 'Mijn tijd in het tehuis',
      body: 'Ik was negen toen ik werd geplaatst.',
      status: 'submitted',
      submittedAt: new Date(),
      ...(published
        ? {
            publishedTitle: values.publishedTitle ?? values.title ?? 'Mijn tijd in het tehuis',
            publishedBody: values.publishedBody ?? values.body ?? 'Ik was negen toen ik werd geplaatst.',
            publishedAt: new Date(),
            audience: 'public' as const,
          }
        : {}),
      ...values,
    })
    .returning()
  return story!
}
