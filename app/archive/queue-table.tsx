import { Form, Link, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DataTable } from '~/components/data-table'
import { formatDate, formatDateTime } from '~/utils/format-date'
import type { QueueRow } from './ui-staff.server'

/** What the author's consent covers: the text version and, per file, whether it goes along. */
function Covers({ row }: { row: QueueRow }) {
  const { t } = useTranslation('archive')
  const counts: Record<string, number> = {}
  return (
    <>
      <p>{t('queue.textVersion', { version: row.textVersion })}</p>
      {row.media.length === 0 ? (
        <p>{t('queue.noMedia')}</p>
      ) : (
        <ul className="archive-media">
          {row.media.map((m) => {
            counts[m.kind] = (counts[m.kind] ?? 0) + 1
            return (
              <li key={m.id}>
                {t('queue.mediaItem', { kind: t(`kinds.${m.kind}`), n: counts[m.kind] })} <strong>{t(m.covered ? 'queue.covered' : 'queue.notCovered')}</strong>
              </li>
            )
          })}
        </ul>
      )}
    </>
  )
}

function PackageCell({ row }: { row: QueueRow }) {
  const { t, i18n } = useTranslation('archive')
  const pkg = row.latestPackage
  if (!pkg) return <>{t('queue.noPackage')}</>
  return (
    <>
      <Link to={`/beheer/archief/${encodeURIComponent(pkg.ref)}`} aria-label={t('queue.packageLabel', { ref: pkg.ref, title: row.title })}>
        {pkg.ref}
      </Link>
      <br />
      {pkg.handedOverAt ? t('queue.handedOver', { date: formatDate(pkg.handedOverAt, i18n.language), receipt: pkg.receiptReference ?? '' }) : t('queue.built', { date: formatDateTime(pkg.builtAt, i18n.language) })}
    </>
  )
}

/** Builds a package for one story; the button is off while a build runs (the server guards a double submit too). */
function PrepareForm({ row }: { row: QueueRow }) {
  const { t } = useTranslation('archive')
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle' && navigation.formData?.get('storyId') === row.storyId
  if (row.latestPackage?.handedOverAt) return <>{t('queue.done')}</>
  return (
    <Form method="post">
      <input type="hidden" name="storyId" value={row.storyId} />
      <input type="hidden" name="shownPackage" value={row.latestPackage?.ref ?? ''} />
      <button type="submit" className="button" disabled={busy} aria-label={t(row.latestPackage ? 'queue.prepareAgainLabel' : 'queue.prepareLabel', { title: row.title })}>
        {busy ? t('queue.preparing') : t(row.latestPackage ? 'queue.prepareAgain' : 'queue.prepare')}
      </button>
    </Form>
  )
}

/** The archivist's transfer queue: stories whose author holds the archive-transfer consent. */
export function ArchiveQueueTable({ rows }: { rows: QueueRow[] }) {
  const { t, i18n } = useTranslation('archive')
  return (
    <DataTable
      caption={t('queue.caption', { count: rows.length })}
      rows={rows}
      rowKey={(r) => r.storyId}
      empty={t('queue.empty')}
      columns={[
        { key: 'story', header: t('queue.columns.story'), rowHeader: true, cell: (r) => r.title },
        {
          key: 'consent',
          header: t('queue.columns.consent'),
          cell: (r) => t('queue.consentGiven', { date: formatDate(r.consentGivenAt, i18n.language), version: r.consentTextVersion }),
        },
        { key: 'covers', header: t('queue.columns.covers'), cell: (r) => <Covers row={r} /> },
        { key: 'package', header: t('queue.columns.package'), cell: (r) => <PackageCell row={r} /> },
        { key: 'action', header: t('queue.columns.action'), cell: (r) => <PrepareForm row={r} /> },
      ]}
    />
  )
}
