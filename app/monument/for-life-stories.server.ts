import type { DbOrTx } from '@db/client.server'
import { createStory, inTx, saveDraft } from './stories.server'

/**
 * For app/life-stories: a survivor turns their recorded life story into a monument story. It
 * becomes an ordinary DRAFT of theirs with the title and text filled in through the editor's
 * own save (the same checks), nothing more: publishing goes through the editor's steps, the
 * consents and moderation like any story, so nothing of it is public before that.
 */
export async function createDraftFromLifeStory({ authorId, title, body }: { authorId: string; title: string; body: string }, tx?: DbOrTx): Promise<{ storyId: string }> {
  return inTx(tx, async (t) => {
    const story = await createStory({ authorId }, t)
    const saved = await saveDraft({ authorId, storyId: story.id, revision: story.revision, fields: { title, body } }, t)
    if (!saved.ok) throw new Error(`life story draft not saved: ${saved.reason}`)
    return { storyId: story.id }
  })
}
