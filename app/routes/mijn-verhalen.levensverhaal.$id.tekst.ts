import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireSurvivor } from '~/auth/guards.server'
import { getOwnLifeStory, lifeStoryTextFile } from '~/life-stories/own.server'

/** The survivor's own life story as a UTF-8 text file. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const story = await getOwnLifeStory({ userId: ctx.user.id, id: params.id ?? '' })
  if (!story) throw new Response('Not found', { status: 404 })
  return lifeStoryTextFile(story)
}
