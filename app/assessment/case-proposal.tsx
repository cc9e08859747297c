import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { localise } from '~/scheme/scheme-config'
import type { CaseFormState } from './case-form-state'
import { useCaseDates } from './case-form-state'
import type { AssessorCase } from './case-view.server'
import { IntentForm } from './case-work-forms'

/** The four-eyes part of a case: the open proposal (confirm or return it), a new proposal, and the history. */

/** A field of the proposal form with its hint and its error, which the control names in aria-describedby. */
function ProposalField({ id, label, hint, error, children }: { id: string; label: string; hint?: { id: string; text: string }; error: string | null; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={hint.id}>
          {hint.text}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
      {children}
    </div>
  )
}

function OpenProposal({ open, reasonLabel, form }: { open: NonNullable<AssessorCase['openProposal']>; reasonLabel: (code: string | null) => string | undefined; form: CaseFormState }) {
  const { t } = useTranslation('assessment')
  return (
    <div className="card">
      <p>{t('case.assessment.openProposal', { outcome: t(`outcome.${open.outcome}`) })}</p>
      {open.reasonCode ? <p>{t('case.assessment.reason', { reason: reasonLabel(open.reasonCode) })}</p> : null}
      <p>{t('case.assessment.motivation', { motivation: open.motivation })}</p>
      {open.byMe ? (
        <p>{t('case.assessment.ownProposal')}</p>
      ) : (
        <>
          <IntentForm intent="confirm">
            <p className="muted">{t('case.assessment.confirmHelp')}</p>
            <button type="submit" className="button button--primary">
              {t('case.assessment.confirm')}
            </button>
          </IntentForm>
          <IntentForm intent="return">
            <div className="field">
              <label htmlFor="return-note">{t('case.assessment.returnNote')}</label>
              <textarea id="return-note" name="note" rows={3} required defaultValue={form.keptValue('return', 'note')} />
            </div>
            <button type="submit" className="button">
              {t('case.assessment.return')}
            </button>
          </IntentForm>
        </>
      )}
    </div>
  )
}

function ProposalForm({ rejectionReasons, form }: { rejectionReasons: AssessorCase['rejectionReasons']; form: CaseFormState }) {
  const { t, i18n } = useTranslation('assessment')
  const { keptValue, fieldError } = form
  return (
    <IntentForm intent="propose">
      <fieldset aria-describedby={fieldError('outcome') ? 'outcome-error' : undefined}>
        <legend>{t('case.assessment.outcomeLegend')}</legend>
        {fieldError('outcome') ? (
          <p id="outcome-error" className="field__error">
            {fieldError('outcome')}
          </p>
        ) : null}
        {(['grant', 'reject', 'notEligible'] as const).map((o) => (
          <div className="field" key={o}>
            <input type="radio" id={`outcome-${o}`} name="outcome" value={o} required defaultChecked={keptValue('propose', 'outcome') === o} />
            <label htmlFor={`outcome-${o}`}>{t(`outcome.${o}`)}</label>
          </div>
        ))}
      </fieldset>
      <ProposalField id="reasonCode" label={t('case.assessment.reasonLabel')} hint={{ id: 'reason-hint', text: t('case.assessment.reasonHint') }} error={fieldError('reasonCode')}>
        <select
          id="reasonCode"
          name="reasonCode"
          defaultValue={keptValue('propose', 'reasonCode') ?? ''}
          aria-invalid={fieldError('reasonCode') ? true : undefined}
          aria-describedby={fieldError('reasonCode') ? 'reason-hint reasonCode-error' : 'reason-hint'}
        >
          <option value="">{t('case.assessment.noReason')}</option>
          {rejectionReasons.map((r) => (
            <option key={r.code} value={r.code}>
              {localise(r, i18n.language)}
            </option>
          ))}
        </select>
      </ProposalField>
      <ProposalField id="motivation" label={t('case.assessment.motivationLabel')} error={fieldError('motivation')}>
        <textarea
          id="motivation"
          name="motivation"
          rows={5}
          required
          defaultValue={keptValue('propose', 'motivation')}
          aria-invalid={fieldError('motivation') ? true : undefined}
          aria-describedby={fieldError('motivation') ? 'motivation-error' : undefined}
        />
      </ProposalField>
      <button type="submit" className="button button--primary">
        {t('case.assessment.propose')}
      </button>
    </IntentForm>
  )
}

export function CaseProposal({ c, form }: { c: AssessorCase; form: CaseFormState }) {
  const { t, i18n } = useTranslation('assessment')
  const { instant } = useCaseDates()
  const open = c.openProposal
  const canPropose = !open && (c.status === 'submitted' || c.status === 'inAssessment')
  const reasonLabel = (code: string | null) => {
    const reason = c.rejectionReasons.find((r) => r.code === code)
    return reason ? localise(reason, i18n.language) : ''
  }
  return (
    <section aria-labelledby="h-assessment">
      <h2 id="h-assessment">{t('case.assessment.heading')}</h2>
      {open ? <OpenProposal open={open} reasonLabel={reasonLabel} form={form} /> : null}
      {canPropose ? <ProposalForm rejectionReasons={c.rejectionReasons} form={form} /> : null}
      {c.assessments.length ? (
        <>
          <h3>{t('case.assessment.history')}</h3>
          <ul>
            {c.assessments.map((a) => (
              <li key={a.id}>
                {t('case.assessment.historyItem', { date: instant(a.proposedAt), outcome: t(`outcome.${a.outcome}`), status: t(`assessmentStatus.${a.status}`) })}
                {a.returnNote ? ` ${t('case.assessment.returnedWith', { note: a.returnNote })}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}
