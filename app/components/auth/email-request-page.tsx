import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { EmailOnlySchema } from '~/auth/schemas'
import { ErrorSummary, Field, StatusMessage } from '~/components/forms'
import { HoneypotField } from '~/components/honeypot-field'

/** A page that asks for an e-mail address and always answers the same (no account probing). */
export function EmailRequestPage({ screen, result, sent }: { screen: 'forgot' | 'resend'; result?: SubmissionResult<string[]>; sent: boolean }) {
  const { t } = useTranslation('account')
  const [form, fields] = useForm({
    lastResult: result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EmailOnlySchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <div className="page">
      <h1>{t(`${screen}.title`)}</h1>
      <p className="lead">{t(`${screen}.lead`)}</p>
      {sent ? <StatusMessage>{t(`${screen}.sent`)}</StatusMessage> : null}
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <HoneypotField />
        <Field meta={fields.email} label={t('fields.email')} type="email" autoComplete="email" spellCheck={false} />
        <button type="submit" className="button button--primary">
          {t(`${screen}.submit`)}
        </button>
      </Form>
    </div>
  )
}
