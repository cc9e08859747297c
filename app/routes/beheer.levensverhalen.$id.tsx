import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireStaff } from '~/auth/guards.server'
import { StatusMessage } from '~/components/forms'
import { isLng } from '~/i18n/config'
import { i18next } from '~/i18n/i18next.server'
import { getPageTitle } from '~/i18n/meta.server'
import { formatDate } from '~/life-stories/format'
import { getLifeStoryForStaff, resendInvitation } from '~/life-stories/staff.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['lifeStories'] }
export const meta = titleMeta

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context, 'archive.transfer')
  const story = await getLifeStoryForStaff({ archivist: { id: ctx.user.id, roles: ctx.user.roles }, id: params.id ?? '', ip: clientIp(context) })
  if (!story) throw new Response('Not found', { status: 404 })
  return { story, done: new URL(request.url).searchParams.get('klaar'), title: await getPageTitle(request, 'staff.detailTitle', 'lifeStories') }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireStaff(request, context, 'archive.transfer')
  const form = await request.formData()
  if (form.get('intent') !== 'resend') throw new Response('Bad request', { status: 400 })
  const lng = await i18next.getLocale(request)
  const id = params.id ?? ''
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Response('Not found', { status: 404 })
  const sent = await resendInvitation({ archivist: { id: ctx.user.id, roles: ctx.user.roles }, id, locale: isLng(lng) ? lng : 'nl', request, ip: clientIp(context) })
  return redirect(`/beheer/levensverhalen/${id}?klaar=${sent ? 'resent' : 'notResent'}`)
}

/** Until the survivor claims it, the archivist can check the text; after that only its state. */
export default function StaffLifeStory() {
  const { t, i18n } = useTranslation('lifeStories')
  const { story, done } = useLoaderData<typeof loader>()
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
      {story.state === 'invited' ? (
        <>
          <Form method="post">
            <input type="hidden" name="intent" value="resend" />
            <button type="submit" className="button">
              {t('staff.resend')}
            </button>
          </Form>
          <h2>{story.title}</h2>
          <p className="field__hint">{t('staff.textLogged')}</p>
          <div className="preserve-lines">{story.body}</div>
        </>
      ) : (
        <p>{t('staff.claimedNoText')}</p>
      )}
    </div>
  )
}
