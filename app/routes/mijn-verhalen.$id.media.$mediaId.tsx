import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { notFoundForeign } from '~/auth/guards.server'
import { i18next } from '~/i18n/i18next.server'
import { requireOwnStory } from '~/monument/require-own-story.server'
import { redirectToMediaStep } from '~/monument/upload-media-step.server'
import { runMediaItemAction } from '~/monument/upload.server'
import { toLng } from '~/i18n/config'

// One medium's forms on the media step: description and transcript, captions, consent, delete.
export const loader = redirectToMediaStep

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { ctx, story } = await requireOwnStory({ request, context, storyId: params.id })
  const locale = toLng(await i18next.getLocale(request))
  const to = await runMediaItemAction({ request, authorId: ctx.user.id, storyId: story.id, mediaId: params.mediaId ?? '', locale })
  if (!to) throw await notFoundForeign(ctx, request, context)
  return redirect(to)
}
