import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireStaff } from '~/auth/guards.server'
import { DataTable } from '~/components/data-table'
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
      <p>
        <Link to="/beheer/triage/registreren">{t('phoneRequest.link')}</Link>
      </p>
      <DataTable
        caption={t('queue.title')}
        captionHidden
        rows={rows}
        rowKey={(r) => r.id}
        rowClassName={(r) => (r.overdueFirstContact || (r.mine && r.followUpDue) ? 'row--overdue' : undefined)}
        columns={[
          {
            key: 'age',
            header: t('queue.columns.age'),
            cell: (r) => (
              <>
                <Link to={`/beheer/triage/${r.id}`}>{t('queue.age', { count: ageInDays(r.createdAt) })}</Link>
                {r.overdueFirstContact ? <span className="flag flag--overdue">{t('queue.overdue')}</span> : null}
                {r.mine && r.followUpDue ? <span className="flag flag--due">{t('queue.followUpDue')}</span> : null}
              </>
            ),
          },
          { key: 'needs', header: t('queue.columns.needs'), cell: (r) => r.needs.map((n) => t(`facets:needs.${n}`)).join(', ') },
          { key: 'language', header: t('queue.columns.language'), cell: (r) => t(`facets:languages.${r.language}`) },
          { key: 'status', header: t('queue.columns.status'), cell: (r) => t(`status.${r.status}.short`) },
          { key: 'contact', header: t('queue.columns.contact'), cell: (r) => (r.mine ? t('queue.mine') : r.taken ? t('queue.taken') : t('queue.free')) },
        ]}
        empty={t('queue.empty')}
      />
    </div>
  )
}
