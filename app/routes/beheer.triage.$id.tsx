import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { requireStaff } from '~/auth/guards.server'
import { fallbackLng, isLng } from '~/i18n/config'
import { getPageTitle } from '~/i18n/meta.server'
import { handleStaffAction } from '~/triage/staff-actions.server'
import { StaffRequestPage } from '~/triage/staff-request-page'
import { loadStaffRequestPage } from '~/triage/staff-view.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['triage', 'facets'] }
export const meta = titleMeta

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context, 'triage.work')
  const locale = isLng(ctx.user.locale) ? ctx.user.locale : fallbackLng
  const page = await loadStaffRequestPage({ worker: ctx.user, requestId: params.id ?? '', locale, ip: clientIp(context) })
  if (!page) throw new Response('Not found', { status: 404 })
  return {
    title: await getPageTitle(request, 'detail.title', 'triage'),
    done: new URL(request.url).searchParams.get('klaar'),
    ...page,
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const ctx = await requireStaff(request, context, 'triage.work')
  const formData = await request.formData()
  const outcome = await handleStaffAction({ ctx, requestId: params.id ?? '', formData, ip: clientIp(context) })
  if (outcome.ok) return redirect(outcome.done === 'transferred' ? '/beheer/triage?klaar=transferred' : `/beheer/triage/${params.id}?klaar=${outcome.done}`)
  // A refused message or note keeps its text (the same form shows it again).
  const kept = { intent: String(formData.get('intent') ?? ''), body: String(formData.get('body') ?? '') }
  return data({ problem: outcome.problem, ...kept }, { status: outcome.problem === 'notContact' ? 403 : 400 })
}

export default function TriageRequest() {
  const page = useLoaderData<typeof loader>()
  return <StaffRequestPage {...page} refused={useActionData<typeof action>()} />
}
