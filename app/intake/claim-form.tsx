import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, Field } from '~/components/forms'

/** The letter code as printed on the letter; any case, with or without the dashes. */
export function ClaimForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation('intake')
  const [form, fields] = useForm<{ code: string }>({
    lastResult,
    shouldValidate: 'onSubmit',
  })
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <Field meta={fields.code} label={t('claim.code')} hint={t('claim.codeHint')} autoComplete="off" spellCheck={false} />
        <button type="submit" className="button button--primary">
          {t('claim.submit')}
        </button>
      </Form>
    </>
  )
}
