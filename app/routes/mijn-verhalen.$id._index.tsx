import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData, type ShouldRevalidateFunction } from '@remix-run/react'
import { i18next } from '~/i18n/i18next.server'
import { ModeratedMediaTexts } from '~/moderation/moderated-media'
import { StoryEditor } from '~/monument/editor'
import type { EditorActionData } from '~/monument/editor-data'
import { rescueTypedStory } from '~/monument/draft-rescue.server'
import { loadStoryEditor, runStoryEditorAction } from '~/monument/editor.server'
import { requireOwnStory } from '~/monument/require-own-story.server'
import { titleMeta } from '~/utils/meta'
import { toLng } from '~/i18n/config'

export const handle = { i18n: ['monument', 'consent', 'facets', 'validation'] }
export const meta = titleMeta

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { ctx, story } = await requireOwnStory({ request, context, storyId: params.id })
  return loadStoryEditor({ story, authorId: ctx.user.id, request })
}

// A session that ended while the survivor was writing: the text of that submit is kept
// (encrypted, a day) and handed back after signing in again, instead of being lost in the
// detour (ADR 0015). Everything else is saved on every step and by the autosave.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const rescue = await rescueTypedStory({ request, storyId: params.id ?? '' })
  if (rescue) return rescue
  const { ctx, story } = await requireOwnStory({ request, context, storyId: params.id })
  const formData = await request.formData()
  const locale = toLng(await i18next.getLocale(request))
  const result = await runStoryEditorAction({ story, authorId: ctx.user.id, formData, locale })
  if (result.kind === 'redirect') return redirect(result.to)
  return data(result.body as EditorActionData, { status: result.status })
}

// The autosave must not reload the page data while someone types.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'autosave' ? false : defaultShouldRevalidate

export default function StoryEditorPage() {
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<EditorActionData>()
  return (
    <StoryEditor
      data={loaderData}
      actionData={actionData}
      approvalExtra={loaderData.seenVersion ? <ModeratedMediaTexts media={loaderData.moderatedMedia} /> : null}
    />
  )
}
