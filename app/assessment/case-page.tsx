import { useTranslation } from 'react-i18next'
import { StatusMessage } from '~/components/forms'
import { CaseApplicant } from './case-applicant'
import { useCaseDates, useCaseFormState, type CaseActionResult } from './case-form-state'
import { CaseProposal } from './case-proposal'
import { CaseEvidence, CaseHarms, CasePlacements, CaseRelated, CaseWarnings } from './case-sections'
import type { AssessorCase } from './case-view.server'
import { CaseChecklist, CaseConflict, CaseNotes, CaseQuestions } from './case-work-forms'
import { DuplicateLinks } from './duplicate-links'
import { PageHeading } from '~/components/layout/page-heading'

/** The assessor's case page (/beheer/aanvragen/:id): the case, read-only parts first, then the work on it. */
export function CasePage({ c, revealed, result }: { c: AssessorCase; revealed: { field: 'bsn' | 'iban'; value: string | null } | null; result: CaseActionResult }) {
  const { t } = useTranslation('assessment')
  const { date } = useCaseDates()
  const form = useCaseFormState(result)
  const canAsk = c.status === 'submitted' || c.status === 'inAssessment' || c.status === 'informationRequested'
  return (
    <div className="page page--wide assessment-case">
      <PageHeading back={{ to: '/beheer/aanvragen', label: t('case.backToQueue') }} title={t('case.heading', { reference: c.reference ?? '' })} />
      {result?.ok ? <StatusMessage>{t(`case.done.${result.ok}`)}</StatusMessage> : null}
      {result?.error ? (
        <div className="error-summary" role="alert">
          <p>{t(`errors.${result.error}`)}</p>
        </div>
      ) : null}

      <dl className="facts">
        <dt>{t('case.status')}</dt>
        <dd>{t(`status.${c.status}`)}</dd>
        <dt>{t('case.submitted')}</dt>
        <dd>{date(c.submittedOn)}</dd>
        <dt>{t('case.decisionDue')}</dt>
        <dd>
          {date(c.decisionDue)}
          {c.clockPaused ? ` ${t('case.clockPaused')}` : ''}
        </dd>
        {c.possibleDuplicate ? (
          <>
            <dt>{t('case.flags')}</dt>
            <dd>
              <span className="tag">{t('queue.possibleDuplicate')}</span>
            </dd>
          </>
        ) : null}
      </dl>
      <DuplicateLinks duplicates={c.duplicates} />

      <CaseApplicant c={c} revealed={revealed} />
      <CaseWarnings warnings={c.warnings} />
      <CasePlacements placements={c.placements} placementKinds={c.placementKinds} />
      <CaseHarms harms={c.harms} story={c.story} />
      <CaseEvidence recordsSearchRequested={c.recordsSearchRequested} documents={c.documents} />
      <CaseChecklist c={c} />
      <CaseQuestions requests={c.informationRequests} canAsk={canAsk} form={form} />
      <CaseRelated related={c.related} />
      <CaseNotes notes={c.notes} form={form} />
      <CaseProposal c={c} form={form} />
      <CaseConflict />
    </div>
  )
}
