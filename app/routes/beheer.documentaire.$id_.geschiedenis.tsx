import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DataTable } from '~/components/data-table'
import { loadChapterHistory, requireCurator } from '~/documentary/staff.server'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['documentary'] }
export const meta = titleMeta

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireCurator(request, context)
  const history = await loadChapterHistory({ chapterId: params.id ?? '' })
  if (!history) throw new Response('Not found', { status: 404 })
  return { ...history, title: await getPageTitle(request, 'staff.history.title', 'documentary') }
}

/** Every step of a chapter: composed, submitted, commented, approved, published, blocks hidden by a withdrawal. */
export default function ChapterHistory() {
  const { t, i18n } = useTranslation('documentary')
  const { chapter, events } = useLoaderData<typeof loader>()
  return (
    <div className="page page--wide">
      <p>
        <Link to={`/beheer/documentaire/${chapter.id}`}>{t('staff.history.back')}</Link>
      </p>
      <h1>{t('staff.history.heading', { title: chapter.title })}</h1>
      <DataTable
        caption={t('staff.history.title')}
        captionHidden
        rows={events}
        rowKey={(e) => e.id}
        columns={[
          { key: 'at', header: t('staff.history.columns.at'), cell: (e) => new Date(e.at).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }) },
          { key: 'kind', header: t('staff.history.columns.kind'), cell: (e) => t(`staff.events.${e.kind}`, { defaultValue: e.kind }) + (e.reason ? ` (${t(`staff.hidden.${e.reason}`)})` : '') },
          { key: 'version', header: t('staff.history.columns.version'), cell: (e) => e.version },
        ]}
        empty={t('staff.history.empty')}
      />
    </div>
  )
}
