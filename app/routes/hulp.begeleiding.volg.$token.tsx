import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { fallbackLng, isLng } from '~/i18n/config'
import { i18next } from '~/i18n/i18next.server'
import { getPageTitle } from '~/i18n/meta.server'
import { getRequestByGuestToken } from '~/triage/ask-guidance.server'
import { getSurvivorView } from '~/triage/survivor-view.server'
import { answerSurvivorAction } from '~/triage/survivor-actions.server'
import { SurvivorRequestPage } from '~/triage/survivor-request-view'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['triage', 'facets', 'consent', 'validation'] }
export const meta = titleMeta

// The token in the address is the only key to this page: never send it to another site (same-origin,
// as everywhere: no-referrer would make the browser send Origin: null on this page's own forms), never cache it.
export const headers: HeadersFunction = () => ({ 'Referrer-Policy': 'same-origin', 'Cache-Control': 'no-store' })

async function requestOf(token: string | undefined) {
  const found = token ? await getRequestByGuestToken({ token }) : null
  if (!found) throw new Response('Not found', { status: 404 })
  return found
}

async function localeOf(request: Request) {
  const lng = await i18next.getLocale(request)
  return isLng(lng) ? lng : fallbackLng
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const helpRequest = await requestOf(params.token)
  return {
    title: await getPageTitle(request, 'track.title', 'triage'),
    view: await getSurvivorView({ request: helpRequest }),
    done: new URL(request.url).searchParams.get('klaar'),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const helpRequest = await requestOf(params.token)
  return answerSurvivorAction({ request: helpRequest, formData: await request.formData(), locale: await localeOf(request), page: `/hulp/begeleiding/volg/${params.token}` })
}

export default function GuestTracking() {
  const { t } = useTranslation('triage')
  const { view, done } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return <SurvivorRequestPage title={t('track.title')} lead={t('track.lead')} view={view} done={done} messageError={actionData?.messageError} />
}
