import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { getApplicantPage } from './applicant-status.server'
import { formatLongDate } from '~/utils/format-date'
import { localise } from './scheme-config'
import { intlLocale } from '~/i18n/config'

type ApplicantApplication = Awaited<ReturnType<typeof getApplicantPage>>['applications'][number]
/** A refused answer or withdrawal, shown next to the question it was about (or above all when none). */
type ActionFailure = { error: string; requestId?: string } | undefined

function useFormats() {
  const { i18n } = useTranslation()
  return {
    date: (iso: string) => formatLongDate(iso, i18n.language),
    money: (cents: number) => new Intl.NumberFormat(intlLocale(i18n.language), { style: 'currency', currency: 'EUR' }).format(cents / 100),
    instant: (at: string | Date) => formatLongDate(new Date(at), i18n.language),
  }
}

/** An assessor's question with the answer, or the form to answer it (text and an optional file; works without JavaScript). */
function InformationRequest({ request: r, failed }: { request: ApplicantApplication['requests'][number]; failed: ActionFailure }) {
  const { t } = useTranslation(['scheme', 'validation'])
  const { instant } = useFormats()
  return (
    <div className="notice scheme-request">
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
  )
}

/** One application on /mijn-aanvraag: its status and terms, the timeline, questions, the PDF copy and withdrawing. */
export function ApplicationStatusCard({ app, failed }: { app: ApplicantApplication; failed: ActionFailure }) {
  const { t, i18n } = useTranslation(['scheme', 'validation'])
  const { date, money, instant } = useFormats()
  return (
    <section className="card scheme-application" aria-labelledby={`app-${app.id}`}>
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
        <InformationRequest key={r.id} request={r} failed={failed} />
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
  )
}
