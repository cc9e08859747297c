import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { requestPasswordReset } from '~/auth/password-reset.server'
import { emailRequestRoute } from '~/auth/email-request.server'
import { EmailRequestPage } from '~/components/auth/email-request-page'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['account', 'validation'] }
export const meta = titleMeta

// Called inside loader/action: module-scope calls into .server files would run in the browser.
export const loader = (args: LoaderFunctionArgs) => emailRequestRoute({ screen: 'forgot', send: requestPasswordReset }).loader(args)
export const action = (args: ActionFunctionArgs) => emailRequestRoute({ screen: 'forgot', send: requestPasswordReset }).action(args)

export default function Page() {
  const actionData = useActionData<typeof action>()
  return <EmailRequestPage screen="forgot" result={actionData?.result} sent={Boolean(actionData?.sent)} />
}
