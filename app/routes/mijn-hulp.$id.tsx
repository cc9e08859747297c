import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { notFoundForeign, requireSurvivor } from '~/auth/guards.server'
import { StatusMessage } from '~/components/forms'
import { fallbackLng, isLng } from '~/i18n/config'
import { getPageTitle } from '~/i18n/meta.server'
import { SurvivorRequestView } from '~/triage/components'
import { getOwnRequest } from '~/triage/ask-guidance.server'
import { getSurvivorView } from '~/triage/survivor-view.server'
import { handleSurvivorAction } from '~/triage/survivor-actions.server'
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
  const { ctx, found } = await ownRequest(request, context, params.id)
  const locale = isLng(ctx.user.locale) ? ctx.user.locale : fallbackLng
  return {
    title: await getPageTitle(request, 'mine.detailTitle', 'triage'),
    view: await getSurvivorView({ request: found, locale }),
    done: new URL(request.url).searchParams.get('klaar'),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { ctx, found } = await ownRequest(request, context, params.id)
  const locale = isLng(ctx.user.locale) ? ctx.user.locale : fallbackLng
  const outcome = await handleSurvivorAction({ request: found, formData: await request.formData(), locale })
  if (outcome.ok) return redirect(`/mijn-hulp/${found.id}?klaar=${outcome.done}`)
  return data({ messageError: outcome.messageError }, { status: 400 })
}

export default function MyHelpRequest() {
  const { t } = useTranslation('triage')
  const { view, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <p>
        <Link to="/mijn-hulp">{t('mine.back')}</Link>
      </p>
      <h1>{t('mine.detailTitle')}</h1>
      {done ? <StatusMessage>{t(`mine.done.${done}`)}</StatusMessage> : null}
      <SurvivorRequestView view={view} action={`/mijn-hulp/${view.id}`} messageError={actionData?.messageError} />
    </div>
  )
}
