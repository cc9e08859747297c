import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useCaseDates } from './case-form-state'
import type { AssessorCase } from './case-view.server'

type Revealed = { field: 'bsn' | 'iban'; value: string | null } | null

/** A masked identifier, or the full value after step-up, with the link that reveals it. */
function Identifier({ field, masked, revealed, revealLabel }: { field: 'bsn' | 'iban'; masked: string | null; revealed: Revealed; revealLabel: string }) {
  const shown = revealed?.field === field
  return (
    <dd>
      {shown ? <strong>{revealed.value ?? '–'}</strong> : (masked ?? '–')} {masked && !shown ? <Link to={`?toon=${field}`}>{revealLabel}</Link> : null}
    </dd>
  )
}

/** Who applies, for whom, and their identifiers (masked until revealed). */
export function CaseApplicant({ c, revealed }: { c: AssessorCase; revealed: Revealed }) {
  const { t } = useTranslation('assessment')
  const { date } = useCaseDates()
  return (
    <section aria-labelledby="h-applicant">
      <h2 id="h-applicant">{t('case.applicant.heading')}</h2>
      <dl className="facts">
        <dt>{t('case.applicant.name')}</dt>
        <dd>{c.applicantName ?? '–'}</dd>
        <dt>{t('case.applicant.kind')}</dt>
        <dd>{t(`applicantKind.${c.applicantKind}`)}</dd>
        <dt>{t('case.applicant.channel')}</dt>
        <dd>
          {c.registration
            ? t('case.applicant.registered', { channel: t(`case.applicant.channels.${c.registration.channel}`), date: date(c.registration.receivedOn), by: c.registration.registeredBy ?? '–' })
            : t('case.applicant.channels.online')}
          {c.registration?.byMe ? <p className="field__hint">{t('case.applicant.registeredByMe')}</p> : null}
        </dd>
        {c.survivor ? (
          <>
            <dt>{t('case.applicant.survivorName')}</dt>
            <dd>{c.survivor.name ?? '–'}</dd>
            {c.survivor.relation ? (
              <>
                <dt>{t('case.applicant.relation')}</dt>
                <dd>{c.survivor.relation}</dd>
              </>
            ) : null}
            {c.applicantKind === 'representative' ? (
              <>
                <dt>{t('case.applicant.survivorDateOfBirth')}</dt>
                <dd>{date(c.survivor.dateOfBirth)}</dd>
                <dt>{t('case.applicant.survivorBsn')}</dt>
                <dd>{c.survivor.bsnMasked ?? '–'}</dd>
                <dt>{t('case.applicant.payee')}</dt>
                <dd>{c.payee ? t(`case.applicant.payees.${c.payee}`) : '–'}</dd>
              </>
            ) : null}
            {c.applicantKind === 'relative' ? (
              <>
                <dt>{t('case.applicant.survivorDateOfBirth')}</dt>
                <dd>{date(c.survivor.dateOfBirth)}</dd>
                <dt>{t('case.applicant.survivorDiedOn')}</dt>
                <dd>{date(c.survivor.diedOn)}</dd>
              </>
            ) : null}
          </>
        ) : null}
        <dt>{t('case.applicant.bsn')}</dt>
        <Identifier field="bsn" masked={c.bsnMasked} revealed={revealed} revealLabel={t('case.applicant.revealBsn')} />
        <dt>{t('case.applicant.iban')}</dt>
        <Identifier field="iban" masked={c.ibanMasked} revealed={revealed} revealLabel={t('case.applicant.revealIban')} />
      </dl>
      <p className="muted">{t('case.applicant.revealHelp')}</p>
    </section>
  )
}
