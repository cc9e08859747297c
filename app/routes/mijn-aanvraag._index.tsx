import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireSurvivor } from '~/auth/guards.server'
import { StatusMessage } from '~/components/forms'
import { getPageTitle } from '~/i18n/meta.server'
import { runApplicantAction } from '~/scheme/applicant-actions.server'
import { getApplicantPage } from '~/scheme/applicant-status.server'
import { ConfirmationPanel } from '~/scheme/components'
import { formatLongDate } from '~/scheme/dates'
import { localise } from '~/scheme/scheme-config'
import { titleMeta } from '~/utils/meta'
import { intlLocale } from '~/i18n/config'

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
  const { t, i18n } = useTranslation(['scheme', 'validation'])
  const view = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const date = (iso: string) => formatLongDate(iso, i18n.language)
  // Just sent: the newest application that is still only received gets the confirmation panel.
  const sent = view.notice === 'verstuurd' ? (view.applications.find((a) => a.status === 'submitted') ?? null) : null
  const money = (cents: number) => new Intl.NumberFormat(intlLocale(i18n.language), { style: 'currency', currency: 'EUR' }).format(cents / 100)
  const instant = (at: string | Date) => new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(new Date(at))
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
        <section key={app.id} className="card scheme-application" aria-labelledby={`app-${app.id}`}>
          <h2 id={`app-${app.id}`}>{t('status.reference', { reference: app.reference })}</h2>
          <p className="muted">{localise(app.scheme.name, i18n.language)}</p>
          <p>
            {t('status.current')} <strong>{t(`status.labels.${app.status}`)}</strong>
          </p>
          <p>{t(`status.explain.${app.status}`)}</p>
          {app.decision ? <p className="scheme-decision">{t(`status.decision.${app.decision.outcome ?? 'unknown'}`, { date: date(app.decision.on) })}</p> : null}
          {app.amountCents !== null ? (
            <p className="scheme-amount">{t(app.paidOn ? 'status.amount.paid' : 'status.amount.granted', { amount: money(app.amountCents), date: app.paidOn ? date(app.paidOn) : '' })}</p>
          ) : null}
          {app.decisionDue ? <p className="scheme-term">{t('status.decisionTerm', { weeks: app.scheme.terms.decideWithinWeeks, date: date(app.decisionDue) })}</p> : null}
          {app.clockPaused ? <p>{t('status.clockPaused')}</p> : null}
          {app.acknowledgeBy && app.status === 'submitted' ? <p>{t('status.acknowledgeTerm', { days: app.scheme.terms.acknowledgeWithinDays, date: date(app.acknowledgeBy) })}</p> : null}
          {app.objectionUntil ? <p className="scheme-term">{t('status.objectionTerm', { weeks: app.scheme.terms.objectionWithinWeeks, date: date(app.objectionUntil) })}</p> : null}

          <h3>{t('status.timeline')}</h3>
          <ol className="scheme-timeline">
            {app.events.map((e, i) => (
              <li key={`${e.status}-${i}`}>
                <strong>{t(`status.labels.${e.status}`)}</strong> <span className="muted">{instant(e.at)}</span>
              </li>
            ))}
          </ol>

          {app.requests.map((r) => (
            <div key={r.id} className="notice scheme-request">
              <h3>{t('status.question.title', { date: instant(r.askedAt) })}</h3>
              <p className="scheme-question">{r.question}</p>
              {r.answer ? (
                <>
                  <p>{t('status.question.answered', { date: instant(r.answeredAt!) })}</p>
                  <p className="scheme-answer">{r.answer}</p>
                </>
              ) : (
                <Form method="post" encType="multipart/form-data" className="scheme-answer-form">
                  <input type="hidden" name="intent" value="answer" />
                  <input type="hidden" name="requestId" value={r.id} />
                  {failed?.requestId === r.id ? (
                    <p id={`answer-error-${r.id}`} className="field__error" role="alert">
                      {t(failed.error)}
                    </p>
                  ) : null}
                  <div className="field">
                    <label htmlFor={`answer-${r.id}`}>{t('status.question.answerLabel')}</label>
                    <textarea id={`answer-${r.id}`} name="answer" rows={6} aria-describedby={failed?.requestId === r.id ? `answer-error-${r.id}` : undefined} />
                  </div>
                  <div className="field">
                    <label htmlFor={`answer-file-${r.id}`}>{t('status.question.fileLabel')}</label>
                    <p id={`answer-file-hint-${r.id}`} className="field__hint">
                      {t('evidence.fileHint')}
                    </p>
                    <input id={`answer-file-${r.id}`} name="file" type="file" accept="application/pdf,image/*" aria-describedby={`answer-file-hint-${r.id}`} />
                  </div>
                  <button type="submit" className="button button--primary">
                    {t('status.question.send')}
                  </button>
                </Form>
              )}
            </div>
          ))}

          {app.hasPdf ? (
            <p>
              <a href={`/mijn-aanvraag/${app.id}/kopie`} download>
                {t('status.pdf', { reference: app.reference })}
              </a>
            </p>
          ) : null}

          {app.canWithdraw ? (
            <details className="scheme-withdraw">
              <summary>{t('status.withdraw.summary')}</summary>
              <Form method="post">
                <p>{t('status.withdraw.explain')}</p>
                <input type="hidden" name="intent" value="withdraw" />
                <input type="hidden" name="applicationId" value={app.id} />
                <div className="field">
                  <input id={`withdraw-${app.id}`} type="checkbox" name="confirm" value="on" />{' '}
                  <label htmlFor={`withdraw-${app.id}`}>{t('status.withdraw.confirm')}</label>
                </div>
                <button type="submit" className="button">
                  {t('status.withdraw.submit')}
                </button>
              </Form>
            </details>
          ) : null}
        </section>
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
