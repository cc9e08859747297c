import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DataTable } from '~/components/data-table'
import { getPageTitle } from '~/i18n/meta.server'
import { listLifeStoriesForStaff } from '~/life-stories/staff.server'
import { formatDate } from '~/life-stories/format'
import { requireLifeStoryStaff } from '~/life-stories/staff-guard.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['lifeStories'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireLifeStoryStaff(request, context)
  return { as: viewer.as, title: await getPageTitle(request, 'staff.title', 'lifeStories'), rows: await listLifeStoriesForStaff({ viewer }) }
}

/** Reference, source, dates and state only: no title or text in the list. */
export default function LifeStoriesList() {
  const { t, i18n } = useTranslation('lifeStories')
  const { rows, as } = useLoaderData<typeof loader>()
  return (
    <div className="page page--wide">
      <h1>{t('staff.title')}</h1>
      <p className="lead">{as === 'interviewer' ? t('interview.listLead') : t('staff.lead')}</p>
      <p>
        <Link to="/beheer/levensverhalen/nieuw" className="button button--primary">
          {as === 'interviewer' ? t('interview.title') : t('staff.new')}
        </Link>
      </p>
      <DataTable
        caption={t('staff.title')}
        captionHidden
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { key: 'reference', header: t('staff.columns.reference'), cell: (r) => <Link to={`/beheer/levensverhalen/${r.id}`}>{r.reference}</Link> },
          { key: 'source', header: t('staff.columns.source'), cell: (r) => t(`sources.${r.source}`) },
          { key: 'recordedOn', header: t('staff.columns.recordedOn'), cell: (r) => formatDate(r.recordedOn, i18n.language) },
          { key: 'registeredAt', header: t('staff.columns.registeredAt'), cell: (r) => formatDate(r.registeredAt, i18n.language) },
          { key: 'state', header: t('staff.columns.state'), cell: (r) => t(`states.${r.state}`) },
        ]}
        empty={t('staff.empty')}
      />
    </div>
  )
}
