import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireStaff } from '~/auth/guards.server'
import { BarChart, chartLinks } from '~/components/charts'
import { DataTable } from '~/components/data-table'
import { getPageTitle } from '~/i18n/meta.server'
import { getTriageDashboard } from '~/triage/figures.server'
import { titleMeta } from '~/utils/meta'
import { PageHeading } from '~/components/layout/page-heading'

export const handle = { i18n: ['triage'] }
export const meta = titleMeta
export const links = chartLinks

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, 'triage.work')
  return { title: await getPageTitle(request, 'dashboard.title', 'triage'), dashboard: await getTriageDashboard() }
}

/** Overdue requests carry a text flag and a class, never colour alone. */
export default function TriageDashboard() {
  const { t } = useTranslation('triage')
  const { dashboard: d } = useLoaderData<typeof loader>()
  const hours = d.firstContact.medianHours
  const spread = (chart: 'firstContact' | 'toCare', rows: Array<{ bucket: string; count: number }>) => (
    <BarChart
      title={t(`charts.${chart}.title`)}
      description={t(`charts.${chart}.description`)}
      data={rows.map((r) => ({ key: r.bucket, label: t(`charts.${chart}.buckets.${r.bucket}`), value: r.count, display: String(r.count) }))}
      labelHeader={t(`charts.${chart}.bucket`)}
      valueHeader={t('charts.count')}
      empty={t('charts.none')}
    />
  )
  return (
    <div className="page page--wide">
      <PageHeading back={{ to: '/beheer/triage', label: t('dashboard.back') }} title={t('dashboard.title')} />
      <section aria-labelledby="first-contact-title">
        <h2 id="first-contact-title">{t('dashboard.firstContact.title')}</h2>
        <p data-testid="median-first-contact">
          {hours === null ? t('dashboard.firstContact.none') : t('dashboard.firstContact.median', { hours: Math.round(hours * 10) / 10, count: d.firstContact.count })}
        </p>
        <p>
          {d.firstContact.withinTargetShare === null
            ? t('dashboard.firstContact.noShare')
            : t('dashboard.firstContact.share', { percent: Math.round(d.firstContact.withinTargetShare * 100), count: d.firstContact.judged })}
        </p>
        {spread('firstContact', d.firstContact.spread)}
      </section>
      <section aria-labelledby="to-care-title">
        <h2 id="to-care-title">{t('dashboard.toCare.title')}</h2>
        <p>{d.toCare.medianDays === null ? t('dashboard.toCare.none') : t('dashboard.toCare.median', { days: Math.round(d.toCare.medianDays * 10) / 10, count: d.toCare.count })}</p>
        {spread('toCare', d.toCare.spread)}
      </section>
      <section aria-labelledby="age-title">
        <h2 id="age-title">{t('dashboard.age.title')}</h2>
        <BarChart
          title={t('dashboard.age.title')}
          description={t('charts.age.description')}
          data={d.openByAge.map((b) => ({ key: b.bucket, label: t(`dashboard.age.buckets.${b.bucket}`), value: b.count, display: String(b.count) }))}
          labelHeader={t('dashboard.age.bucket')}
          valueHeader={t('dashboard.age.count')}
          empty={t('charts.none')}
        />
        <p>{t('dashboard.unassigned', { count: d.unassigned })}</p>
      </section>
      <section aria-labelledby="load-title">
        <h2 id="load-title">{t('dashboard.load.title')}</h2>
        <DataTable
          caption={t('dashboard.load.title')}
          captionHidden
          rows={d.workers}
          rowKey={(w) => w.workerId}
          rowClassName={(w) => (w.overdue ? 'row--overdue' : undefined)}
          columns={[
            { key: 'worker', header: t('dashboard.load.worker'), cell: (w) => w.name, rowHeader: true },
            { key: 'open', header: t('dashboard.load.open'), cell: (w) => w.open },
            {
              key: 'overdue',
              header: t('dashboard.load.overdue'),
              cell: (w) => (w.overdue ? <span className="flag flag--overdue">{t('dashboard.load.overdueCount', { count: w.overdue })}</span> : 0),
            },
          ]}
          empty={t('dashboard.load.none')}
        />
      </section>
      <section aria-labelledby="overdue-title">
        <h2 id="overdue-title">{t('dashboard.overdue.title')}</h2>
        {d.overdue.length ? (
          <ul>
            {d.overdue.map((o) => (
              <li key={o.id} className="row--overdue">
                <span className="flag flag--overdue">{t(`dashboard.overdue.${o.reason}`)}</span> <Link to={`/beheer/triage/${o.id}`}>{t('dashboard.overdue.open')}</Link>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('dashboard.overdue.none')}</p>
        )}
      </section>
    </div>
  )
}
