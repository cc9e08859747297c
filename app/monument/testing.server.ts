import { Readable } from 'node:stream'
import sharp from 'sharp'
import { addStoryMedia } from './media-add.server'
import { createStory } from './stories.server'

/** Test-only: a survivor's draft with one real photo (stored in the test bucket). */
export async function createTestStoryWithPhoto({ authorId }: { authorId: string }) {
  const story = await createStory({ authorId })
  const jpeg = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#6688aa' } }).jpeg().toBuffer()
  const media = await addStoryMedia({ authorId, storyId: story.id, input: Readable.from([jpeg]) })
  return { story, media }
}
