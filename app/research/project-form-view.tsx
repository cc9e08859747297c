import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ChoiceGroup, ErrorSummary, Field, TextAreaField } from '~/components/forms'

type FormFields = { title: string; organisation: string; purpose: string; ethicsReference?: string; dataUseAgreementOn?: string; endsOn: string; researchers: string[] }

/** The admin's registration form; validated on the server, so it works without JavaScript. */
export function ProjectFormView({ researchers, lastResult }: { researchers: Array<{ id: string; displayName: string }>; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation('research')
  const [form, fields] = useForm<FormFields>({ lastResult, shouldValidate: 'onSubmit' })
  return (
    <div className="page">
      <h1>{t('form.title')}</h1>
      <p className="lead">{t('form.lead')}</p>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <Field meta={fields.title} label={t('form.projectTitle')} />
        <Field meta={fields.organisation} label={t('form.organisation')} />
        <TextAreaField meta={fields.purpose} label={t('form.purpose')} hint={t('form.purposeHint')} rows={4} />
        <Field meta={fields.ethicsReference} label={t('form.ethicsReference')} hint={t('form.ethicsHint')} />
        <Field meta={fields.dataUseAgreementOn} label={t('form.dataUseAgreementOn')} type="date" />
        <Field meta={fields.endsOn} label={t('form.endsOn')} type="date" />
        {researchers.length === 0 ? (
          <p>{t('form.noResearchers')}</p>
        ) : (
          <ChoiceGroup meta={fields.researchers} legend={t('form.researchers')} type="checkbox" options={researchers.map((r) => ({ value: r.id, label: r.displayName }))} />
        )}
        <button type="submit" className="button button--primary">
          {t('form.submit')}
        </button>
      </Form>
    </div>
  )
}
