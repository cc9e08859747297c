import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData, type ShouldRevalidateFunction } from '@remix-run/react'
import { notFoundForeign, requireSurvivor } from '~/auth/guards.server'
import { i18next } from '~/i18n/i18next.server'
import { StoryEditor, type EditorActionData } from '~/monument/editor'
import { editorTitle, loadStoryEditor, runStoryEditorAction } from '~/monument/editor.server'
import { getOwnStory } from '~/monument/stories.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['monument', 'consent', 'facets', 'validation'] }
export const meta = titleMeta

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const story = await getOwnStory({ authorId: ctx.user.id, storyId: params.id ?? '' })
  if (!story) throw await notFoundForeign(ctx, request, context)
  return { ...(await loadStoryEditor({ story, authorId: ctx.user.id, url: new URL(request.url) })), title: await editorTitle(request) }
}

// An expired session sends the survivor to sign in and back here (requireSurvivor keeps the
// path as redirectTo); the text of that one submit cannot survive the detour, which is why
// drafts are saved on every step and by the autosave while typing.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const story = await getOwnStory({ authorId: ctx.user.id, storyId: params.id ?? '' })
  if (!story) throw await notFoundForeign(ctx, request, context)
  const locale = (await i18next.getLocale(request)) === 'en' ? 'en' : 'nl'
  const result = await runStoryEditorAction({ story, authorId: ctx.user.id, formData: await request.formData(), locale })
  if (result.kind === 'redirect') return redirect(result.to)
  return data(result.body as EditorActionData, { status: result.status })
}

// The autosave must not reload the page data while someone types.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'autosave' ? false : defaultShouldRevalidate

export default function StoryEditorPage() {
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<EditorActionData>()
  return <StoryEditor data={loaderData} actionData={actionData} />
}
