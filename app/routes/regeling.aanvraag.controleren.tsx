import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { requireSurvivor } from '~/auth/guards.server'
import { getPageTitle } from '~/i18n/meta.server'
import { toLng } from '~/i18n/config'
import { CheckAnswers } from '~/scheme/check-answers'
import { getCheckPage } from '~/scheme/check-page.server'
import { AlreadySubmitted, PrecheckWarnings, TakeABreak } from '~/scheme/components'
import { submitApplication } from '~/scheme/submit-application.server'
import { titleMeta } from '~/utils/meta'
import { PageHeading } from '~/components/layout/page-heading'

export const handle = { i18n: ['scheme', 'facets'] }
export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireSurvivor(request)
  const view = await getCheckPage({ userId: ctx.user.id })
  if (!view) throw redirect('/regeling/aanvraag')
  return { ...view, title: await getPageTitle(request, view.submitted ? 'tasks.title' : 'check.title', 'scheme') }
}

const SubmitSchema = z.object({ submitToken: z.string().min(16).max(100) })

export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const parsed = SubmitSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) throw new Response('Bad request', { status: 400 })
  const result = await submitApplication({ userId: ctx.user.id, submitToken: parsed.data.submitToken, locale: toLng(ctx.user.locale) })
  if (!result.ok) return redirect('/regeling/aanvraag')
  return redirect('/mijn-aanvraag?verstuurd=1')
}

export default function CheckAnswersPage() {
  const { t } = useTranslation(['scheme', 'facets'])
  const view = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  if (view.submitted) return <AlreadySubmitted />
  return (
    <div className="page scheme-check">
      <PageHeading back={{ to: '/regeling/aanvraag', label: t('tasks.back') }} title={t('check.title')} lead={t('check.lead')} />
      <PrecheckWarnings warnings={view.warnings} />
      <CheckAnswers view={view} />
      {view.complete ? (
        <Form method="post">
          <input type="hidden" name="submitToken" value={view.submitToken} />
          <h2>{t('check.sendTitle')}</h2>
          <p>{t('check.sendText')}</p>
          <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
            {t('check.send')}
          </button>
        </Form>
      ) : (
        <p className="notice">{t('check.incomplete')}</p>
      )}
      <TakeABreak />
    </div>
  )
}
