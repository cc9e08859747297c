import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireStaff } from '~/auth/guards.server'
import { DataTable } from '~/components/data-table'
import { getPageTitle } from '~/i18n/meta.server'
import { listModerationQueue } from '~/moderation/review-queue.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'
import { formatDate } from '~/utils/format-date'
import { PageHeading } from '~/components/layout/page-heading'

export const handle = { i18n: ['moderation'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context, 'stories.moderate')
  const queue = await listModerationQueue({ actor: { id: ctx.user.id, roles: [...ctx.user.roles] }, ip: clientIp(context) })
  return { queue, now: new Date().toISOString(), title: await getPageTitle(request, 'queue.title', 'moderation') }
}

export default function ModerationQueue() {
  const { t, i18n } = useTranslation('moderation')
  const { queue, now } = useLoaderData<typeof loader>()
  return (
    <div className="page page--wide">
      <PageHeading back={{ to: '/beheer', label: t('common.backToStaff') }} title={t('queue.title')} lead={t('queue.lead')} />
      {queue.length === 0 ? (
        <p>{t('queue.empty')}</p>
      ) : (
        <DataTable
          caption={t('queue.caption', { count: queue.length })}
          rows={queue}
          rowKey={(item) => item.id}
          columns={[
            { key: 'story', header: t('queue.story'), cell: (item) => <Link to={`/beheer/verhalen/${item.id}`}>{item.title.trim() || t('queue.untitled')}</Link> },
            { key: 'status', header: t('queue.status'), cell: (item) => t(`status.${item.status}`) },
            {
              key: 'waiting',
              header: t('queue.waiting'),
              cell: (item) => (
                <>
                  {t('queue.age', { count: Math.floor((Date.parse(now) - Date.parse(item.waitingSince)) / 86_400_000) })}{' '}
                  <span className="muted">{formatDate(item.waitingSince, i18n.language)}</span>
                </>
              ),
            },
          ]}
        />
      )}
    </div>
  )
}
