import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData, type ShouldRevalidateFunction } from '@remix-run/react'
import { notFoundForeign, requireSurvivor } from '~/auth/guards.server'
import { i18next } from '~/i18n/i18next.server'
import { ModeratedMediaTexts } from '~/moderation/moderated-media'
import { StoryEditor, type EditorActionData } from '~/monument/editor'
import { rescueTypedStory, takeRescuedStory } from '~/monument/draft-rescue.server'
import { editorTitle, loadStoryEditor, runStoryEditorAction } from '~/monument/editor.server'
import { approveModeratedVersionWithMedia, getModeratedVersionForAuthor } from '~/monument/media.server'
import { getOwnStory } from '~/monument/stories.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['monument', 'consent', 'facets', 'validation'] }
export const meta = titleMeta

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const story = await getOwnStory({ authorId: ctx.user.id, storyId: params.id ?? '' })
  if (!story) throw await notFoundForeign(ctx, request, context)
  const editor = await loadStoryEditor({ story, authorId: ctx.user.id, url: new URL(request.url) })
  // The version to approve includes the moderated media texts; the approve form carries one
  // fingerprint of both, so nothing is approved that the author has not seen.
  const moderated = editor.seenVersion ? await getModeratedVersionForAuthor({ authorId: ctx.user.id, storyId: story.id }) : null
  // Back from signing in after the session ended mid-writing: what was typed then, once.
  const rescued = editor.step === 'verhaal' && editor.editable ? await takeRescuedStory({ request, storyId: story.id }) : null
  return {
    ...editor,
    ...(rescued ? { story: { ...editor.story, ...rescued }, notice: 'rescued' } : {}),
    seenVersion: moderated?.seenVersion ?? editor.seenVersion,
    moderatedMedia: moderated?.media ?? [],
    title: await editorTitle(request),
  }
}

// A session that ended while the survivor was writing: the text of that submit is kept
// (encrypted, a day) and handed back after signing in again, instead of being lost in the
// detour (ADR 0015). Everything else is saved on every step and by the autosave.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const rescue = await rescueTypedStory({ request, storyId: params.id ?? '' })
  if (rescue) return rescue
  const ctx = await requireSurvivor(request, context)
  const story = await getOwnStory({ authorId: ctx.user.id, storyId: params.id ?? '' })
  if (!story) throw await notFoundForeign(ctx, request, context)
  const formData = await request.formData()
  if (formData.get('intent') === 'approve') {
    const result = await approveModeratedVersionWithMedia({ authorId: ctx.user.id, storyId: story.id, seenVersion: String(formData.get('seenVersion') ?? '') })
    if (!result.ok) return data({ submitError: result.reason } satisfies EditorActionData, { status: 409 })
    return redirect(`/mijn-verhalen/${story.id}?opgeslagen=${result.published ? 'published' : 'approved'}`)
  }
  const locale = (await i18next.getLocale(request)) === 'en' ? 'en' : 'nl'
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
