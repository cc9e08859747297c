import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requestEmailChange } from '~/auth/account-settings.server'
import { requireSession } from '~/auth/guards.server'
import { EmailOnlySchema } from '~/auth/schemas'
import { ErrorSummary, Field, StatusMessage } from '~/components/forms'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['account', 'validation'] }
export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSession(request)
  return { title: await getPageTitle(request, 'changeEmail.title', 'account') }
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireSession(request)
  const submission = parseWithZod(await request.formData(), { schema: EmailOnlySchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), sent: false }, { status: 400 })
  await requestEmailChange({ userId: ctx.user.id, newEmail: submission.value.email, locale: ctx.user.locale, request })
  return { result: submission.reply({ resetForm: true }), sent: true }
}

export default function ChangeEmail() {
  const { t } = useTranslation('account')
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EmailOnlySchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <div className="page">
      <h1>{t('changeEmail.title')}</h1>
      <p className="lead">{t('changeEmail.lead')}</p>
      {actionData?.sent ? <StatusMessage>{t('changeEmail.sent')}</StatusMessage> : null}
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <Field meta={fields.email} label={t('fields.newEmail')} type="email" autoComplete="email" spellCheck={false} />
        <button type="submit" className="button button--primary">
          {t('changeEmail.submit')}
        </button>
      </Form>
    </div>
  )
}
