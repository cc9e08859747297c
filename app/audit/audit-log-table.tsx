import { useTranslation } from 'react-i18next'
import { DataTable } from '~/components/data-table'
import { formatDateTime } from '~/utils/format-date'
import type { AuditSearchRow } from './audit.server'

// As the loader sends it: the date arrives as a string after serialisation.
type AuditLogRow = Omit<AuditSearchRow, 'occurredAt' | 'originHash'> & { occurredAt: string | Date }

/** One page of the access log; ids are shortened, never names (the log holds no personal data). */
export function AuditLogTable({ rows }: { rows: readonly AuditLogRow[] }) {
  const { t, i18n } = useTranslation('account')
  return (
    <DataTable
      caption={t('audit.resultsCaption', { count: rows.length })}
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        { key: 'when', header: t('audit.when'), cell: (r) => formatDateTime(r.occurredAt, i18n.language) },
        {
          key: 'actor',
          header: t('audit.actor'),
          cell: (r) => (
            <>
              {r.actorId ? <code>{r.actorId.slice(0, 8)}</code> : t('audit.noActor')} {r.actorRoles.join(', ')}
            </>
          ),
        },
        { key: 'action', header: t('audit.action'), cell: (r) => r.action },
        { key: 'object', header: t('audit.object'), cell: (r) => `${r.objectType}${r.objectId ? ` ${r.objectId.slice(0, 36)}` : ''}` },
        { key: 'subject', header: t('audit.subject'), cell: (r) => (r.subjectId ? <code>{r.subjectId.slice(0, 8)}</code> : '–') },
        { key: 'purposeOutcome', header: t('audit.purposeOutcome'), cell: (r) => `${r.purpose} / ${r.outcome}` },
      ]}
    />
  )
}
