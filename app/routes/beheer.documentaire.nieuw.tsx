import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ChapterFieldsForm } from '~/documentary/chapter-form'
import { requireCurator, runNewChapterAction } from '~/documentary/staff.server'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['documentary', 'validation'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireCurator(request, context)
  return { title: await getPageTitle(request, 'staff.new.title', 'documentary') }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const curator = await requireCurator(request, context)
  const outcome = await runNewChapterAction({ request, curator })
  if ('redirectTo' in outcome) return redirect(outcome.redirectTo)
  return data({ result: outcome.result }, { status: outcome.status })
}

export default function NewChapter() {
  const { t } = useTranslation('documentary')
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <p>
        <Link to="/beheer/documentaire">{t('staff.back')}</Link>
      </p>
      <h1>{t('staff.new.title')}</h1>
      <p className="lead">{t('staff.new.lead')}</p>
      <ChapterFieldsForm lastResult={actionData?.result} />
    </div>
  )
}
