import type { HeadersFunction, LoaderFunctionArgs } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ContentPage } from '~/components/content-page'
import { getPageTitle } from '~/i18n/meta.server'
import { INFORMATION_POINT_SLUG, PUBLIC_PAGE_HEADERS } from '~/referrals/schemas'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['referrals', 'facets'] }
export const meta = titleMeta

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: await getPageTitle(request, 'professionals.title', 'referrals') }
}

export default function ForProfessionals() {
  const { t } = useTranslation('referrals')
  return (
    <ContentPage page="professionals" ns="referrals">
      <ul>
        <li>
          <Link to={`/hulp/${INFORMATION_POINT_SLUG}`}>{t('professionals.cieLink')}</Link>
        </li>
        <li>
          <Link to="/hulp">{t('professionals.directoryLink')}</Link>
        </li>
      </ul>
    </ContentPage>
  )
}
