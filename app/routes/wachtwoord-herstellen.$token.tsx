import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { setPasswordRoute } from '~/auth/set-password-route.server'
import { SetPasswordPage } from '~/components/auth/set-password-page'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['account', 'validation'] }
export const meta = titleMeta

// Called inside loader/action: module-scope calls into .server files would run in the browser.
export const loader = (args: LoaderFunctionArgs) => setPasswordRoute('reset').loader(args)
export const action = (args: ActionFunctionArgs) => setPasswordRoute('reset').action(args)

export default function ResetPassword() {
  const { status, email } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return <SetPasswordPage screen="reset" status={actionData?.status ?? status} email={email} result={actionData?.result} />
}
