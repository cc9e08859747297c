import { useTranslation } from 'react-i18next'
import { DataTable } from '~/components/data-table'
import type { DecisionTimeFigures } from '~/scheme/for-assessment-figures.server'

/** The fast-track figures under the queue: is the fast track really faster? (ADR 0032) */
export function QueueFigures({ figures }: { figures: DecisionTimeFigures[] }) {
  const { t, i18n } = useTranslation('assessment')
  const number = (v: number | null) => (v === null ? t('queueFigures.none') : t('queueFigures.days', { count: v, formatted: v.toLocaleString(i18n.language) }))
  return (
    <section aria-labelledby="queue-figures">
      <h2 id="queue-figures">{t('queueFigures.title')}</h2>
      <p>{t('queueFigures.lead')}</p>
      <DataTable
        caption={t('queueFigures.caption')}
        captionHidden
        rows={figures}
        rowKey={(r) => String(r.fastTrack)}
        columns={[
          { key: 'group', header: t('queueFigures.group'), rowHeader: true, cell: (r) => t(r.fastTrack ? 'queueFigures.fastTrack' : 'queueFigures.other') },
          { key: 'decided', header: t('queueFigures.decided'), cell: (r) => r.decided },
          { key: 'median', header: t('queueFigures.medianDaysToDecision'), cell: (r) => number(r.medianDaysToDecision) },
          { key: 'waiting', header: t('queueFigures.waiting'), cell: (r) => r.waiting },
          { key: 'waitingMedian', header: t('queueFigures.medianDaysWaiting'), cell: (r) => number(r.medianDaysWaiting) },
        ]}
      />
    </section>
  )
}
