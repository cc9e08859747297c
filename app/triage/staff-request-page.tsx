import { useTranslation } from 'react-i18next'
import { StatusMessage } from '~/components/forms'
import { ActionSection } from './components'
import { ContactSection, RequestSummary } from './staff-request-facts'
import { AttemptsSection, MessagesSection, NotesSection, ReferralSection, StatusSection, TEXT_PROBLEMS, TransferSection, type Refused } from './staff-request-work'
import type { StaffRequestView } from './staff-view.server'
import { PageHeading } from '~/components/layout/page-heading'

type Named = { id: string; name: string }

/**
 * One request on the triage worker's page. Anyone may take an unassigned request or take
 * over a colleague's; only the contact person sees the details and the work on it.
 */
export function StaffRequestPage({
  view,
  done,
  targets,
  suggested,
  workers,
  refused,
}: {
  view: StaffRequestView
  done: string | null
  targets: readonly Named[]
  suggested: readonly Named[]
  workers: ReadonlyArray<{ id: string; displayName: string }>
  refused: Refused
}) {
  const { t } = useTranslation('triage')
  // A refused text is shown next to its box; every other problem stands at the top.
  const topProblem = refused && !TEXT_PROBLEMS.includes(refused.problem) ? refused.problem : null
  return (
    <div className="page page--wide">
      <PageHeading back={{ to: '/beheer/triage', label: t('detail.back') }} title={t('detail.title')} />
      {done ? <StatusMessage>{t(`detail.done.${done}`)}</StatusMessage> : null}
      {topProblem ? (
        <div className="error-summary" role="alert">
          <p>{t(`detail.problems.${topProblem}`)}</p>
        </div>
      ) : null}
      <RequestSummary summary={view.summary} />
      {view.access === 'unassigned' ? (
        <ActionSection id="take" title={t('detail.take.title')} intro={t('detail.take.intro')} intent="take" submit={t('detail.take.submit')} primary />
      ) : null}
      {view.access === 'foreign' ? (
        <ActionSection id="takeover" className="notice" title={t('detail.takeOver.title')} intro={t('detail.takeOver.intro')} intent="takeOver" submit={t('detail.takeOver.submit')} />
      ) : null}
      {view.access === 'mine' ? (
        <>
          <ContactSection details={view.details} />
          <AttemptsSection details={view.details} />
          <MessagesSection details={view.details} refused={refused} />
          <NotesSection details={view.details} refused={refused} />
          <ReferralSection details={view.details} targets={targets} suggested={suggested} />
          <StatusSection status={view.summary.status} />
          <TransferSection workers={workers} />
        </>
      ) : null}
    </div>
  )
}
