import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BarChart, chartLinks, type ChartDatum } from '~/components/charts'
import { PageHeading } from '~/components/layout/page-heading'
import { getPageTitle } from '~/i18n/meta.server'
import { getSectorFigures } from '~/monument/for-figures.server'
import type { PublishedCount } from '~/monument/figure-suppression'
import { publicPageHeaders } from '~/utils/public-page'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['reading', 'facets'] }
export const meta = titleMeta
export const links = chartLinks
export const headers = publicPageHeaders

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: await getPageTitle(request, 'sectorFigures.title', 'reading'), figures: await getSectorFigures() }
}

const DIMENSIONS = [
  { key: 'decades', facet: 'decades' },
  { key: 'settings', facet: 'settings' },
  { key: 'regions', facet: 'regions' },
] as const

/** Monument sector figures for peer organisations: counts only, groups under five shown as "< 5". */
export default function SectorFigures() {
  const { t } = useTranslation('reading')
  const { figures } = useLoaderData<typeof loader>()
  const toData = (rows: PublishedCount[], facet: string): ChartDatum[] =>
    rows.map((r) => ({ key: r.key, label: r.key === 'unknown' ? t('sectorFigures.unknown') : t(`facets:${facet}.${r.key}`), value: r.count, display: r.display }))
  return (
    <div className="page page--wide">
      <PageHeading back={{ to: '/verhalen', label: t('sectorFigures.back') }} title={t('sectorFigures.title')} />
      <p className="lead">{t('sectorFigures.lead')}</p>
      <p>{t('sectorFigures.total', { total: figures.total.display })}</p>
      <p>{t('sectorFigures.suppression')}</p>
      {DIMENSIONS.map((d) => (
        <section key={d.key} aria-labelledby={`figures-${d.key}`}>
          <h2 id={`figures-${d.key}`}>{t(`sectorFigures.by.${d.key}.title`)}</h2>
          <BarChart
            title={t(`sectorFigures.by.${d.key}.title`)}
            description={t(`sectorFigures.by.${d.key}.description`)}
            data={toData(figures[d.key], d.facet)}
            labelHeader={t(`sectorFigures.by.${d.key}.column`)}
            valueHeader={t('sectorFigures.count')}
            empty={t('sectorFigures.none')}
          />
        </section>
      ))}
      <p className="muted">{t('sectorFigures.multiple')}</p>
    </div>
  )
}
