import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getPageTitle } from '~/i18n/meta.server'
import { titleMeta } from '~/utils/meta'
import { publicPageHeaders } from '~/utils/public-page'

export const handle = { i18n: ['pages'] }
export const meta = titleMeta
export const headers = publicPageHeaders

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: await getPageTitle(request, 'home.title') }
}

const PARTS = [
  { to: '/verhalen', key: 'monument' },
  { to: '/hulp', key: 'help' },
  { to: '/regeling', key: 'scheme' },
] as const

export default function Home() {
  const { t } = useTranslation('pages')
  return (
    <div className="page">
      <h1>{t('home.heading')}</h1>
      <p className="lead">{t('home.lead')}</p>
      <p>{t('home.recognition')}</p>
      <ul className="cards">
        {PARTS.map((part) => (
          <li key={part.key} className="card">
            <h2>
              <Link to={part.to}>{t(`home.parts.${part.key}.title`)}</Link>
            </h2>
            <p>{t(`home.parts.${part.key}.body`)}</p>
          </li>
        ))}
      </ul>
      <aside className="notice" aria-labelledby="home-care-title">
        <h2 id="home-care-title">{t('home.care.title')}</h2>
        <p>{t('home.care.body')}</p>
      </aside>
    </div>
  )
}
