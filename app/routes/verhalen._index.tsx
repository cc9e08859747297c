import { data, type HeadersFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData, useLocation } from '@remix-run/react'
import { readingTitle } from '~/i18n/fixed-translator.server'
import { loadListing } from '~/monument/listing-body.server'
import { StoriesListingView } from '~/monument/listing-view'
import { getReader } from '~/monument/reading-reader.server'
import { readingCacheHeaders } from '~/monument/reading-schemas'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['reading', 'facets'] }
export const meta = titleMeta

// Anonymous readers may be cached but always revalidated; signed-in readers never (the loader decides).
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { signedIn, reader } = await getReader(request)
  const listing = await loadListing(new URL(request.url), reader, signedIn ? undefined : context.publicationGeneration)
  return data({ title: await readingTitle(request, 'listing.title', 'reading'), ...listing }, { headers: readingCacheHeaders(signedIn) })
}

// The content is a pure view (monument/listing-view.tsx): the page cache also renders it on its own (ADR 0035).
export default function StoriesListing() {
  const { filters, items, next, deep, counts } = useLoaderData<typeof loader>()
  return <StoriesListingView filters={filters} items={items} next={next} deep={deep} counts={counts} search={useLocation().search} />
}
