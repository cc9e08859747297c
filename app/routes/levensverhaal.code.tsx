import { getFormProps, useForm } from '@conform-to/react'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireSurvivor } from '~/auth/guards.server'
import { ErrorSummary, Field } from '~/components/forms'
import { getPageTitle } from '~/i18n/meta.server'
import { runCodeClaim } from '~/life-stories/code-claim.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['lifeStories', 'validation'] }
export const meta = titleMeta

// Signed out, the guard sends the person to sign in (or register) and back here.
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireSurvivor(request, context)
  return { title: await getPageTitle(request, 'code.title', 'lifeStories') }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const outcome = await runCodeClaim({ request, userId: ctx.user.id, ip: clientIp(context) })
  if ('redirectTo' in outcome) return redirect(outcome.redirectTo)
  return data({ result: outcome.result }, { status: outcome.status })
}

/** Claiming a life story with the code from a posted letter (ADR 0030). */
export default function ClaimWithCode() {
  const { t } = useTranslation('lifeStories')
  const [form, fields] = useForm<{ code: string }>({ lastResult: useActionData<typeof action>()?.result, shouldValidate: 'onSubmit' })
  return (
    <div className="page">
      <h1>{t('code.title')}</h1>
      <p className="lead">{t('code.lead')}</p>
      <p>{t('claim.private')}</p>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)}>
        <Field meta={fields.code} label={t('code.field')} hint={t('code.hint')} autoComplete="off" spellCheck={false} />
        <button type="submit" className="button button--primary">
          {t('code.submit')}
        </button>
      </Form>
    </div>
  )
}
