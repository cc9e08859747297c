import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { changePassword } from '~/auth/account-settings.server'
import { requireSession } from '~/auth/guards.server'
import { refuseCommonPasswords } from '~/auth/passwords.server'
import { ChangePasswordSchema } from '~/auth/schemas'
import { ErrorSummary, Field } from '~/components/forms'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['account', 'validation'] }
export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSession(request)
  return { title: await getPageTitle(request, 'changePassword.title', 'account') }
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireSession(request)
  const submission = parseWithZod(await request.formData(), { schema: refuseCommonPasswords(ChangePasswordSchema) })
  const hide = ['password', 'currentPassword']
  if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: hide }) }, { status: 400 })
  const outcome = await changePassword({ userId: ctx.user.id, currentPassword: submission.value.currentPassword, newPassword: submission.value.password, keepTokenHash: ctx.tokenHash })
  if (!outcome.ok) return data({ result: submission.reply({ fieldErrors: { currentPassword: ['account:changePassword.wrongCurrent'] }, hideFields: hide }) }, { status: 400 })
  return redirect('/account?opgeslagen=preferences')
}

export default function ChangePassword() {
  const { t } = useTranslation('account')
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <div className="page">
      <h1>{t('changePassword.title')}</h1>
      <p className="lead">{t('changePassword.lead')}</p>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <Field meta={fields.currentPassword} label={t('fields.currentPassword')} type="password" autoComplete="current-password" />
        <Field meta={fields.password} label={t('fields.newPassword')} hint={t('password.hint')} type="password" autoComplete="new-password" />
        <button type="submit" className="button button--primary">
          {t('changePassword.submit')}
        </button>
      </Form>
    </div>
  )
}
