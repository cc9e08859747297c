import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireStaff } from '~/auth/guards.server'
import { BarChart, chartLinks, LineChart } from '~/components/charts'
import { getPageTitle } from '~/i18n/meta.server'
import { getAnonymisedFigures } from '~/triage/figures.server'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['triage', 'facets'] }
export const meta = titleMeta
export const links = chartLinks

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
      {DIMENSIONS.map((dimension) => {
        const Chart = dimension === 'month' ? LineChart : BarChart
        return (
          <section key={dimension} aria-labelledby={`fig-${dimension}`}>
            <h2 id={`fig-${dimension}`}>{t(`figures.by.${dimension}`)}</h2>
            <Chart
              title={t(`figures.by.${dimension}`)}
              description={t(`charts.figures.${dimension}`)}
              // A suppressed count ("<5") is drawn as such, never as a number.
              data={figures.rows
                .filter((r) => r.dimension === dimension)
                .map((r) => ({ key: r.value, label: label(dimension, r.value), value: /^\d+$/.test(r.count) ? Number(r.count) : null, display: r.count }))}
              labelHeader={t(`figures.columns.${dimension}`)}
              valueHeader={t('figures.columns.count')}
              empty={t('charts.none')}
            />
          </section>
        )
      })}
    </div>
  )
}
