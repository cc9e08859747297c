import { getFormProps, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ChoiceGroup, ErrorSummary, Field } from '~/components/forms'
import type { Answers } from './answers'
import { SaveButtons } from './components'
import { datePartsOf, type DateParts } from './date-input'
import { DateInput } from './date-input-field'
import { DocumentList, FileField, type Result } from './form-pieces'

/** 'Who is applying': for themselves, as a representative, or as a surviving relative, with the authorisation for another person. */
export function ApplicantForm({ answers, authorisations, lastResult }: { answers: Answers; authorisations: Array<{ id: string; fileName: string }>; lastResult: Result }) {
  const { t } = useTranslation('scheme')
  const a = answers.applicant
  const [form, fields] = useForm<{ kind?: string; survivorName?: string; relation?: string; survivorDateOfBirth?: DateParts; survivorDiedOn?: DateParts; authorisation?: string }>({
    lastResult,
    defaultValue: {
      kind: a?.kind,
      survivorName: a?.survivorName,
      relation: a?.relation,
      survivorDateOfBirth: datePartsOf(a?.survivorDateOfBirth),
      survivorDiedOn: datePartsOf(a?.survivorDiedOn),
    },
    shouldValidate: 'onSubmit',
  })
  const file = fields.authorisation
  const removeFormId = `${form.id}-remove`
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      {/* Removing a file is its own small form, so pressing Enter in a field never removes one. */}
      <Form method="post" id={removeFormId} />
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <ChoiceGroup className="scheme-choices"
          meta={fields.kind}
          legend={t('applicant.question')}
          type="radio"
          options={(['self', 'representative', 'relative'] as const).map((k) => ({ value: k, label: t(`applicant.kinds.${k}.label`), hint: t(`applicant.kinds.${k}.hint`) }))}
        />
        <p className="field__hint">{t('applicant.othersHint')}</p>
        <fieldset className="scheme-group">
          <legend>{t('applicant.someoneElseTitle')}</legend>
          <Field meta={fields.survivorName} label={t('applicant.survivorName')} hint={t('applicant.survivorNameHint')} autoComplete="off" />
          <Field meta={fields.relation} label={t('applicant.relation')} autoComplete="off" />
        </fieldset>
        <fieldset className="scheme-group">
          <legend>{t('applicant.relativeTitle')}</legend>
          <p className="field__hint">{t('applicant.relativeHint')}</p>
          <DateInput meta={fields.survivorDateOfBirth} legend={t('applicant.survivorDateOfBirth')} />
          <DateInput meta={fields.survivorDiedOn} legend={t('applicant.survivorDiedOn')} />
        </fieldset>
        <fieldset className="scheme-group" id="authorisation">
          <legend>{t('applicant.authorisationTitle')}</legend>
          <p className="field__hint">{t('applicant.authorisationHint')}</p>
          {authorisations.length ? <DocumentList documents={authorisations} labelOf={(d) => d.fileName} form={removeFormId} /> : null}
          <FileField
            id={file.id}
            name={file.name}
            label={t(authorisations.length ? 'applicant.authorisationAnother' : 'applicant.authorisationFile')}
            hintId={file.descriptionId}
            errorId={file.errorId}
            errors={file.errors ?? []}
            resetKey={authorisations.map((d) => d.id).join()}
          />
        </fieldset>
        <SaveButtons />
      </Form>
    </>
  )
}
