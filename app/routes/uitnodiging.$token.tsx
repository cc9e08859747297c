import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { acceptInvitation, inspectToken } from '~/auth/accounts.server'
import { refuseCommonPasswords } from '~/auth/passwords.server'
import { InvitationAcceptSchema } from '~/auth/schemas'
import { TokenProblem } from '~/components/auth/token-status'
import { ErrorSummary, Field } from '~/components/forms'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['account', 'validation'] }
export const meta = titleMeta

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { status, row } = await inspectToken({ token: params.token ?? '', purpose: 'invitation' })
  return { status, email: status === 'ok' ? row?.email ?? '' : '', title: await getPageTitle(request, 'invitation.title', 'account') }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: refuseCommonPasswords(InvitationAcceptSchema) })
  if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }), status: 'ok' as const }, { status: 400 })
  const outcome = await acceptInvitation({ token: params.token ?? '', ...submission.value })
  if (outcome.status === 'ok') return redirect('/inloggen?uitgenodigd=1')
  return { result: undefined, status: outcome.status }
}

export default function AcceptInvitation() {
  const { t } = useTranslation('account')
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const status = actionData?.status ?? loaderData.status
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InvitationAcceptSchema }),
    shouldValidate: 'onBlur',
  })
  if (status !== 'ok') return <TokenProblem status={status} retryTo="/contact" />
  return (
    <div className="page">
      <h1>{t('invitation.title')}</h1>
      <p className="lead">{t('invitation.lead', { email: loaderData.email })}</p>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <Field meta={fields.displayName} label={t('fields.displayName')} autoComplete="name" />
        <Field meta={fields.password} label={t('fields.newPassword')} hint={t('password.hint')} type="password" autoComplete="new-password" />
        <button type="submit" className="button button--primary">
          {t('invitation.submit')}
        </button>
      </Form>
    </div>
  )
}
