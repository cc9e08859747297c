import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DataTable } from '~/components/data-table'
import { formatDate } from '~/utils/format-date'

type Row = { key: string; storyId: string; storyTitle: string; projectTitle: string; organisation: string; purpose: string; exportedAt: string }

/** The survivor's list of research exports that held one of their stories, each with a way to change the consent. */
export function SurvivorResearchView({ rows }: { rows: Row[] }) {
  const { t, i18n } = useTranslation('research')
  return (
    <div className="page page--wide">
      <h1>{t('survivor.title')}</h1>
      <p className="lead">{t('survivor.lead')}</p>
      <DataTable
        caption={t('survivor.title')}
        captionHidden
        rows={rows}
        rowKey={(r) => r.key}
        empty={t('survivor.empty')}
        columns={[
          { key: 'project', header: t('survivor.project'), cell: (r) => r.projectTitle, rowHeader: true },
          { key: 'organisation', header: t('survivor.organisation'), cell: (r) => r.organisation },
          { key: 'purpose', header: t('survivor.purpose'), cell: (r) => r.purpose },
          { key: 'date', header: t('survivor.date'), cell: (r) => formatDate(r.exportedAt, i18n.language) },
          {
            key: 'story',
            header: t('survivor.story'),
            cell: (r) => (
              <>
                {r.storyTitle}
                <br />
                <Link to={`/mijn-verhalen/${r.storyId}?stap=toestemming#consent-monument-research`}>{t('survivor.change')}</Link>
              </>
            ),
          },
        ]}
      />
      <p>
        <Link to="/mijn-verhalen">{t('survivor.back')}</Link>
      </p>
    </div>
  )
}
