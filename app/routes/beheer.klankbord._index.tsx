import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DataTable } from '~/components/data-table'
import { listChaptersForBoard } from '~/documentary/review.server'
import { requireBoardMember } from '~/documentary/staff.server'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['documentary'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireBoardMember(request, context)
  const chapters = await listChaptersForBoard()
  return { chapters: chapters.map((c) => ({ ...c, updatedAt: c.updatedAt.toISOString() })), title: await getPageTitle(request, 'staff.board.title', 'documentary') }
}

/** The sounding board's list: chapters waiting for review, and those back with the curator. */
export default function BoardList() {
  const { t } = useTranslation('documentary')
  const { chapters } = useLoaderData<typeof loader>()
  return (
    <div className="page page--wide">
      <h1>{t('staff.board.title')}</h1>
      <p className="lead">{t('staff.board.lead')}</p>
      <DataTable
        caption={t('staff.board.title')}
        captionHidden
        rows={chapters}
        rowKey={(c) => c.id}
        columns={[
          { key: 'title', header: t('staff.home.chapters.columns.title'), rowHeader: true, cell: (c) => <Link to={`/beheer/klankbord/${c.id}`}>{c.title}</Link> },
          { key: 'state', header: t('staff.home.chapters.columns.state'), cell: (c) => t(`staff.states.${c.state}`) },
          { key: 'version', header: t('staff.home.chapters.columns.version'), cell: (c) => c.version },
        ]}
        empty={t('staff.board.empty')}
      />
    </div>
  )
}
