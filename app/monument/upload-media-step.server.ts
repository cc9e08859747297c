import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { requireOwnStory } from './require-own-story.server'

/**
 * The loader of both media form targets (`/mijn-verhalen/:id/media` and `…/media/:mediaId`):
 * they only take posts, so a GET (a reload after a post, a bookmarked address) goes back to
 * the story's media step, for its author only.
 */
export async function redirectToMediaStep({ request, params, context }: LoaderFunctionArgs) {
  const { story } = await requireOwnStory({ request, context, storyId: params.id })
  return redirect(`/mijn-verhalen/${story.id}?stap=media`)
}
