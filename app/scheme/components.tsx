import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { PartState } from './application-pages'
import { formatLongDate } from './dates'
import { formatWarningParams, type Warning } from './eligibility'

/** "Take a break": on every page of the application, with the crisis line and help in reach. */
export function TakeABreak() {
  const { t } = useTranslation('scheme')
  return (
    <aside className="notice scheme-break" aria-labelledby="scheme-break-title">
      <h2 id="scheme-break-title">{t('break.title')}</h2>
      <p>{t('break.text')}</p>
      <p>{t('break.crisis')}</p>
      <p>
        <Link to="/hulp">{t('break.helpLink')}</Link>
      </p>
    </aside>
  )
}

/** The pre-check's warnings: information, never a block. */
export function PrecheckWarnings({ warnings }: { warnings: Warning[] }) {
  const { t, i18n } = useTranslation('scheme')
  if (warnings.length === 0) return null
  return (
    <section className="notice scheme-warnings" aria-labelledby="scheme-warnings-title">
      <h2 id="scheme-warnings-title">{t('precheck.title')}</h2>
      <p>{t('precheck.intro')}</p>
      <ul>
        {warnings.map((w) => (
          <li key={`${w.code}-${w.placementIndex ?? ''}`}>{t(w.i18nKey, formatWarningParams({ params: w.params, lng: i18n.language }))}</li>
        ))}
      </ul>
      <p>{t('precheck.help')}</p>
    </section>
  )
}

export function StateTag({ state }: { state: PartState }) {
  const { t } = useTranslation('scheme')
  return <span className={`tag scheme-state scheme-state--${state}`}>{t(`tasks.states.${state}`)}</span>
}

/** Save and continue, or save and come back later (to the task list). */
export function SaveButtons() {
  const { t } = useTranslation('scheme')
  return (
    <div className="form-actions">
      <button type="submit" name="intent" value="continue" className="button button--primary">
        {t('form.saveContinue')}
      </button>
      <button type="submit" name="intent" value="later" className="button">
        {t('form.saveLater')}
      </button>
    </div>
  )
}

/**
 * The GOV.UK confirmation panel after sending: the reference in large type (people write it
 * down or read it out on the phone), then what happens next and by when.
 */
export function ConfirmationPanel({
  reference,
  acknowledgeBy,
  decisionDue,
  terms,
}: {
  reference: string | null
  acknowledgeBy: string | null
  decisionDue: string | null
  terms: { acknowledgeWithinDays: number; decideWithinWeeks: number }
}) {
  const { t, i18n } = useTranslation('scheme')
  const date = (iso: string) => formatLongDate(iso, i18n.language)
  return (
    <>
      <div className="confirmation-panel" role="status" aria-labelledby="confirmation-title">
        <h1 id="confirmation-title">{t('status.confirmation.title')}</h1>
        {reference ? (
          <p>
            {t('status.confirmation.referenceLabel')}
            <br />
            <strong className="confirmation-panel__reference">{reference}</strong>
          </p>
        ) : null}
      </div>
      <section aria-labelledby="confirmation-next">
        <h2 id="confirmation-next">{t('status.confirmation.nextTitle')}</h2>
        <ul>
          <li>{t('status.confirmation.mail')}</li>
          {acknowledgeBy ? <li>{t('status.confirmation.acknowledge', { days: terms.acknowledgeWithinDays, date: date(acknowledgeBy) })}</li> : null}
          {decisionDue ? <li>{t('status.confirmation.decision', { weeks: terms.decideWithinWeeks, date: date(decisionDue) })}</li> : null}
          <li>{t('status.confirmation.question')}</li>
        </ul>
      </section>
    </>
  )
}

/** The application pages once it was sent: nothing to change any more, with the way to its status. */
export function AlreadySubmitted() {
  const { t } = useTranslation('scheme')
  return (
    <div className="page">
      <h1>{t('tasks.title')}</h1>
      <p className="lead">{t('tasks.submitted')}</p>
      <p>
        <Link to="/mijn-aanvraag">{t('tasks.submittedLink')}</Link>
      </p>
    </div>
  )
}
