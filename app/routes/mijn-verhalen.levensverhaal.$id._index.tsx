import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireSurvivor } from '~/auth/guards.server'
import { StatusMessage } from '~/components/forms'
import { getPageTitle } from '~/i18n/meta.server'
import { CorrectionForm } from '~/life-stories/correction-form'
import { formatDate } from '~/life-stories/format'
import { getOwnLifeStory } from '~/life-stories/own.server'
import { correctLifeStory, makeMonumentStory } from '~/life-stories/own-actions.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['lifeStories', 'validation'] }
export const meta = titleMeta

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const story = await getOwnLifeStory({ userId: ctx.user.id, id: params.id ?? '' })
  if (!story) throw new Response('Not found', { status: 404 })
  const { audio, ...rest } = story
  const url = new URL(request.url)
  return {
    story: { ...rest, audioType: audio?.contentType ?? null },
    notice: url.searchParams.has('opgehaald') ? 'claimed' : url.searchParams.get('klaar') === 'saved' ? 'saved' : null,
    title: await getPageTitle(request, 'detail.title', 'lifeStories'),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const form = await request.formData()
  const id = params.id ?? ''
  if (form.get('intent') === 'makeMonumentStory') {
    const storyId = await makeMonumentStory({ userId: ctx.user.id, id, intent: form.get('intent') })
    if (!storyId) throw new Response('Not found', { status: 404 })
    return redirect(`/mijn-verhalen/${storyId}?stap=verhaal`)
  }
  const outcome = await correctLifeStory({ survivor: { id: ctx.user.id, roles: ctx.user.roles }, id, form, ip: clientIp(context) })
  if ('notFound' in outcome) throw new Response('Not found', { status: 404 })
  if ('redirectTo' in outcome) return redirect(outcome.redirectTo)
  return data({ result: outcome.result }, { status: outcome.status })
}

/** Private to the survivor: read, listen (the text is the transcript), correct and approve an interviewer's story, download, or make it a monument story. */
export default function OwnLifeStoryPage() {
  const { t, i18n } = useTranslation('lifeStories')
  const { story, notice } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()?.result
  const base = `/mijn-verhalen/levensverhaal/${story.id}`
  const awaiting = story.state === 'awaiting_survivor'
  return (
    <div className="page">
      <p>
        <Link to="/mijn-verhalen/archief">{t('detail.back')}</Link>
      </p>
      {notice ? <StatusMessage>{t(`detail.notice.${notice}`)}</StatusMessage> : null}
      <h1>{story.title}</h1>
      <p className="lead">{t('detail.meta', { source: t(`sources.${story.source}`), date: formatDate(story.recordedOn, i18n.language), reference: story.reference })}</p>
      <p>{awaiting ? t('detail.privateAwaiting') : t('detail.private')}</p>
      {story.audioType ? (
        <section aria-labelledby="life-story-audio-title">
          <h2 id="life-story-audio-title">{t('detail.listen')}</h2>
          {/* eslint-disable-next-line jsx-a11y/media-has-caption -- the written-out text is the transcript, the text alternative (WCAG 1.2.1) */}
          <audio controls preload="none" src={`${base}/geluid`} aria-describedby={awaiting ? 'correct-title' : 'life-story-transcript-title'}>
            <a href={`${base}/geluid?download=1`}>{t('detail.downloadAudio')}</a>
          </audio>
        </section>
      ) : null}
      {awaiting ? (
        <CorrectionForm defaultValue={{ title: story.title, body: story.body }} lastResult={lastResult} />
      ) : (
        <section aria-labelledby="life-story-transcript-title">
          <h2 id="life-story-transcript-title">{story.audioType ? t('detail.transcript') : t('detail.text')}</h2>
          <div className="preserve-lines">{story.body}</div>
        </section>
      )}
      <h2>{t('detail.download')}</h2>
      <ul>
        <li>
          <a href={`${base}/tekst`} download>
            {t('detail.downloadText')}
          </a>
        </li>
        {story.audioType ? (
          <li>
            <a href={`${base}/geluid?download=1`} download>
              {t('detail.downloadAudio')}
            </a>
          </li>
        ) : null}
      </ul>
      {story.source === 'interviewer' ? (
        story.monumentStoryId ? (
          <p>
            <Link to={`/mijn-verhalen/${story.monumentStoryId}`}>{t('detail.openDraft')}</Link>
          </p>
        ) : null
      ) : (
        <>
          <h2>{t('detail.monumentTitle')}</h2>
          <p>{t('detail.monumentLead')}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="makeMonumentStory" />
            <button type="submit" className="button">
              {t('detail.monumentSubmit')}
            </button>
          </Form>
        </>
      )}
    </div>
  )
}
