import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { notFoundForeign, requireSurvivor } from '~/auth/guards.server'
import { i18next } from '~/i18n/i18next.server'
import { getOwnStory } from '~/monument/stories.server'
import { runMediaItemAction } from '~/monument/upload.server'

// One medium's forms on the media step: description and transcript, captions, consent, delete.
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
  const locale = (await i18next.getLocale(request)) === 'en' ? 'en' : 'nl'
  const to = await runMediaItemAction({ request, authorId: ctx.user.id, storyId: story.id, mediaId: params.mediaId ?? '', locale })
  if (!to) throw await notFoundForeign(ctx, request, context)
  return redirect(to)
}
