import type { HeadersFunction, LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { toLng } from '~/i18n/config'
import { i18next } from '~/i18n/i18next.server'
import { getDirectoryEntry } from '~/referrals/directory.server'
import { ContactList } from '~/referrals/entry-card'
import { formatCalendarDate } from '~/referrals/format'
import { PUBLIC_PAGE_HEADERS, SlugSchema } from '~/referrals/schemas'
import { titleMeta } from '~/utils/meta'
import { PageHeading } from '~/components/layout/page-heading'

export const handle = { i18n: ['referrals', 'facets'] }
export const meta = titleMeta

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = SlugSchema.safeParse(params.slug)
  const lng = await i18next.getLocale(request)
  const locale = toLng(lng)
  const entry = slug.success ? await getDirectoryEntry({ slug: slug.data, locale }) : null
  if (!entry) throw new Response(null, { status: 404, statusText: 'Not Found' })
  const t = await i18next.getFixedT(request, ['referrals', 'common'])
  return {
    title: `${entry.name} – ${t('common:siteName')}`,
    entry,
    lastChecked: formatCalendarDate(entry.lastCheckedAt, locale),
  }
}

export default function DirectoryEntryPage() {
  const { entry, lastChecked } = useLoaderData<typeof loader>()
  const { t } = useTranslation('referrals')
  const period =
    entry.periodFrom !== null && entry.periodTo !== null
      ? t('detail.periodRange', { from: entry.periodFrom, to: entry.periodTo })
      : entry.periodFrom !== null
        ? t('detail.periodFrom', { from: entry.periodFrom })
        : entry.periodTo !== null
          ? t('detail.periodTo', { to: entry.periodTo })
          : t('detail.periodAll')
  const list = (group: string, values: string[], empty: string) =>
    values.length > 0 ? values.map((v) => t(`facets:${group}.${v}`)).join(', ') : empty
  return (
    <article className="page">
      <PageHeading back={{ to: '/hulp', label: t('detail.back') }} title={entry.name} />
      <p className="muted">{t(`kinds.${entry.kind}`)}</p>

      <h2>{t('detail.offers')}</h2>
      <p>{entry.description}</p>

      <h2>{t('detail.forWhom')}</h2>
      <p>{entry.forWhom}</p>

      <h2>{t('detail.contact')}</h2>
      <ContactList contacts={entry.contacts} />

      <h2>{t('detail.fit')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('detail.settings')}</dt>
          <dd>{list('settings', entry.settings, t('detail.settingsAll'))}</dd>
        </div>
        <div>
          <dt>{t('detail.period')}</dt>
          <dd>{period}</dd>
        </div>
        <div>
          <dt>{t('detail.regions')}</dt>
          <dd>{list('regions', entry.regions, t('detail.unknown'))}</dd>
        </div>
        <div>
          <dt>{t('detail.languages')}</dt>
          <dd>{list('languages', entry.languages, t('detail.unknown'))}</dd>
        </div>
        <div>
          <dt>{t('detail.needs')}</dt>
          <dd>{list('needs', entry.needs, t('detail.unknown'))}</dd>
        </div>
        <div>
          <dt>{t('detail.accessibility')}</dt>
          <dd>{entry.accessibility ?? t('detail.unknown')}</dd>
        </div>
      </dl>

      <p className="muted">{t('detail.lastChecked', { date: lastChecked })}</p>
      <p>
        {t('detail.report')} <Link to="/contact">{t('detail.reportLink')}</Link>
      </p>
    </article>
  )
}
