import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { handleSecondFactorStep, loadSecondFactorStep } from '~/auth/second-factor-step.server'
import { SecondFactorForms } from '~/components/auth/second-factor-forms'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['account', 'validation'] }
export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  const offer = await loadSecondFactorStep({ request, purpose: 'signIn' })
  return { offer, title: await getPageTitle(request, 'secondFactor.title', 'account') }
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handleSecondFactorStep({ request, context, purpose: 'signIn' })
}

export default function SecondFactorStep() {
  const { t } = useTranslation('account')
  const { offer } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <h1>{t('secondFactor.title')}</h1>
      <p className="lead">{t('secondFactor.lead')}</p>
      <SecondFactorForms offer={offer} actionData={actionData} optionsUrl="/inloggen/passkey-opties?doel=signIn" />
    </div>
  )
}
