import type { HeadersFunction, LoaderFunctionArgs } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getPageTitle } from '~/i18n/meta.server'
import { INFORMATION_POINT_SLUG, PUBLIC_PAGE_HEADERS } from '~/referrals/schemas'
import { titleMeta } from '~/utils/meta'

export const handle = { i18n: ['referrals', 'facets'] }
export const meta = titleMeta

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: await getPageTitle(request, 'professionals.title', 'referrals') }
}

type Section = { title: string; paragraphs?: string[]; items?: string[] }

export default function ForProfessionals() {
  const { t } = useTranslation('referrals')
  const sections = t('professionals.sections', { returnObjects: true }) as Section[]
  return (
    <article className="page prose">
      <h1>{t('professionals.title')}</h1>
      <p className="lead">{t('professionals.lead')}</p>
      {Array.isArray(sections)
        ? sections.map((section) => (
            <section key={section.title}>
              <h2>{section.title}</h2>
              {section.paragraphs?.map((p) => <p key={p}>{p}</p>)}
              {section.items ? (
                <ul>
                  {section.items.map((item) => (
                    <li key={item}>{item}</li>
                  ))}
                </ul>
              ) : null}
            </section>
          ))
        : null}
      <ul>
        <li>
          <Link to={`/hulp/${INFORMATION_POINT_SLUG}`}>{t('professionals.cieLink')}</Link>
        </li>
        <li>
          <Link to="/hulp">{t('professionals.directoryLink')}</Link>
        </li>
      </ul>
    </article>
  )
}
