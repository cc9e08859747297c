import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireStaff } from '~/auth/guards.server'
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
      <table className="data">
        <caption className="visually-hidden">{t('directory.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('directory.columns.name')}</th>
            <th scope="col">{t('directory.columns.kind')}</th>
            <th scope="col">{t('directory.columns.checked')}</th>
            <th scope="col">{t('directory.columns.published')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} className={e.stale ? 'row--overdue' : undefined}>
              <th scope="row">
                <Link to={`/beheer/hulpgids/${e.id}`}>{e.name}</Link>
              </th>
              <td>{t(`referrals:kinds.${e.kind}`)}</td>
              <td>
                {e.lastCheckedAt} {e.stale ? <span className="flag flag--overdue">{t('directory.stale')}</span> : null}
              </td>
              <td>{e.published ? t('directory.yes') : t('directory.no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
