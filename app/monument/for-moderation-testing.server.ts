import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { db } from '@db/client.server'
import { stories, type NewStory } from '@db/schema/monument'
import { addStoryMedia } from './media-add.server'
import { setMediaCaptions, updateMediaDetails } from './media-edit.server'
import { createStory } from './stories.server'
import { wav } from '~/testing/media-fixtures'

/**
 * Test-only, for moderation's tests and the route matrix: a story row in a given state, written
 * directly instead of through the author's editor. Published stories get their moderated text
 * and a publication time.
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

type TestMedium = { kind: 'photo'; description?: string } | { kind: 'audio'; description?: string; transcript?: string; captions?: string }

/**
 * Test-only: a submitted story with real media (files in the test bucket), their texts
 * written through the author's own functions while it was a draft.
 */
export async function createTestStoryWithMedia({ authorId, title = 'Mijn tijd in het tehuis', body = 'Ik was negen toen ik werd geplaatst.', media }: { authorId: string; title?: string; body?: string; media: TestMedium[] }) {
  const story = await createStory({ authorId })
  const rows = []
  for (const m of media) {
    const bytes = m.kind === 'photo' ? await sharp({ create: { width: 32, height: 24, channels: 3, background: '#6688aa' } }).jpeg().toBuffer() : wav(2000)
    const row = await addStoryMedia({ authorId, storyId: story.id, input: Readable.from([bytes]) })
    await updateMediaDetails({ authorId, mediaId: row.id, details: { description: m.description, transcript: m.kind === 'audio' ? m.transcript : undefined } })
    if (m.kind === 'audio' && m.captions) await setMediaCaptions({ authorId, mediaId: row.id, input: Readable.from([Buffer.from(m.captions, 'utf8')]) })
    rows.push(row)
  }
  const [submitted] = await db.update(stories).set({ title, body, status: 'submitted', submittedAt: new Date() }).where(eq(stories.id, story.id)).returning()
  return { story: submitted!, media: rows }
}
