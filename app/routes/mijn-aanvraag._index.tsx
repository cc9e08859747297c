import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireSurvivor } from '~/auth/guards.server'
import { StatusMessage } from '~/components/forms'
import { getPageTitle } from '~/i18n/meta.server'
import { runApplicantAction } from '~/scheme/applicant-actions.server'
import { getApplicantPage } from '~/scheme/applicant-status.server'
import { ApplicationStatusCard } from '~/scheme/application-status-card'
import { ConfirmationPanel } from '~/scheme/components'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['scheme', 'validation'] }
export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireSurvivor(request)
  const url = new URL(request.url)
  const notice = ['verstuurd', 'ingetrokken', 'beantwoord'].find((k) => url.searchParams.has(k)) ?? null
  return { title: await getPageTitle(request, 'status.title', 'scheme'), notice, ...(await getApplicantPage({ userId: ctx.user.id })) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const outcome = await runApplicantAction({ request, userId: ctx.user.id })
  if ('redirectTo' in outcome) return redirect(outcome.redirectTo)
  return data(outcome, { status: 400 })
}

export default function MyApplication() {
  const { t } = useTranslation(['scheme', 'validation'])
  const view = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  // Just sent: the newest application that is still only received gets the confirmation panel.
  const sent = view.notice === 'verstuurd' ? (view.applications.find((a) => a.status === 'submitted') ?? null) : null
  return (
    <div className="page scheme-status">
      {sent ? (
        <ConfirmationPanel reference={sent.reference} acknowledgeBy={sent.acknowledgeBy} decisionDue={sent.decisionDue} terms={sent.scheme.terms} />
      ) : view.notice ? (
        <StatusMessage>{t(`status.notices.${view.notice}`)}</StatusMessage>
      ) : null}
      {sent ? null : <h1>{t('status.title')}</h1>}
      {failed && !failed.requestId ? (
        <div className="error-summary" role="alert">
          <p>{t(failed.error)}</p>
        </div>
      ) : null}
      {view.applications.length === 0 ? (
        <>
          <p className="lead">{t('status.none')}</p>
          <p>
            <Link to={view.hasDraft ? '/regeling/aanvraag' : '/regeling'}>{view.hasDraft ? t('status.continueDraft') : t('status.toScheme')}</Link>
          </p>
        </>
      ) : null}
      {view.applications.map((app) => (
        <ApplicationStatusCard key={app.id} app={app} failed={failed} />
      ))}
      <aside className="notice">
        <h2>{t('break.title')}</h2>
        <p>{t('status.help')}</p>
        <p>
          <Link to="/hulp">{t('break.helpLink')}</Link>
        </p>
      </aside>
    </div>
  )
}
