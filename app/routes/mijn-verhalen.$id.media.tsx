import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { requireOwnStory } from '~/monument/require-own-story.server'
import { receiveStoryMediaUpload } from '~/monument/upload.server'

// The upload form's target (multipart, streamed; see receiveStoryMediaUpload). Both the plain
// form and the XMLHttpRequest with its progress bar end on the media step, with the message.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { story } = await requireOwnStory({ request, context, storyId: params.id })
  return redirect(`/mijn-verhalen/${story.id}?stap=media`)
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { ctx, story } = await requireOwnStory({ request, context, storyId: params.id })
  return redirect(await receiveStoryMediaUpload({ request, authorId: ctx.user.id, storyId: story.id }))
}
