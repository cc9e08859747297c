import { useTranslation } from 'react-i18next'
import { CONSENT_PURPOSES, isConsentPurpose } from '~/consent/texts'
import { formatDateTime } from '~/utils/format-date'
import { DataTable } from './data-table'

export type ConsentHistoryRow = { id: string | number; at: string | Date; purpose: string; action: string; channel: string; textVersion: string }

/** Every consent given or withdrawn, with the exact text version shown then (account page, story editor). */
export function ConsentHistoryTable({ history, caption }: { history: ConsentHistoryRow[]; caption: string }) {
  const { t, i18n } = useTranslation('consent')
  const when = (d: string | Date) => formatDateTime(d, i18n.language)
  return (
    <DataTable
      caption={caption}
      captionHidden
      rows={history}
      rowKey={(e) => e.id}
      empty={t('consent:history.empty')}
      columns={[
        { key: 'date', header: t('consent:history.columns.date'), cell: (e) => when(e.at) },
        {
          key: 'purpose',
          header: t('consent:history.columns.purpose'),
          cell: (e) => (isConsentPurpose(e.purpose) ? t(`${CONSENT_PURPOSES[e.purpose].i18nKey}.label`) : e.purpose),
        },
        { key: 'action', header: t('consent:history.columns.action'), cell: (e) => t(`consent:history.action.${e.action}`) },
        { key: 'channel', header: t('consent:history.columns.channel'), cell: (e) => t(`consent:history.channel.${e.channel}`) },
        { key: 'textVersion', header: t('consent:history.columns.textVersion'), cell: (e) => e.textVersion },
      ]}
    />
  )
}
