import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { confirmEmailChange } from '~/auth/account-settings.server'
import { inspectToken } from '~/auth/account-tokens.server'
import { requireSession } from '~/auth/guards.server'
import { ConfirmLinkPage } from '~/components/auth/confirm-link-page'
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
  const loaderData = useLoaderData<typeof loader>()
  const status = useActionData<typeof action>()?.status ?? loaderData.status
  return <ConfirmLinkPage status={status} retryTo="/account/email" keys={{ title: 'changeEmail.confirmTitle', submit: 'changeEmail.confirmSubmit' }} />
}
