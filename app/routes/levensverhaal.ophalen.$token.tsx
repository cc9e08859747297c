import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getPageTitle } from '~/i18n/meta.server'
import { requireClaimingSurvivor } from '~/life-stories/claim-guard.server'
import { claimLifeStory, inspectClaimLink } from '~/life-stories/own.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['lifeStories'] }
export const meta = titleMeta

// Signed out, the guard sends the person to sign in (or register) and back here.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireClaimingSurvivor(request, context)
  const status = await inspectClaimLink({ token: params.token ?? '' })
  return { status, title: await getPageTitle(request, 'claim.title', 'lifeStories') }
}

/** The POST uses the link (a mail scanner that opens links does not). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireClaimingSurvivor(request, context)
  const id = await claimLifeStory({ token: params.token ?? '', userId: ctx.user.id })
  if (id) return redirect(`/mijn-verhalen/levensverhaal/${id}?opgehaald=1`)
  return data({ status: 'invalid' as const }, { status: 400 })
}

export default function ClaimLifeStory() {
  const { t } = useTranslation('lifeStories')
  const loaderData = useLoaderData<typeof loader>()
  const status = useActionData<typeof action>()?.status ?? loaderData.status
  if (status !== 'ok') {
    return (
      <div className="page">
        <h1>{t('claim.invalidTitle')}</h1>
        <p>{t('claim.invalid')}</p>
      </div>
    )
  }
  return (
    <div className="page">
      <h1>{t('claim.title')}</h1>
      <p className="lead">{t('claim.lead')}</p>
      <p>{t('claim.private')}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="claim" />
        <button type="submit" className="button button--primary">
          {t('claim.submit')}
        </button>
      </Form>
    </div>
  )
}
