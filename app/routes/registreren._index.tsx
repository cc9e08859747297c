import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { registerSurvivor } from '~/auth/registration.server'
import { getUser } from '~/auth/guards.server'
import { refuseCommonPasswords } from '~/auth/passwords.server'
import { RateLimitedError } from '~/auth/rate-limit.server'
import { RegisterSchema } from '~/auth/schemas'
import { CheckboxField, ErrorSummary, Field } from '~/components/forms'
import { HoneypotField } from '~/components/honeypot-field'
import { i18next } from '~/i18n/i18next.server'
import { getPageTitle } from '~/i18n/meta.server'
import { toLng } from '~/i18n/config'
import { checkHoneypot } from '~/utils/honeypot.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['account', 'validation'] }
export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect('/account')
  return { title: await getPageTitle(request, 'register.title', 'account') }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  checkHoneypot(formData)
  const submission = parseWithZod(formData, { schema: refuseCommonPasswords(RegisterSchema) })
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  }
  const locale = await i18next.getLocale(request)
  try {
    await registerSurvivor({ ...submission.value, locale: toLng(locale), request, ip: clientIp(context) })
  } catch (error) {
    if (error instanceof RateLimitedError) {
      return data({ result: submission.reply({ formErrors: ['common:errors.tooManyRequests.body'], hideFields: ['password'] }) }, { status: 429 })
    }
    throw error
  }
  return redirect('/registreren/verstuurd')
}

export default function Register() {
  const { t } = useTranslation('account')
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <div className="page">
      <h1>{t('register.title')}</h1>
      <p className="lead">{t('register.lead')}</p>
      <p>{t('register.privacy')}</p>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <HoneypotField />
        <Field meta={fields.email} label={t('fields.email')} hint={t('register.emailHint')} type="email" autoComplete="email" spellCheck={false} />
        <Field meta={fields.displayName} label={t('fields.displayName')} hint={t('register.displayNameHint')} autoComplete="nickname" />
        <Field meta={fields.password} label={t('fields.newPassword')} hint={t('password.hint')} type="password" autoComplete="new-password" />
        <CheckboxField meta={fields.agree} label={t('register.agree')} after={<Link to="/privacy">{t('register.privacyLink')}</Link>} />
        <button type="submit" className="button button--primary">
          {t('register.submit')}
        </button>
      </Form>
      <p>
        <Link to="/inloggen">{t('register.haveAccount')}</Link>
      </p>
    </div>
  )
}
