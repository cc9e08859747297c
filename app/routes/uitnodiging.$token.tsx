import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { setPasswordRoute } from '~/auth/set-password-route.server'
import { SetPasswordPage } from '~/components/auth/set-password-page'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['account', 'validation'] }
export const meta = titleMeta

// Called inside loader/action: module-scope calls into .server files would run in the browser.
export const loader = (args: LoaderFunctionArgs) => setPasswordRoute('invitation').loader(args)
export const action = (args: ActionFunctionArgs) => setPasswordRoute('invitation').action(args)

export default function AcceptInvitation() {
  const { status, email } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return <SetPasswordPage screen="invitation" status={actionData?.status ?? status} email={email} result={actionData?.result} />
}
