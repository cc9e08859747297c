import type { AppLoadContext } from '@remix-run/node'
import { notFoundForeign, requireSurvivor } from '~/auth/guards.server'
import { getOwnStory } from './stories.server'

/**
 * The guard of every `/mijn-verhalen/:id…` route: a signed-in survivor and their own story.
 * Another survivor's story, a deleted one and a malformed id all answer the same 404 (logged
 * as a refusal), so a story's existence never leaks to someone who guesses ids.
 */
export async function requireOwnStory({ request, context, storyId }: { request: Request; context?: AppLoadContext; storyId: string | undefined }) {
  const ctx = await requireSurvivor(request, context)
  const story = await getOwnStory({ authorId: ctx.user.id, storyId: storyId ?? '' })
  if (!story) throw await notFoundForeign(ctx, request, context)
  return { ctx, story }
}
