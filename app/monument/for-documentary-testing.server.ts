import { eq } from 'drizzle-orm'
import { db } from '@db/client.server'
import { stories, storyMedia } from '@db/schema/monument'
import { createTestStory, createTestStoryWithMedia } from './for-moderation-testing.server'

/**
 * Test-only, for the documentary's tests: a story on the public monument (published, public
 * audience, moderated text), optionally with one audio medium whose moderated transcript and
 * captions are set as if a moderator had proposed them and the author approved. Consents are
 * the caller's business (app/consent).
 */
export async function createPublicTestStory({ authorId, title = 'Het tehuis aan de dijk', body, withAudio = false }: { authorId: string; title?: string; body: string; withAudio?: boolean }) {
  if (!withAudio) {
    const story = await createTestStory({ authorId, status: 'published', title, body })
    return { story, mediaId: null as string | null }
  }
  const { story, media } = await createTestStoryWithMedia({ authorId, title, body, media: [{ kind: 'audio', description: 'Mijn stem', transcript: 'Wat ik vertel.' }] })
  const now = new Date()
  await db
    .update(stories)
    .set({ status: 'published', publishedTitle: title, publishedBody: body, publishedAt: now, audience: 'public' })
    .where(eq(stories.id, story.id))
  await db
    .update(storyMedia)
    .set({ publishedDescription: 'Mijn stem', publishedTranscript: 'Wat ik vertel.', publishedCaptions: 'WEBVTT\n\n00:00.000 --> 00:01.000\nWat ik vertel.\n', textModeratedAt: now })
    .where(eq(storyMedia.id, media[0]!.id))
  return { story, mediaId: media[0]!.id as string | null }
}

