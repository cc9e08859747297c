import { LRUCache } from 'lru-cache'
import type { ReactNode } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { getServerI18n } from '~/i18n/server-instances.server'
import { ListingCard, ListingSearch, StoriesListingView, type ListingViewProps } from './listing-view'
import { countFacets, decodeCursor, encodeCursor, listVisibleStories, type Reader } from './reading.server'
import { parseStoryFilters } from './reading-schemas'

/**
 * What the story listing shows at an address: the page of stories, the facet counts within the
 * filters, and where the next page starts. `generation` is the publication generation of a page
 * the page cache keeps (anonymous readers only), under which the counts stay exact.
 */
export async function loadListing(url: URL, reader: Reader, generation: string | undefined): Promise<Omit<ListingViewProps, 'search'>> {
  const filters = parseStoryFilters(url.searchParams)
  const after = decodeCursor(url.searchParams.get('na'))
  const [page, counts] = await Promise.all([listVisibleStories({ reader, filters, after }), countFacets({ reader, filters, generation })])
  return { filters, items: page.items, next: page.next ? encodeCursor(page.next) : null, deep: after !== undefined, counts }
}

// Parts of listing pages already rendered, per language and publication generation: a story's
// card looks the same on every listing address it appears on, and the search form the same at
// every address with the same filters. Both change only with the generation (an edit, a
// withdrawal, a report raise it), which is part of the key, so nothing is ever shown stale.
// Bounded in bytes, not entries: a form is ~5 KB and a crawler inventing search words makes a
// new one per address (a card is ~0.5 KB).
const fragments = new LRUCache<string, string>({ maxSize: 16 * 1024 * 1024, sizeCalculation: (html, key) => html.length + key.length })

function rendered(key: string, lng: string, node: () => ReactNode): string {
  let html = fragments.get(key)
  if (html === undefined) {
    html = renderToString(<I18nextProvider i18n={getServerI18n(lng)}>{node()}</I18nextProvider>)
    fragments.set(key, html)
  }
  return html
}

/**
 * The listing's content for an anonymous reader, as the route renders it inside `<main>`
 * (ADR 0035): the page cache puts it into a kept listing page of the same language and
 * generation instead of running the whole document through Remix for every new address.
 * renderToString, like the streaming renderer, separates adjacent texts with `<!-- -->`, so the
 * bytes are the route's own (a test compares them).
 */
export async function renderListingBody({ url, lng, generation }: { url: URL; lng: string; generation: string }): Promise<string> {
  const listing = await loadListing(url, { survivor: false }, generation)
  const at = `${lng}\u0000${generation}\u0000`
  const search = rendered(`${at}search\u0000${JSON.stringify(listing.filters)}`, lng, () => <ListingSearch filters={listing.filters} counts={listing.counts} />)
  const cards: Record<string, string> = {}
  for (const story of listing.items) cards[story.slug] = rendered(`${at}card\u0000${story.slug}`, lng, () => <ListingCard story={story} />)
  return renderToString(
    <I18nextProvider i18n={getServerI18n(lng)}>
      <StoriesListingView {...listing} search={url.search} fragments={{ search, cards }} />
    </I18nextProvider>,
  )
}
