import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { signInWithPassword } from '~/auth/sign-in.server'
import { getUser } from '~/auth/guards.server'
import { SignInThrottledError, waitMessageKey } from '~/auth/sign-in-throttle.server'
import { SignInSchema } from '~/auth/schemas'
import { ErrorSummary, Field } from '~/components/forms'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'
import { safeRedirectPath } from '~/utils/redirect'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['account', 'validation'] }
export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  if (user) throw redirect(user.roles.includes('survivor') ? '/account' : '/beheer')
  return { title: await getPageTitle(request, 'signIn.title', 'account') }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: SignInSchema })
  if (submission.status !== 'success') {
    return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  }
  const { email, password } = submission.value
  try {
    const result = await signInWithPassword({ email, password, request, ip: clientIp(context) })
    if (result.kind === 'invalid') {
      return data({ result: submission.reply({ formErrors: ['account:signIn.invalid'], hideFields: ['password'] }) }, { status: 400 })
    }
    if (result.kind === 'unverified') {
      return data({ result: submission.reply({ formErrors: ['account:signIn.unverified'], hideFields: ['password'] }) }, { status: 400 })
    }
    // Without a page to return to, the second step decides by role (account or staff area).
    const to = submission.value.redirectTo ? safeRedirectPath(submission.value.redirectTo) : null
    const next =
      result.next === 'done'
        ? (to ?? '/account')
        : result.next === 'secondFactor'
          ? `/inloggen/tweede-stap${to ? `?redirectTo=${encodeURIComponent(to)}` : ''}`
          : '/beheer/tweede-factor'
    const headers = new Headers({ 'Set-Cookie': result.cookie })
    if (result.deviceCookie) headers.append('Set-Cookie', result.deviceCookie)
    return redirect(next, { headers })
  } catch (error) {
    // Says how long to wait, in words; the same for known and unknown accounts.
    if (error instanceof SignInThrottledError) {
      return data(
        { result: submission.reply({ formErrors: [waitMessageKey(error.retryAfterSeconds)], hideFields: ['password'] }) },
        { status: 429, headers: { 'Retry-After': String(error.retryAfterSeconds) } },
      )
    }
    throw error
  }
}

export default function SignIn() {
  const { t } = useTranslation('account')
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <div className="page">
      <h1>{t('signIn.title')}</h1>
      <p className="lead">{t('signIn.lead')}</p>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <Field meta={fields.email} label={t('fields.email')} type="email" autoComplete="username" spellCheck={false} />
        <Field meta={fields.password} label={t('fields.password')} type="password" autoComplete="current-password" />
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            {t('signIn.submit')}
          </button>
          <Link to="/wachtwoord-vergeten">{t('signIn.forgot')}</Link>
        </div>
      </Form>
      <h2>{t('signIn.noAccountTitle')}</h2>
      <p>{t('signIn.noAccountBody')}</p>
      <p>
        <Link to="/registreren">{t('signIn.register')}</Link>
      </p>
    </div>
  )
}
