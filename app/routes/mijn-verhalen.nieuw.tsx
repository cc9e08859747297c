import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { requireSurvivor } from '~/auth/guards.server'
import { createStory } from '~/monument/stories.server'

// A new draft is made by a POST (the button on /mijn-verhalen), never by a GET: a link
// preview or a reload must not create empty stories.
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireSurvivor(request, context)
  return redirect('/mijn-verhalen')
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const story = await createStory({ authorId: ctx.user.id })
  return redirect(`/mijn-verhalen/${story.id}?stap=verhaal`)
}
