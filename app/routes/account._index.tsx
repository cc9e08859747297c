import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { loadAccountOverview } from '~/auth/account-data.server'
import { AccessesSection, MineNav, ProfileSection, SessionsSection } from '~/auth/account-overview'
import { updatePreferences } from '~/auth/account-settings.server'
import { requireSession } from '~/auth/guards.server'
import { PreferencesSchema } from '~/auth/schemas'
import { endAllSessions } from '~/auth/session.server'
import { ConsentHistoryTable } from '~/components/consent-history'
import { StatusMessage } from '~/components/forms'
import { languageCookie } from '~/i18n/i18next.server'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['account', 'consent', 'validation'] }
export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireSession(request)
  const url = new URL(request.url)
  return { ...(await loadAccountOverview(ctx)), isSurvivor: ctx.user.roles.includes('survivor'), saved: url.searchParams.get('opgeslagen'), title: await getPageTitle(request, 'overview.title', 'account') }
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireSession(request)
  const formData = await request.formData()
  const intent = formData.get('intent')
  if (intent === 'signOutOthers') {
    await endAllSessions({ userId: ctx.user.id, exceptTokenHash: ctx.tokenHash })
    return redirect('/account?opgeslagen=sessions')
  }
  const submission = parseWithZod(formData, { schema: PreferencesSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  await updatePreferences({ userId: ctx.user.id, ...submission.value })
  return redirect('/account?opgeslagen=preferences', { headers: { 'Set-Cookie': await languageCookie.serialize(submission.value.locale) } })
}

export default function Account() {
  const { t } = useTranslation(['account', 'consent'])
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="page">
      <h1>{t('overview.title')}</h1>
      <p className="lead">{t('overview.lead', { name: data.user.displayName })}</p>
      {data.saved ? <StatusMessage>{t(`overview.saved.${data.saved === 'sessions' ? 'sessions' : 'preferences'}`)}</StatusMessage> : null}
      {data.isSurvivor ? <MineNav /> : null}
      <ProfileSection user={data.user} result={actionData?.result} />

      <section aria-labelledby="security-title">
        <h2 id="security-title">{t('overview.securityTitle')}</h2>
        <ul>
          <li>{data.factors.totp ? t('overview.totpOn') : t('overview.totpOff')}</li>
          <li>{t('overview.passkeys', { count: data.factors.passkeys })}</li>
        </ul>
        <p>
          <Link to="/account/beveiliging">{t('overview.manageSecurity')}</Link>
        </p>
      </section>

      <SessionsSection sessions={data.sessions} />
      <AccessesSection accesses={data.accesses} />

      <section aria-labelledby="consent-title">
        <h2 id="consent-title">{t('overview.consentTitle')}</h2>
        <p>{t('consent:history.intro')}</p>
        <ConsentHistoryTable history={data.consentHistory} caption={t('overview.consentTitle')} />
      </section>

      <section aria-labelledby="data-title">
        <h2 id="data-title">{t('overview.dataTitle')}</h2>
        <p>{t('overview.dataIntro')}</p>
        <Form method="post" action="/account/gegevens" reloadDocument>
          <button type="submit" className="button">
            {t('overview.download')}
          </button>
        </Form>
        <p>
          <Link to="/account/verwijderen">{t('overview.delete')}</Link>
        </p>
      </section>
    </div>
  )
}
