import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { DataTable } from '~/components/data-table'
import { formatDate } from '~/utils/format-date'
import type { OwnArchiveRow } from './ui-own.server'

/**
 * The survivor's archive page: what the archive is (in plain words), every story of theirs that
 * was handed over with its date and reference, and a download of exactly the package the
 * archive holds. `lifeStories` is the commission's recorded life story section (life-stories).
 */
export function OwnArchiveView({ rows, lifeStories }: { rows: OwnArchiveRow[]; lifeStories?: ReactNode }) {
  const { t, i18n } = useTranslation('archive')
  return (
    <>
      <section aria-labelledby="own-what">
        <h2 id="own-what">{t('own.whatTitle')}</h2>
        <p>{t('own.what')}</p>
        <p>{t('own.kept')}</p>
        <p>{t('own.same')}</p>
      </section>
      <section aria-labelledby="own-stories">
        <h2 id="own-stories">{t('own.storiesTitle')}</h2>
        <DataTable
          caption={t('own.caption', { count: rows.length })}
          captionHidden
          rows={rows}
          rowKey={(r) => r.ref}
          empty={t('own.empty')}
          columns={[
            { key: 'title', header: t('own.columns.title'), rowHeader: true, cell: (r) => r.title },
            { key: 'date', header: t('own.columns.date'), cell: (r) => formatDate(r.handedOverAt, i18n.language) },
            {
              key: 'ref',
              header: t('own.columns.ref'),
              cell: (r) => (
                <>
                  {r.ref}
                  <br />
                  {t('own.receipt', { receipt: r.receiptReference })}
                </>
              ),
            },
            {
              key: 'download',
              header: t('own.columns.download'),
              cell: (r) => (
                <a href={`/mijn-verhalen/archief/${encodeURIComponent(r.ref)}/download`} download aria-label={t('own.downloadLabel', { title: r.title })}>
                  {t('own.download')}
                </a>
              ),
            },
          ]}
        />
      </section>
      {/* The commission's recorded life story (life-stories capability) goes here as its own section. */}
      {lifeStories}
    </>
  )
}
