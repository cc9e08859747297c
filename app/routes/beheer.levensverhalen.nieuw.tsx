import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getPageTitle } from '~/i18n/meta.server'
import { RegisterInterviewForm } from '~/life-stories/interview-form'
import { runRegisterInterviewAction } from '~/life-stories/interviewer.server'
import { runRegisterAction } from '~/life-stories/register-action.server'
import { RegisterLifeStoryForm } from '~/life-stories/register-form'
import { requireLifeStoryStaff } from '~/life-stories/staff-guard.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['lifeStories', 'validation'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireLifeStoryStaff(request, context)
  return { as: viewer.as, title: await getPageTitle(request, viewer.as === 'interviewer' ? 'interview.title' : 'register.title', 'lifeStories') }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireLifeStoryStaff(request, context)
  const ip = clientIp(context)
  const outcome =
    viewer.as === 'interviewer' ? await runRegisterInterviewAction({ request, viewer, ip }) : await runRegisterAction({ request, archivist: { id: viewer.id, roles: viewer.roles }, ip })
  if ('redirectTo' in outcome) return redirect(outcome.redirectTo)
  return data({ result: outcome.result }, { status: outcome.status })
}

export default function RegisterLifeStory() {
  const { t } = useTranslation('lifeStories')
  const { as } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <p>
        <Link to="/beheer/levensverhalen">{t('staff.back')}</Link>
      </p>
      {as === 'interviewer' ? (
        <>
          <h1>{t('interview.title')}</h1>
          <p className="lead">{t('interview.lead')}</p>
          <RegisterInterviewForm lastResult={actionData?.result} />
        </>
      ) : (
        <>
          <h1>{t('register.title')}</h1>
          <p className="lead">{t('register.lead')}</p>
          <RegisterLifeStoryForm lastResult={actionData?.result} />
        </>
      )}
    </div>
  )
}
