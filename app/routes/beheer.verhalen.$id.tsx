import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireStaff } from '~/auth/guards.server'
import { StatusMessage } from '~/components/forms'
import { i18next } from '~/i18n/i18next.server'
import { LifeStoryOriginNote } from '~/life-stories/origin-note'
import { performReviewAction } from '~/moderation/review-action.server'
import { AuthorText, MarkList } from '~/moderation/review-marks'
import { ProposedVersion, ReviewMediaSection } from '~/moderation/review-media'
import { ConsentSummary, NextSteps, ReviewHistory, StartReview } from '~/moderation/review-sections'
import { getStoryForReview } from '~/moderation/story-review.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'
import { PageHeading } from '~/components/layout/page-heading'

export const handle = { i18n: ['moderation', 'consent', 'validation', 'lifeStories'] }
export const meta = titleMeta

const IdSchema = z.string().uuid()

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context, 'stories.moderate')
  const id = IdSchema.safeParse(params.id)
  const review = id.success ? await getStoryForReview({ storyId: id.data, actor: { id: ctx.user.id, roles: [...ctx.user.roles] }, ip: clientIp(context) }) : null
  if (!review) throw new Response('Not found', { status: 404 })
  const t = await i18next.getFixedT(request, ['moderation', 'common'])
  return { ...review, title: `${t('review.title')} – ${t('common:siteName')}` }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireStaff(request, context, 'stories.moderate')
  const id = IdSchema.safeParse(params.id)
  if (!id.success) throw new Response('Not found', { status: 404 })
  const form = Object.fromEntries(await request.formData())
  const result = await performReviewAction({ storyId: id.data, form, actor: { id: ctx.user.id, roles: [...ctx.user.roles] }, ip: clientIp(context) })
  if ('redirect' in result) return redirect(result.redirect)
  return data({ error: result.error }, { status: result.status })
}

export default function ReviewStory() {
  const { t } = useTranslation('moderation')
  const { story, marks, undecided, consent, events, parts, media, mediaParts, origin } = useLoaderData<typeof loader>()
  const error = useActionData<typeof action>()?.error
  const [params] = useSearchParams()
  const done = params.get('gedaan')
  const inReview = story.status === 'inReview'
  return (
    <div className="page page--wide">
      <PageHeading back={{ to: '/beheer/verhalen', label: t('review.back') }} title={t('review.title')} lead={t('review.statusLine', { status: t(`status.${story.status}`) })} />
      {done ? <StatusMessage>{t(`review.done.${done}`, { defaultValue: t('review.done.saved') })}</StatusMessage> : null}
      {error && !error.rowId ? (
        <div className="error-summary" role="alert">
          <p>{t(error.key)}</p>
        </div>
      ) : null}
      <ConsentSummary consent={consent} />
      <LifeStoryOriginNote origin={origin} />
      {story.status === 'submitted' ? <StartReview /> : null}
      <AuthorText story={story} parts={parts} markCount={marks.length} />
      <ReviewMediaSection media={media} mediaParts={mediaParts} />
      <MarkList marks={marks} undecided={undecided} inReview={inReview} error={error} />
      {inReview ? <NextSteps undecided={undecided} errorKey={error?.key} /> : null}
      <ProposedVersion story={story} media={media} />
      <ReviewHistory events={events} />
    </div>
  )
}
