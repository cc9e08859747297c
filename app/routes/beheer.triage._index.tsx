import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireStaff } from '~/auth/guards.server'
import { StatusMessage } from '~/components/forms'
import { getPageTitle } from '~/i18n/meta.server'
import { listQueue } from '~/triage/staff-view.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['triage', 'facets'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context, 'triage.work')
  return {
    title: await getPageTitle(request, 'queue.title', 'triage'),
    rows: await listQueue({ worker: ctx.user, ip: clientIp(context) }),
    done: new URL(request.url).searchParams.get('klaar'),
  }
}

function ageInDays(iso: string) {
  return Math.floor((Date.now() - new Date(iso).getTime()) / (24 * 60 * 60 * 1000))
}

/** Minimal details only (needs, age, language): contact details open for the contact person alone. */
export default function TriageQueue() {
  const { t } = useTranslation('triage')
  const { rows, done } = useLoaderData<typeof loader>()
  return (
    <div className="page page--wide">
      <h1>{t('queue.title')}</h1>
      <p className="lead">{t('queue.lead')}</p>
      {done ? <StatusMessage>{t(`queue.done.${done}`)}</StatusMessage> : null}
      <p>
        <Link to="/beheer/triage/dashboard">{t('queue.dashboardLink')}</Link>
      </p>
      {rows.length ? (
        <table className="data">
          <caption className="visually-hidden">{t('queue.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('queue.columns.age')}</th>
              <th scope="col">{t('queue.columns.needs')}</th>
              <th scope="col">{t('queue.columns.language')}</th>
              <th scope="col">{t('queue.columns.status')}</th>
              <th scope="col">{t('queue.columns.contact')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={r.overdueFirstContact || (r.mine && r.followUpDue) ? 'row--overdue' : undefined}>
                <td>
                  <Link to={`/beheer/triage/${r.id}`}>{t('queue.age', { count: ageInDays(r.createdAt) })}</Link>
                  {r.overdueFirstContact ? <span className="flag flag--overdue">{t('queue.overdue')}</span> : null}
                  {r.mine && r.followUpDue ? <span className="flag flag--due">{t('queue.followUpDue')}</span> : null}
                </td>
                <td>{r.needs.map((n) => t(`facets:needs.${n}`)).join(', ')}</td>
                <td>{t(`facets:languages.${r.language}`)}</td>
                <td>{t(`status.${r.status}.short`)}</td>
                <td>{r.mine ? t('queue.mine') : r.taken ? t('queue.taken') : t('queue.free')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('queue.empty')}</p>
      )}
    </div>
  )
}
