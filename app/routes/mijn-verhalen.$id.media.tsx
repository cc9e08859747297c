import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { notFoundForeign, requireSurvivor } from '~/auth/guards.server'
import { getOwnStory } from '~/monument/stories.server'
import { receiveStoryMediaUpload } from '~/monument/upload.server'

// The upload form's target (multipart, streamed; see receiveStoryMediaUpload). Both the plain
// form and the XMLHttpRequest with its progress bar end on the media step, with the message.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const story = await getOwnStory({ authorId: ctx.user.id, storyId: params.id ?? '' })
  if (!story) throw await notFoundForeign(ctx, request, context)
  return redirect(`/mijn-verhalen/${story.id}?stap=media`)
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const story = await getOwnStory({ authorId: ctx.user.id, storyId: params.id ?? '' })
  if (!story) throw await notFoundForeign(ctx, request, context)
  return redirect(await receiveStoryMediaUpload({ request, authorId: ctx.user.id, storyId: story.id }))
}
