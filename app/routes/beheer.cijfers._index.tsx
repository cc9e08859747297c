import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireStaff } from '~/auth/guards.server'
import { DataTable } from '~/components/data-table'
import { getPageTitle } from '~/i18n/meta.server'
import { getAnonymisedFigures } from '~/triage/figures.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['triage', 'facets'] }
export const meta = titleMeta

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, 'figures.export')
  return { title: await getPageTitle(request, 'figures.title', 'triage'), figures: await getAnonymisedFigures() }
}

const DIMENSIONS = ['need', 'setting', 'region', 'month'] as const
const FACET_GROUP = { need: 'needs', setting: 'settings', region: 'regions' } as const

/** Only counts, never people: groups of fewer than five are shown as "<5". */
export default function Figures() {
  const { t } = useTranslation('triage')
  const { figures } = useLoaderData<typeof loader>()
  const label = (dimension: (typeof DIMENSIONS)[number], value: string) =>
    dimension === 'month' ? value : value === 'unknown' ? t('figures.unknown') : t(`facets:${FACET_GROUP[dimension]}.${value}`)
  return (
    <div className="page page--wide">
      <h1>{t('figures.title')}</h1>
      <p className="lead">{t('figures.lead')}</p>
      <p>{t('figures.total', { total: figures.total })}</p>
      <p>{figures.medianDaysToCare === null ? t('figures.medianSuppressed') : t('figures.median', { days: figures.medianDaysToCare })}</p>
      <p>
        {/* A plain link: the download is a GET that the server logs. */}
        <a href="/beheer/cijfers/csv" className="button" download>
          {t('figures.download')}
        </a>
      </p>
      {DIMENSIONS.map((dimension) => (
        <section key={dimension} aria-labelledby={`fig-${dimension}`}>
          <h2 id={`fig-${dimension}`}>{t(`figures.by.${dimension}`)}</h2>
          <DataTable
            caption={t(`figures.by.${dimension}`)}
            captionHidden
            rows={figures.rows.filter((r) => r.dimension === dimension)}
            rowKey={(r) => r.value}
            columns={[
              { key: 'value', header: t(`figures.columns.${dimension}`), cell: (r) => label(dimension, r.value), rowHeader: true },
              { key: 'count', header: t('figures.columns.count'), cell: (r) => r.count },
            ]}
          />
        </section>
      ))}
    </div>
  )
}
