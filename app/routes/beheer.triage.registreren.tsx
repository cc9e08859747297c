import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireStaff } from '~/auth/guards.server'
import { fallbackLng, isLng } from '~/i18n/config'
import { getPageTitle } from '~/i18n/meta.server'
import { PhoneRequestForm } from '~/triage/phone-request-form'
import { PhoneRequestSchema } from '~/triage/phone-request-schema'
import { registerPhoneRequest } from '~/triage/phone-request.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['triage', 'facets', 'validation'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, 'triage.work')
  return { title: await getPageTitle(request, 'phoneRequest.title', 'triage') }
}

/** A triage worker registers a guidance request for someone who called (ADR 0032). */
export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireStaff(request, context, 'triage.work')
  const submission = parseWithZod(await request.formData(), { schema: PhoneRequestSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const input = submission.value
  // The language the caller will be written to in, when the portal speaks it.
  const locale = isLng(input.language) ? input.language : fallbackLng
  const { id } = await registerPhoneRequest({ worker: ctx.user, input, locale, ip: clientIp(context) })
  return redirect(input.takeNow ? `/beheer/triage/${id}` : '/beheer/triage?klaar=registered')
}

export default function RegisterPhoneRequest() {
  const { t } = useTranslation('triage')
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <p>
        <Link to="/beheer/triage">{t('phoneRequest.back')}</Link>
      </p>
      <h1>{t('phoneRequest.title')}</h1>
      <p className="lead">{t('phoneRequest.lead')}</p>
      <PhoneRequestForm lastResult={actionData?.result} />
    </div>
  )
}
