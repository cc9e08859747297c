import { data, type HeadersFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { readingTitle } from '~/i18n/fixed-translator.server'
import { getReader } from '~/monument/reading-reader.server'
import { countFacets, decodeCursor, encodeCursor, listVisibleStories } from '~/monument/reading.server'
import { FACET_FILTERS, parseStoryFilters, readingCacheHeaders } from '~/monument/reading-schemas'
import { titleMeta } from '~/utils/meta'
import { formatDate } from '~/utils/format-date'

export const handle = { i18n: ['reading', 'facets'] }
export const meta = titleMeta

// Anonymous readers may be cached but always revalidated; signed-in readers never (the loader decides).
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const filters = parseStoryFilters(url.searchParams)
  const { signedIn, reader } = await getReader(request)
  const after = decodeCursor(url.searchParams.get('na'))
  const [page, counts] = await Promise.all([listVisibleStories({ reader, filters, after }), countFacets({ reader, filters, generation: signedIn ? undefined : context.publicationGeneration })])
  return data(
    {
      title: await readingTitle(request, 'listing.title', 'reading'),
      filters,
      items: page.items,
      next: page.next ? encodeCursor(page.next) : null,
      deep: after !== undefined,
      counts,
    },
    { headers: readingCacheHeaders(signedIn) },
  )
}

export default function StoriesListing() {
  const { t, i18n } = useTranslation('reading')
  const { filters, items, next, deep, counts } = useLoaderData<typeof loader>()
  const location = useLocation()
  const nextParams = new URLSearchParams(location.search)
  if (next) nextParams.set('na', next)
  const firstParams = new URLSearchParams(location.search)
  firstParams.delete('na')
  const filtered = Object.values(filters).some(Boolean)
  return (
    <div className="page">
      <h1>{t('listing.title')}</h1>
      <p className="lead">{t('listing.lead')}</p>
      <p>{t('listing.care')}</p>

      <section aria-labelledby="search-title">
        <h2 id="search-title">{t('listing.search.title')}</h2>
        {/* A GET form: the choices live in the address, so it works without JavaScript and can be shared. */}
        <Form method="get" action="/verhalen" key={location.search} className="story-filters">
          <div className="field">
            <label htmlFor="story-q">{t('listing.search.label')}</label>
            <p className="field__hint" id="story-q-hint">
              {t('listing.search.hint')}
            </p>
            <input id="story-q" name="q" type="search" defaultValue={filters.q ?? ''} aria-describedby="story-q-hint" />
          </div>
          {FACET_FILTERS.map((facet) => (
            <div className="field" key={facet.name}>
              <label htmlFor={`story-${facet.name}`}>{t(`listing.filters.${facet.name}`)}</label>
              <select id={`story-${facet.name}`} name={facet.name} defaultValue={filters[facet.name] ?? ''}>
                <option value="">{t('listing.filters.any')}</option>
                {facet.values.map((value: string) => (
                  <option key={value} value={value}>
                    {t('listing.filters.option', { label: t(`facets:${facet.group}.${value}`), n: counts[facet.name][value] ?? 0 })}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <p>
            <button type="submit" className="button button--primary">
              {t('listing.search.submit')}
            </button>{' '}
            {filtered ? <Link to="/verhalen">{t('listing.search.reset')}</Link> : null}
          </p>
        </Form>
      </section>

      <section aria-labelledby="results-title">
        <h2 id="results-title">{filters.q ? t('listing.results.searchTitle', { q: filters.q }) : t('listing.results.title')}</h2>
        {items.length === 0 ? (
          <p>{deep ? t('listing.results.noMore') : t('listing.results.none')}</p>
        ) : (
          <ul className="cards">
            {items.map((story) => (
              <li key={story.slug} className="card">
                <h3>
                  <Link to={`/verhalen/${story.slug}`}>{story.title || t('story.untitled')}</Link>
                </h3>
                <p className="muted">
                  {t('story.byline', { author: story.author ?? t('story.anonymous'), date: formatDate(story.publishedAt, i18n.language) })}
                  {story.hasContentNote ? ` · ${t('listing.results.hasContentNote')}` : ''}
                </p>
                {story.hasContentNote ? null : <p>{`${story.excerpt}${story.excerpt.length >= 280 ? '…' : ''}`}</p>}
              </li>
            ))}
          </ul>
        )}
        <nav aria-label={t('listing.pagination.label')}>
          <p>
            {next ? <Link to={`/verhalen?${nextParams.toString()}`}>{t('listing.pagination.next')}</Link> : null}
            {next && deep ? ' · ' : null}
            {deep ? <Link to={`/verhalen?${firstParams.toString()}`}>{t('listing.pagination.first')}</Link> : null}
          </p>
        </nav>
      </section>

      <aside className="notice" aria-labelledby="reports-title">
        <h2 id="reports-title">{t('listing.reports.title')}</h2>
        <p>
          {t('listing.reports.text')} <Link to="/verhalen/rapporten">{t('listing.reports.link')}</Link>
        </p>
        <p>
          {t('listing.figures.text')} <Link to="/verhalen/cijfers">{t('listing.figures.link')}</Link>
        </p>
      </aside>
    </div>
  )
}
