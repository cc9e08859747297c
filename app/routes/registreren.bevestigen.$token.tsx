import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { confirmEmail, inspectToken } from '~/auth/accounts.server'
import { TokenProblem } from '~/components/auth/token-status'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['account'] }
export const meta = titleMeta

// The link only shows a button; the POST uses it, so mail scanners that open links do not.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { status } = await inspectToken({ token: params.token ?? '', purpose: 'confirmEmail' })
  return { status, title: await getPageTitle(request, 'confirm.title', 'account') }
}

export async function action({ params }: ActionFunctionArgs) {
  const status = await confirmEmail({ token: params.token ?? '' })
  if (status === 'ok') return redirect('/inloggen?bevestigd=1')
  return { status }
}

export default function ConfirmEmail() {
  const { t } = useTranslation('account')
  const loaderData = useLoaderData<typeof loader>()
  const status = useActionData<typeof action>()?.status ?? loaderData.status
  if (status !== 'ok') return <TokenProblem status={status} retryTo="/registreren/opnieuw" />
  return (
    <div className="page">
      <h1>{t('confirm.title')}</h1>
      <p className="lead">{t('confirm.lead')}</p>
      <Form method="post">
        <button type="submit" className="button button--primary">
          {t('confirm.submit')}
        </button>
      </Form>
    </div>
  )
}
