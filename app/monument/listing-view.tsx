import { useTranslation } from 'react-i18next'
import { formatDate } from '~/utils/format-date'
import type { FacetCounts, StoryListItem } from './reading.server'
import { FACET_FILTERS, type StoryFilters } from './reading-schemas'

export type ListingViewProps = {
  filters: StoryFilters
  items: StoryListItem[]
  /** The cursor of the next page, or null on the last. */
  next: string | null
  /** Whether this is a page after the first. */
  deep: boolean
  counts: FacetCounts
  /** The address's query string (`?q=…`), for the pagination links. */
  search: string
  /**
   * Parts already rendered for this language and generation (listing-body.server.tsx): the
   * search form's inner markup, and each card's by slug. Each is exactly what the components
   * below render, so the page's bytes are the same with or without them (a test compares).
   */
  fragments?: { search?: string; cards: Record<string, string | undefined> }
}

/**
 * The public story listing's content. Pure: props in, markup out, no router hooks, so the same
 * component renders inside Remix (the route) and on its own for a listing address the page cache
 * composes into a kept page of the same language (ADR 0035). Plain `<a>` and `<form>`: the
 * listing is a reading page without Remix scripts, so these are what Remix would send anyway.
 */
export function StoriesListingView({ filters, items, next, deep, counts, search, fragments }: ListingViewProps) {
  const { t } = useTranslation('reading')
  const nextParams = new URLSearchParams(search)
  if (next) nextParams.set('na', next)
  const firstParams = new URLSearchParams(search)
  firstParams.delete('na')
  return (
    <div className="page">
      <h1>{t('listing.title')}</h1>
      <p className="lead">{t('listing.lead')}</p>
      <p>{t('listing.care')}</p>

      {fragments?.search !== undefined ? (
        <section aria-labelledby="search-title" dangerouslySetInnerHTML={{ __html: fragments.search }} />
      ) : (
        <section aria-labelledby="search-title">
          <ListingSearch filters={filters} counts={counts} />
        </section>
      )}

      <section aria-labelledby="results-title">
        <h2 id="results-title">{filters.q ? t('listing.results.searchTitle', { q: filters.q }) : t('listing.results.title')}</h2>
        {items.length === 0 ? (
          <p>{deep ? t('listing.results.noMore') : t('listing.results.none')}</p>
        ) : (
          <ul className="cards">
            {items.map((story) =>
              fragments?.cards[story.slug] !== undefined ? (
                <li
                  key={story.slug}
                  className="card"
                  dangerouslySetInnerHTML={{
                    __html: fragments.cards[story.slug]!,
                  }}
                />
              ) : (
                <li key={story.slug} className="card">
                  <ListingCard story={story} />
                </li>
              ),
            )}
          </ul>
        )}
        <nav aria-label={t('listing.pagination.label')}>
          <p>
            {next ? <a href={`/verhalen?${nextParams.toString()}`}>{t('listing.pagination.next')}</a> : null}
            {next && deep ? ' · ' : null}
            {deep ? <a href={`/verhalen?${firstParams.toString()}`}>{t('listing.pagination.first')}</a> : null}
          </p>
        </nav>
      </section>

      <aside className="notice" aria-labelledby="reports-title">
        <h2 id="reports-title">{t('listing.reports.title')}</h2>
        <p>
          {t('listing.reports.text')} <a href="/verhalen/rapporten">{t('listing.reports.link')}</a>
        </p>
        <p>
          {t('listing.figures.text')} <a href="/verhalen/cijfers">{t('listing.figures.link')}</a>
        </p>
      </aside>
    </div>
  )
}

/** The search form, with the number of stories per choice within the current filters. */
export function ListingSearch({ filters, counts }: Pick<ListingViewProps, 'filters' | 'counts'>) {
  const { t } = useTranslation('reading')
  const filtered = Object.values(filters).some(Boolean)
  return (
    <>
      <h2 id="search-title">{t('listing.search.title')}</h2>
      {/* A GET form: the choices live in the address, so it works without JavaScript and can be shared. */}
      <form method="get" action="/verhalen" className="story-filters">
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
                  {t('listing.filters.option', {
                    label: t(`facets:${facet.group}.${value}`),
                    n: counts[facet.name][value] ?? 0,
                  })}
                </option>
              ))}
            </select>
          </div>
        ))}
        <p>
          <button type="submit" className="button button--primary">
            {t('listing.search.submit')}
          </button>{' '}
          {filtered ? <a href="/verhalen">{t('listing.search.reset')}</a> : null}
        </p>
      </form>
    </>
  )
}

/** One story in the list: its title, who wrote it and when, and the start of the text unless it has a content note. */
export function ListingCard({ story }: { story: StoryListItem }) {
  const { t, i18n } = useTranslation('reading')
  return (
    <>
      <h3>
        <a href={`/verhalen/${story.slug}`}>{story.title || t('story.untitled')}</a>
      </h3>
      <p className="muted">
        {t('story.byline', {
          author: story.author ?? t('story.anonymous'),
          date: formatDate(story.publishedAt, i18n.language),
        })}
        {story.hasContentNote ? ` · ${t('listing.results.hasContentNote')}` : ''}
      </p>
      {story.hasContentNote ? null : <p>{`${story.excerpt}${story.excerpt.length >= 280 ? '…' : ''}`}</p>}
    </>
  )
}
