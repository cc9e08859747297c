import { useTranslation } from 'react-i18next'
import { CONSENT_PURPOSES, isConsentPurpose } from '~/consent/texts'
import { formatDateTime } from '~/utils/format-date'

export type ConsentHistoryRow = { id: string | number; at: string | Date; purpose: string; action: string; channel: string; textVersion: string }

/** Every consent given or withdrawn, with the exact text version shown then (account page, story editor). */
export function ConsentHistoryTable({ history, caption }: { history: ConsentHistoryRow[]; caption: string }) {
  const { t, i18n } = useTranslation('consent')
  const when = (d: string | Date) => formatDateTime(d, i18n.language)
  if (history.length === 0) return <p>{t('consent:history.empty')}</p>
  return (
    <table className="data">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('consent:history.columns.date')}</th>
          <th scope="col">{t('consent:history.columns.purpose')}</th>
          <th scope="col">{t('consent:history.columns.action')}</th>
          <th scope="col">{t('consent:history.columns.channel')}</th>
          <th scope="col">{t('consent:history.columns.textVersion')}</th>
        </tr>
      </thead>
      <tbody>
        {history.map((e) => (
          <tr key={e.id}>
            <td>{when(e.at)}</td>
            <td>{isConsentPurpose(e.purpose) ? t(`${CONSENT_PURPOSES[e.purpose].i18nKey}.label`) : e.purpose}</td>
            <td>{t(`consent:history.action.${e.action}`)}</td>
            <td>{t(`consent:history.channel.${e.channel}`)}</td>
            <td>{e.textVersion}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
