import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireStaff } from '~/auth/guards.server'
import { getPageTitle } from '~/i18n/meta.server'
import { getRegistrationPage } from '~/intake/pages.server'
import { RegisterApplicationForm } from '~/intake/register-form'
import { RegisteredPanel } from '~/intake/registered-panel'
import { runRegistration } from '~/intake/register.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['intake', 'scheme', 'facets', 'validation'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, 'applications.register')
  return {
    title: await getPageTitle(request, 'register.title', 'intake'),
    ...(await getRegistrationPage({ request })),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireStaff(request, context, 'applications.register')
  const outcome = await runRegistration({
    request,
    staff: { id: ctx.user.id, roles: ctx.user.roles },
    ip: clientIp(context),
  })
  if ('done' in outcome) return data({ done: outcome.done, result: undefined })
  return data({ done: undefined, result: outcome.result }, { status: outcome.status })
}

export default function RegisterApplication() {
  const { t } = useTranslation('intake')
  const page = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <p>
        <Link to="/beheer/aanvragen">{t('register.back')}</Link>
      </p>
      <h1>{t('register.title')}</h1>
      {actionData?.done ? (
        <RegisteredPanel {...actionData.done} />
      ) : (
        <>
          <p className="lead">{t('register.lead')}</p>
          {page.open ? <RegisterApplicationForm lastResult={actionData?.result} token={page.token} placementKinds={page.placementKinds} /> : <p>{t('register.closed')}</p>}
        </>
      )}
    </div>
  )
}
