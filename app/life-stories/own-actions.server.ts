import { createDraftFromLifeStory } from '~/monument/for-life-stories.server'
import { getOwnLifeStory } from './own.server'
import { OwnLifeStoryActionSchema } from './schemas'

/**
 * "Make it a monument story": a new DRAFT of the survivor's, with this title and text, made by
 * the monument (which owns stories). The life story itself is untouched and stays private; the
 * draft goes through the editor, the consents and moderation like any story. Null when the story
 * is not the survivor's own (or the intent is not this one).
 */
export async function makeMonumentStory({ userId, id, intent }: { userId: string; id: string; intent: unknown }) {
  if (!OwnLifeStoryActionSchema.safeParse({ intent }).success) return null
  const story = await getOwnLifeStory({ userId, id })
  if (!story) return null
  const { storyId } = await createDraftFromLifeStory({ authorId: userId, title: story.title, body: story.body })
  return storyId
}
