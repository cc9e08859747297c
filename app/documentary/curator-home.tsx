import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DataTable } from '~/components/data-table'

type Home = {
  figures: { byState: Record<string, number>; unusedConsentedStories: number; removedLast30Days: number }
  chapters: Array<{ id: string; title: string; state: string; version: number; updatedAt: string }>
  notices: Array<{ id: string; chapterId: string; chapterTitle: string; reason: string; at: string }>
}

/** The curator's home: the figures, every chapter with its state, and notices of blocks that stopped showing. */
export function CuratorHome({ figures, chapters, notices }: Home) {
  const { t, i18n } = useTranslation('documentary')
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language, { dateStyle: 'medium' })
  return (
    <>
      <section aria-labelledby="figures-title">
        <h2 id="figures-title">{t('staff.home.figures.title')}</h2>
        <dl className="summary-list">
          {Object.entries(figures.byState).map(([state, n]) => (
            <div key={state}>
              <dt>{t(`staff.states.${state}`)}</dt>
              <dd>{n}</dd>
            </div>
          ))}
          <dt>{t('staff.home.figures.unused')}</dt>
          <dd>{figures.unusedConsentedStories}</dd>
          <dt>{t('staff.home.figures.removed')}</dt>
          <dd>{figures.removedLast30Days}</dd>
        </dl>
      </section>
      <section aria-labelledby="notices-title">
        <h2 id="notices-title">{t('staff.home.notices.title')}</h2>
        {notices.length === 0 ? (
          <p>{t('staff.home.notices.none')}</p>
        ) : (
          <ul>
            {notices.map((n) => (
              <li key={n.id}>
                <Link to={`/beheer/documentaire/${n.chapterId}`}>{n.chapterTitle}</Link>
                {': '}
                {t('staff.home.notices.line', { reason: t(`staff.hidden.${n.reason}`), date: date(n.at) })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="chapters-title">
        <h2 id="chapters-title">{t('staff.home.chapters.title')}</h2>
        <DataTable
          caption={t('staff.home.chapters.title')}
          captionHidden
          rows={chapters}
          rowKey={(c) => c.id}
          columns={[
            { key: 'title', header: t('staff.home.chapters.columns.title'), rowHeader: true, cell: (c) => <Link to={`/beheer/documentaire/${c.id}`}>{c.title}</Link> },
            { key: 'state', header: t('staff.home.chapters.columns.state'), cell: (c) => t(`staff.states.${c.state}`) },
            { key: 'version', header: t('staff.home.chapters.columns.version'), cell: (c) => c.version },
            { key: 'updated', header: t('staff.home.chapters.columns.updated'), cell: (c) => date(c.updatedAt) },
          ]}
          empty={t('staff.home.chapters.empty')}
        />
      </section>
    </>
  )
}
