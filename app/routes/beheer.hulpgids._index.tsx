import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireStaff } from '~/auth/guards.server'
import { DataTable } from '~/components/data-table'
import { StatusMessage } from '~/components/forms'
import { getPageTitle } from '~/i18n/meta.server'
import { listEntriesForStaff } from '~/referrals/directory-admin.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['triage', 'referrals'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, 'directory.edit')
  return {
    title: await getPageTitle(request, 'directory.title', 'triage'),
    entries: await listEntriesForStaff(),
    done: new URL(request.url).searchParams.get('klaar'),
  }
}

/** Oldest check first; entries not checked for six months carry a text flag. */
export default function DirectoryUpkeep() {
  const { t } = useTranslation('triage')
  const { entries, done } = useLoaderData<typeof loader>()
  const stale = entries.filter((e) => e.stale).length
  return (
    <div className="page page--wide">
      <h1>{t('directory.title')}</h1>
      <p className="lead">{t('directory.lead')}</p>
      {done ? <StatusMessage>{t(`directory.done.${done}`)}</StatusMessage> : null}
      <p>{t('directory.staleCount', { count: stale })}</p>
      <DataTable
        caption={t('directory.title')}
        captionHidden
        rows={entries}
        rowKey={(e) => e.id}
        rowClassName={(e) => (e.stale ? 'row--overdue' : undefined)}
        columns={[
          { key: 'name', header: t('directory.columns.name'), cell: (e) => <Link to={`/beheer/hulpgids/${e.id}`}>{e.name}</Link>, rowHeader: true },
          { key: 'kind', header: t('directory.columns.kind'), cell: (e) => t(`referrals:kinds.${e.kind}`) },
          {
            key: 'checked',
            header: t('directory.columns.checked'),
            cell: (e) => (
              <>
                {e.lastCheckedAt} {e.stale ? <span className="flag flag--overdue">{t('directory.stale')}</span> : null}
              </>
            ),
          },
          { key: 'published', header: t('directory.columns.published'), cell: (e) => (e.published ? t('directory.yes') : t('directory.no')) },
        ]}
      />
    </div>
  )
}
