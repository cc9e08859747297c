import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { InvitationAcceptSchema, NewPasswordFormSchema } from '~/auth/schemas'
import { ErrorSummary, Field } from '~/components/forms'
import { TokenProblem } from './token-status'

type Status = 'ok' | 'expired' | 'used' | 'invalid' | 'exists'

/** Where a person with a dead link gets a new one: a reset can be asked again, an invitation only from the team. */
const RETRY = { invitation: '/contact', reset: '/wachtwoord-vergeten' } as const

/** The page a mailed link opens to set a password: a staff invitation (with a name) or a password reset. */
export function SetPasswordPage({ screen, status, email, result }: { screen: 'invitation' | 'reset'; status: Status; email: string; result?: SubmissionResult<string[]> }) {
  const { t } = useTranslation('account')
  const schema = screen === 'invitation' ? InvitationAcceptSchema : NewPasswordFormSchema
  const [form, fields] = useForm<{ displayName?: string; password: string }>({
    lastResult: result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
  })
  if (status !== 'ok') return <TokenProblem status={status} retryTo={RETRY[screen]} />
  return (
    <div className="page">
      <h1>{t(`${screen}.title`)}</h1>
      <p className="lead">{t(`${screen}.lead`, { email })}</p>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        {screen === 'invitation' ? <Field meta={fields.displayName} label={t('fields.displayName')} autoComplete="name" /> : null}
        <Field meta={fields.password} label={t('fields.newPassword')} hint={t('password.hint')} type="password" autoComplete="new-password" />
        <button type="submit" className="button button--primary">
          {t(`${screen}.submit`)}
        </button>
      </Form>
    </div>
  )
}
