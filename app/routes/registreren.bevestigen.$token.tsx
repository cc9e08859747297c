import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { inspectToken } from '~/auth/account-tokens.server'
import { confirmEmail } from '~/auth/registration.server'
import { ConfirmLinkPage } from '~/components/auth/confirm-link-page'
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
  const loaderData = useLoaderData<typeof loader>()
  const status = useActionData<typeof action>()?.status ?? loaderData.status
  return <ConfirmLinkPage status={status} retryTo="/registreren/opnieuw" keys={{ title: 'confirm.title', lead: 'confirm.lead', submit: 'confirm.submit' }} />
}
