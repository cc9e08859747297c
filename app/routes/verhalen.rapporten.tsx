import type { HeadersFunction, LoaderFunctionArgs } from '@remix-run/node'
import { useTranslation } from 'react-i18next'
import { readingTitle } from '~/i18n/fixed-translator.server'
import { titleMeta } from '~/utils/meta'
import { PageHeading } from '~/components/layout/page-heading'

export const handle = { i18n: ['reading'] }
export const meta = titleMeta

export const headers: HeadersFunction = () => ({ 'Cache-Control': 'public, max-age=0, must-revalidate', Vary: 'Accept-Language, Cookie' })

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: await readingTitle(request, 'reports.title', 'reading') }
}

const SUB_REPORTS = ['fosterCare', 'residential', 'disability', 'mentalHealth', 'blindDeaf', 'judicial', 'unaccompanied'] as const

/**
 * The commission's reports. Named without links where we are not certain of an official
 * address: a wrong link on this page would send survivors to the wrong document.
 */
export default function CommissionReports() {
  const { t } = useTranslation('reading')
  return (
    <div className="page">
      <PageHeading back={{ to: '/verhalen', label: t('story.back') }} title={t('reports.title')} lead={t('reports.lead')} />

      <section aria-labelledby="main-report">
        <h2 id="main-report">{t('reports.main.title')}</h2>
        <p className="muted">{t('reports.main.meta')}</p>
        <p>{t('reports.main.text')}</p>
        <p>{t('reports.main.findings')}</p>
      </section>

      <section aria-labelledby="sub-reports">
        <h2 id="sub-reports">{t('reports.sub.title')}</h2>
        <p>{t('reports.sub.lead')}</p>
        <ul>
          {SUB_REPORTS.map((key) => (
            <li key={key}>{t(`reports.sub.items.${key}`)}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="follow-up">
        <h2 id="follow-up">{t('reports.followUp.title')}</h2>
        <p>{t('reports.followUp.text')}</p>
        <p>{t('reports.followUp.letter')}</p>
      </section>

      <p className="muted">{t('reports.where')}</p>
    </div>
  )
}
