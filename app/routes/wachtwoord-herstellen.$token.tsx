import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { inspectToken, resetPassword } from '~/auth/accounts.server'
import { refuseCommonPasswords } from '~/auth/passwords.server'
import { NewPasswordFormSchema } from '~/auth/schemas'
import { TokenProblem } from '~/components/auth/token-status'
import { ErrorSummary, Field } from '~/components/forms'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['account', 'validation'] }
export const meta = titleMeta

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { status } = await inspectToken({ token: params.token ?? '', purpose: 'resetPassword' })
  return { status, title: await getPageTitle(request, 'reset.title', 'account') }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: refuseCommonPasswords(NewPasswordFormSchema) })
  if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }), status: 'ok' as const }, { status: 400 })
  const status = await resetPassword({ token: params.token ?? '', password: submission.value.password })
  if (status === 'ok') return redirect('/inloggen?hersteld=1')
  return { result: undefined, status }
}

export default function ResetPassword() {
  const { t } = useTranslation('account')
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const status = actionData?.status ?? loaderData.status
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewPasswordFormSchema }),
    shouldValidate: 'onBlur',
  })
  if (status !== 'ok') return <TokenProblem status={status} retryTo="/wachtwoord-vergeten" />
  return (
    <div className="page">
      <h1>{t('reset.title')}</h1>
      <p className="lead">{t('reset.lead')}</p>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <Field meta={fields.password} label={t('fields.newPassword')} hint={t('password.hint')} type="password" autoComplete="new-password" />
        <button type="submit" className="button button--primary">
          {t('reset.submit')}
        </button>
      </Form>
    </div>
  )
}
