import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireSurvivor } from '~/auth/guards.server'
import { getPageTitle } from '~/i18n/meta.server'
import { runClaim } from '~/intake/claim.server'
import { ClaimForm } from '~/intake/claim-form'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['intake', 'validation'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireSurvivor(request, context)
  return { title: await getPageTitle(request, 'claim.title', 'intake') }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const outcome = await runClaim({
    request,
    user: { id: ctx.user.id, roles: ctx.user.roles },
    ip: clientIp(context),
  })
  if ('redirectTo' in outcome) return redirect(outcome.redirectTo)
  return data({ result: outcome.result }, { status: outcome.status })
}

export default function ClaimApplication() {
  const { t } = useTranslation('intake')
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <p>
        <Link to="/mijn-aanvraag">{t('claim.back')}</Link>
      </p>
      <h1>{t('claim.title')}</h1>
      <p className="lead">{t('claim.lead')}</p>
      <ClaimForm lastResult={actionData?.result} />
    </div>
  )
}
