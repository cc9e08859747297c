import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { StatusMessage } from '~/components/forms'
import { isLng, LOCALES } from '~/i18n/config'
import { i18next } from '~/i18n/i18next.server'
import { getPageTitle } from '~/i18n/meta.server'
import { formatDate } from '~/life-stories/format'
import { requireLifeStoryStaff } from '~/life-stories/staff-guard.server'
import { getLifeStoryForStaff, resendInvitation } from '~/life-stories/staff.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['lifeStories'] }
export const meta = titleMeta

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireLifeStoryStaff(request, context)
  const story = await getLifeStoryForStaff({ viewer, id: params.id ?? '', ip: clientIp(context) })
  if (!story) throw new Response('Not found', { status: 404 })
  return { story, as: viewer.as, done: new URL(request.url).searchParams.get('klaar'), title: await getPageTitle(request, 'staff.detailTitle', 'lifeStories') }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireLifeStoryStaff(request, context)
  const form = await request.formData()
  if (form.get('intent') !== 'resend') throw new Response('Bad request', { status: 400 })
  const lng = await i18next.getLocale(request)
  const id = params.id ?? ''
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Response('Not found', { status: 404 })
  const sent = await resendInvitation({ viewer, id, locale: isLng(lng) ? lng : 'nl', request, ip: clientIp(context) })
  return redirect(`/beheer/levensverhalen/${id}?klaar=${sent ? 'resent' : 'notResent'}`)
}

/**
 * The archivist checks a commission text until it is claimed (never an interviewer's); the
 * interviewer sees their own text until the survivor approves, and prints the letter.
 */
export default function StaffLifeStory() {
  const { t, i18n } = useTranslation('lifeStories')
  const { story, as, done } = useLoaderData<typeof loader>()
  const interviewer = as === 'interviewer'
  return (
    <div className="page">
      <p>
        <Link to="/beheer/levensverhalen">{t('staff.back')}</Link>
      </p>
      <h1>{t('staff.detailHeading', { reference: story.reference })}</h1>
      {done ? <StatusMessage>{t(`staff.done.${done}`)}</StatusMessage> : null}
      <dl className="summary-list">
        <dt>{t('staff.columns.source')}</dt>
        <dd>{t(`sources.${story.source}`)}</dd>
        <dt>{t('staff.columns.recordedOn')}</dt>
        <dd>{formatDate(story.recordedOn, i18n.language)}</dd>
        <dt>{t('staff.columns.state')}</dt>
        <dd>{t(`states.${story.state}`)}</dd>
        <dt>{t('staff.audio')}</dt>
        <dd>{story.hasAudio ? t('staff.audioYes') : t('staff.audioNo')}</dd>
      </dl>
      {story.state === 'invited' && story.byEmail ? (
        <Form method="post">
          <input type="hidden" name="intent" value="resend" />
          <button type="submit" className="button">
            {t('staff.resend')}
          </button>
        </Form>
      ) : null}
      {interviewer && story.state === 'invited' ? (
        <section aria-labelledby="letter-title">
          <h2 id="letter-title">{t('interview.letterTitle')}</h2>
          <p>{t('interview.letterLead')}</p>
          {/* A document download: the browser receives the PDF itself, with or without JavaScript. */}
          <Form method="post" action={`/beheer/levensverhalen/${story.id}/brief`} reloadDocument>
            <label htmlFor="letter-locale">{t('interview.letterLocale')}</label>{' '}
            <select id="letter-locale" name="locale" defaultValue={i18n.language}>
              {LOCALES.map((l) => (
                <option key={l.code} value={l.code} lang={l.code}>
                  {l.nativeName}
                </option>
              ))}
            </select>{' '}
            <button type="submit" className="button">
              {t('interview.letterSubmit')}
            </button>
          </Form>
        </section>
      ) : null}
      {story.text ? (
        <>
          <h2>{story.text.title}</h2>
          <p className="field__hint">{interviewer ? t('interview.textLogged') : t('staff.textLogged')}</p>
          <div className="preserve-lines">{story.text.body}</div>
        </>
      ) : (
        <p>{story.source === 'interviewer' ? t('interview.noTextForArchivist') : t('staff.claimedNoText')}</p>
      )}
    </div>
  )
}
