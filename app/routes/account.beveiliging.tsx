import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { factorSettingsRoute } from '~/auth/enrolment.server'
import { FactorSettingsPage } from '~/components/auth/factor-settings-page'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['account', 'validation'] }
export const meta = titleMeta

// Called inside loader/action: module-scope calls into .server files would run in the browser.
export const loader = (args: LoaderFunctionArgs) => factorSettingsRoute('security').loader(args)
export const action = (args: ActionFunctionArgs) => factorSettingsRoute('security').action(args)

export default function Page() {
  const { state } = useLoaderData<typeof loader>()
  return <FactorSettingsPage screen="security" state={state} actionData={useActionData<typeof action>()} continueTo={undefined} />
}
