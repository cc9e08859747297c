import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { handleEnrolmentAction, loadFactorState, requireEnrolSession } from '~/auth/enrolment.server'
import { FactorSettings } from '~/components/auth/factor-settings'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['account', 'validation'] }
export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireEnrolSession(request)
  return { state: await loadFactorState(ctx), title: await getPageTitle(request, 'staffEnrol.title', 'account') }
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireEnrolSession(request)
  return handleEnrolmentAction({ request, ctx })
}

export default function Page() {
  const { t } = useTranslation('account')
  const { state } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <h1>{t('staffEnrol.title')}</h1>
      <p className="lead">{t('staffEnrol.lead')}</p>
      <FactorSettings state={state} actionData={actionData} continueTo="/beheer" />
    </div>
  )
}
