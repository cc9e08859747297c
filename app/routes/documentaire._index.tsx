import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { loadDocumentaryIndex } from '~/documentary/public-pages.server'
import { ContinueReading, ReadingScript } from '~/documentary/public-reading'
import { themeLabel } from '~/documentary/public-theme'
import { PageHeading } from '~/components/layout/page-heading'
import documentaryStyles from '~/styles/documentary.css'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['documentary', 'facets'] }
export const meta = titleMeta
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: documentaryStyles }]

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

/** The web documentary: its published chapters, in reading order. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { page, headers } = await loadDocumentaryIndex({ request })
  return data(page, { headers })
}

export default function DocumentaryIndex() {
  const { chapters } = useLoaderData<typeof loader>()
  const { t } = useTranslation(['documentary', 'facets'])
  return (
    <div className="page">
      <PageHeading title={t('documentary:public.index.title')} lead={t('documentary:public.index.lead')} />
      <p>{t('documentary:public.index.about')}</p>
      <ContinueReading />
      {chapters.length === 0 ? (
        <p>{t('documentary:public.index.empty')}</p>
      ) : (
        <ol className="doc-chapters">
          {chapters.map((c) => (
            <li key={c.slug} className="doc-chapter-card">
              <h2>
                <Link to={`/documentaire/${c.slug}`} data-doc-slug={c.slug}>
                  {c.title}
                </Link>
              </h2>
              <p className="doc-chapter-card__theme">{themeLabel(t, c.theme)}</p>
              {c.intro ? <p>{c.intro}</p> : null}
              {c.contentNote ? (
                <p className="muted">
                  <strong>{t('documentary:public.index.contentNote')}</strong> {c.contentNote}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <ReadingScript />
    </div>
  )
}
