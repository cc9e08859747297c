import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { confirmEmailChange, inspectToken } from '~/auth/accounts.server'
import { requireSession } from '~/auth/guards.server'
import { TokenProblem } from '~/components/auth/token-status'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['account'] }
export const meta = titleMeta

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSession(request)
  const { status } = await inspectToken({ token: params.token ?? '', purpose: 'changeEmail' })
  return { status, title: await getPageTitle(request, 'changeEmail.confirmTitle', 'account') }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireSession(request)
  const status = await confirmEmailChange({ token: params.token ?? '', userId: ctx.user.id })
  if (status === 'ok') return redirect('/account?opgeslagen=preferences')
  return { status }
}

export default function ConfirmEmailChange() {
  const { t } = useTranslation('account')
  const loaderData = useLoaderData<typeof loader>()
  const status = useActionData<typeof action>()?.status ?? loaderData.status
  if (status !== 'ok') return <TokenProblem status={status} retryTo="/account/email" />
  return (
    <div className="page">
      <h1>{t('changeEmail.confirmTitle')}</h1>
      <Form method="post">
        <button type="submit" className="button button--primary">
          {t('changeEmail.confirmSubmit')}
        </button>
      </Form>
    </div>
  )
}
