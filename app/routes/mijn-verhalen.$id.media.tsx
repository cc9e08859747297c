import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { requireOwnStory } from '~/monument/require-own-story.server'
import { redirectToMediaStep } from '~/monument/upload-media-step.server'
import { receiveStoryMediaUpload } from '~/monument/upload.server'

// The upload form's target (multipart, streamed; see receiveStoryMediaUpload). Both the plain
// form and the XMLHttpRequest with its progress bar end on the media step, with the message.
export const loader = redirectToMediaStep

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { ctx, story } = await requireOwnStory({ request, context, storyId: params.id })
  return redirect(await receiveStoryMediaUpload({ request, authorId: ctx.user.id, storyId: story.id }))
}
