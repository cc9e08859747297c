import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { notFoundForeign, requireSurvivor } from '~/auth/guards.server'
import { fallbackLng, isLng } from '~/i18n/config'
import { getPageTitle } from '~/i18n/meta.server'
import { getOwnRequest } from '~/triage/ask-guidance.server'
import { getSurvivorView } from '~/triage/survivor-view.server'
import { answerSurvivorAction } from '~/triage/survivor-actions.server'
import { SurvivorRequestPage } from '~/triage/survivor-request-view'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['triage', 'facets', 'consent', 'validation'] }
export const meta = titleMeta

async function ownRequest(request: Request, context: ActionFunctionArgs['context'], id: string | undefined) {
  const ctx = await requireSurvivor(request, context)
  const found = id ? await getOwnRequest({ requestId: id, userId: ctx.user.id }) : null
  // Someone else's request (or none) answers 404, so existence does not leak.
  if (!found) throw await notFoundForeign(ctx, request, context)
  return { ctx, found }
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { found } = await ownRequest(request, context, params.id)
  return {
    title: await getPageTitle(request, 'mine.detailTitle', 'triage'),
    view: await getSurvivorView({ request: found }),
    done: new URL(request.url).searchParams.get('klaar'),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, found } = await ownRequest(request, context, params.id)
  const locale = isLng(ctx.user.locale) ? ctx.user.locale : fallbackLng
  return answerSurvivorAction({ request: found, formData: await request.formData(), locale, page: `/mijn-hulp/${found.id}` })
}

export default function MyHelpRequest() {
  const { t } = useTranslation('triage')
  const { view, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <SurvivorRequestPage
      title={t('mine.detailTitle')}
      back={{ to: '/mijn-hulp', label: t('mine.back') }}
      view={view}
      done={done}
      messageError={actionData?.messageError}
      action={`/mijn-hulp/${view.id}`}
    />
  )
}
