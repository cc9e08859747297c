import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireSurvivor } from '~/auth/guards.server'
import { getPageTitle } from '~/i18n/meta.server'
import { listOwnRequests } from '~/triage/ask-guidance.server'
import { titleMeta } from '~/utils/meta'
import { intlLocale } from '~/i18n/config'

export const handle = { i18n: ['triage', 'facets'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const requests = await listOwnRequests({ userId: ctx.user.id })
  return {
    title: await getPageTitle(request, 'mine.title', 'triage'),
    requests: requests.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
  }
}

export default function MyHelp() {
  const { t, i18n } = useTranslation('triage')
  const { requests } = useLoaderData<typeof loader>()
  const date = (iso: string) => new Intl.DateTimeFormat(intlLocale(i18n.language), { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(new Date(iso))
  return (
    <div className="page">
      <h1>{t('mine.title')}</h1>
      <p className="lead">{t('mine.lead')}</p>
      {requests.length ? (
        <ul>
          {requests.map((r) => (
            <li key={r.id}>
              <Link to={`/mijn-hulp/${r.id}`}>{t('mine.requestLink', { date: date(r.createdAt) })}</Link>{' – '}{t(`status.${r.status}.short`)}
              <br />
              <span className="muted">{r.needs.map((n) => t(`facets:needs.${n}`)).join(', ')}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('mine.none')}</p>
      )}
      <p>
        <Link to="/hulp/begeleiding" className="button button--primary">
          {t('mine.ask')}
        </Link>
      </p>
    </div>
  )
}
