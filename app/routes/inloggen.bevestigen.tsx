import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { secondFactorStepRoute } from '~/auth/second-factor-step.server'
import { SecondFactorPage } from '~/components/auth/second-factor-page'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['account', 'validation'] }
export const meta = titleMeta

// Called inside loader/action: module-scope calls into .server files would run in the browser.
export const loader = (args: LoaderFunctionArgs) => secondFactorStepRoute('stepUp').loader(args)
export const action = (args: ActionFunctionArgs) => secondFactorStepRoute('stepUp').action(args)

export default function Page() {
  const { offer } = useLoaderData<typeof loader>()
  return <SecondFactorPage screen="stepUp" offer={offer} actionData={useActionData<typeof action>()} />
}
