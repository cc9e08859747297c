import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireStaff } from '~/auth/guards.server'
import { getPageTitle } from '~/i18n/meta.server'
import { runRegisterAction } from '~/life-stories/register-action.server'
import { RegisterLifeStoryForm } from '~/life-stories/register-form'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['lifeStories', 'validation'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, 'archive.transfer')
  return { title: await getPageTitle(request, 'register.title', 'lifeStories') }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireStaff(request, context, 'archive.transfer')
  const outcome = await runRegisterAction({ request, archivist: { id: ctx.user.id, roles: ctx.user.roles }, ip: clientIp(context) })
  if ('redirectTo' in outcome) return redirect(outcome.redirectTo)
  return data({ result: outcome.result }, { status: outcome.status })
}

export default function RegisterLifeStory() {
  const { t } = useTranslation('lifeStories')
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <p>
        <Link to="/beheer/levensverhalen">{t('staff.back')}</Link>
      </p>
      <h1>{t('register.title')}</h1>
      <p className="lead">{t('register.lead')}</p>
      <RegisterLifeStoryForm lastResult={actionData?.result} />
    </div>
  )
}
