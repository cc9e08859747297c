import type { HeadersFunction, LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LANGUAGES, NEEDS, REGIONS, SETTINGS } from '~/facets/facets'
import { toLng } from '~/i18n/config'
import { i18next } from '~/i18n/i18next.server'
import { getPageTitle } from '~/i18n/meta.server'
import { listDirectoryEntries } from '~/referrals/directory.server'
import { EntryCard } from '~/referrals/entry-card'
import { NoResults } from '~/referrals/no-results'
import { parseDirectoryFilters, PUBLIC_PAGE_HEADERS } from '~/referrals/schemas'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['referrals', 'facets'] }
export const meta = titleMeta

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseDirectoryFilters(new URL(request.url).searchParams)
  const lng = await i18next.getLocale(request)
  const entries = await listDirectoryEntries({ filters, locale: toLng(lng) })
  return { title: await getPageTitle(request, 'directory.title', 'referrals'), filters, entries }
}

// The filters, in the order of the form, with their facet groups in the `facets` namespace.
const FILTERS = [
  { name: 'need', group: 'needs', values: NEEDS.filter((n) => n !== 'crisis') },
  { name: 'setting', group: 'settings', values: SETTINGS },
  { name: 'region', group: 'regions', values: REGIONS },
  { name: 'language', group: 'languages', values: LANGUAGES },
] as const

export default function HelpDirectory() {
  const { filters, entries } = useLoaderData<typeof loader>()
  const { t } = useTranslation('referrals')
  const location = useLocation()
  const crisisLines = entries.filter((e) => e.kind === 'crisisLine')
  const others = entries.filter((e) => e.kind !== 'crisisLine')
  return (
    <div className="page">
      <h1>{t('directory.title')}</h1>
      <p className="lead">{t('directory.lead')}</p>

      <section aria-labelledby="crisis-title" className="notice">
        <h2 id="crisis-title">{t('directory.crisis.title')}</h2>
        <p>{t('directory.crisis.intro')}</p>
        <ul className="cards">
          {crisisLines.map((entry) => (
            <EntryCard key={entry.slug} entry={entry} />
          ))}
        </ul>
      </section>

      <section aria-labelledby="filters-title">
        <h2 id="filters-title">{t('directory.filters.title')}</h2>
        <p>{t('directory.filters.hint')}</p>
        {/* A GET form: the choices live in the address, so it works without JavaScript and can be shared. */}
        <Form method="get" action="/hulp" key={location.search}>
          {FILTERS.map((filter) => (
            <div className="field" key={filter.name}>
              <label htmlFor={`filter-${filter.name}`}>{t(`directory.filters.${filter.name}`)}</label>
              <select id={`filter-${filter.name}`} name={filter.name} defaultValue={filters[filter.name] ?? ''}>
                <option value="">{t('directory.filters.any')}</option>
                {filter.values.map((value) => (
                  <option key={value} value={value}>
                    {t(`facets:${filter.group}.${value}`)}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <p>
            <button type="submit" className="button button--primary">
              {t('directory.filters.submit')}
            </button>{' '}
            {location.search ? <Link to="/hulp">{t('directory.filters.reset')}</Link> : null}
          </p>
        </Form>
      </section>

      <section aria-labelledby="results-title">
        <h2 id="results-title">{t('directory.results.title')}</h2>
        {others.length > 0 ? (
          <>
            <p>{t('directory.results.count', { count: others.length })}</p>
            <ul className="cards">
              {others.map((entry) => (
                <EntryCard key={entry.slug} entry={entry} />
              ))}
            </ul>
          </>
        ) : (
          <NoResults language={filters.language} />
        )}
      </section>

      <p>
        {t('directory.guidance')} <Link to="/hulp/begeleiding">{t('directory.guidanceLink')}</Link>
      </p>

      <aside className="notice" aria-labelledby="professionals-title">
        <h2 id="professionals-title">{t('directory.professionals.title')}</h2>
        <p>
          <Link to="/hulp/professionals">{t('directory.professionals.link')}</Link>
        </p>
      </aside>
    </div>
  )
}
