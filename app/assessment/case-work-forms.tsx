import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useCaseDates, type CaseFormState } from './case-form-state'
import type { AssessorCase } from './case-view.server'

/** The assessor's work on a case before a proposal: the checklist, questions to the applicant, notes, stepping aside. */

/** A form with one button, naming the step it asks for. */
export function IntentForm({ intent, children }: { intent: string; children: ReactNode }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {children}
    </Form>
  )
}

export function CaseChecklist({ c }: { c: AssessorCase }) {
  const { t } = useTranslation('assessment')
  return (
    <section aria-labelledby="h-checklist">
      <h2 id="h-checklist">{t('case.checklist.heading')}</h2>
      <IntentForm intent="checklist">
        <fieldset>
          <legend>{t('case.checklist.legend')}</legend>
          {c.checklistItems.map((item) => (
            <div className="field" key={item}>
              <input
                type="checkbox"
                id={`cl-${item}`}
                name="items"
                value={item}
                defaultChecked={Boolean(c.checklist[item])}
                aria-describedby={item === 'authorisation' ? 'cl-authorisation-present' : undefined}
              />
              <label htmlFor={`cl-${item}`}>{t(`case.checklist.items.${item}`)}</label>
              {item === 'authorisation' ? (
                // What the applicant uploaded, so the assessor does not have to search the documents for it.
                <p id="cl-authorisation-present" className="field__hint">
                  {t(c.authorisationPresent ? 'case.checklist.authorisationPresent' : 'case.checklist.authorisationMissing')}
                </p>
              ) : null}
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button">
          {t('case.checklist.save')}
        </button>
      </IntentForm>
    </section>
  )
}

export function CaseQuestions({ requests, canAsk, form }: { requests: AssessorCase['informationRequests']; canAsk: boolean; form: CaseFormState }) {
  const { t } = useTranslation('assessment')
  const { instant } = useCaseDates()
  return (
    <section aria-labelledby="h-questions">
      <h2 id="h-questions">{t('case.questions.heading')}</h2>
      {requests.length ? (
        <ul>
          {requests.map((r) => (
            <li key={r.id}>
              <p>{t('case.questions.asked', { date: instant(r.askedAt), question: r.question })}</p>
              <p>{r.answer ? t('case.questions.answered', { date: instant(r.answeredAt), answer: r.answer }) : t('case.questions.waiting')}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('case.questions.none')}</p>
      )}
      {canAsk ? (
        <IntentForm intent="requestInformation">
          <div className="field">
            <label htmlFor="question">{t('case.questions.label')}</label>
            <p className="field__hint" id="question-hint">
              {t('case.questions.hint')}
            </p>
            <textarea id="question" name="question" rows={4} required aria-describedby="question-hint" defaultValue={form.keptValue('requestInformation', 'question')} />
          </div>
          <button type="submit" className="button">
            {t('case.questions.submit')}
          </button>
        </IntentForm>
      ) : null}
    </section>
  )
}

export function CaseNotes({ notes, form }: { notes: AssessorCase['notes']; form: CaseFormState }) {
  const { t } = useTranslation('assessment')
  const { instant } = useCaseDates()
  return (
    <section aria-labelledby="h-notes">
      <h2 id="h-notes">{t('case.notes.heading')}</h2>
      {notes.length ? (
        <ul>
          {notes.map((n) => (
            <li key={n.id}>{t('case.notes.item', { date: instant(n.createdAt), author: n.author ?? '–', body: n.body })}</li>
          ))}
        </ul>
      ) : (
        <p>{t('case.notes.none')}</p>
      )}
      <IntentForm intent="note">
        <div className="field">
          <label htmlFor="note-body">{t('case.notes.label')}</label>
          <textarea id="note-body" name="body" rows={3} required defaultValue={form.keptValue('note', 'body')} />
        </div>
        <button type="submit" className="button">
          {t('case.notes.submit')}
        </button>
      </IntentForm>
    </section>
  )
}

export function CaseConflict() {
  const { t } = useTranslation('assessment')
  return (
    <section aria-labelledby="h-conflict">
      <h2 id="h-conflict">{t('case.conflict.heading')}</h2>
      <p>{t('case.conflict.help')}</p>
      <IntentForm intent="declareConflict">
        <button type="submit" className="button">
          {t('case.conflict.declare')}
        </button>
      </IntentForm>
    </section>
  )
}
