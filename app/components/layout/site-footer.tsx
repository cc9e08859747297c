import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

const LINKS = [
  { to: '/over', key: 'footer.about' },
  { to: '/privacy', key: 'footer.privacy' },
  { to: '/toegankelijkheid', key: 'footer.accessibility' },
  { to: '/contact', key: 'footer.contact' },
  { to: '/snel-weg', key: 'footer.quickExit' },
] as const

export function SiteFooter() {
  const { t } = useTranslation()
  return (
    <footer className="site-footer">
      <nav aria-label={t('footer.label')}>
        <ul>
          {LINKS.map((link) => (
            <li key={link.to}>
              <Link to={link.to}>{t(link.key)}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <p>{t('footer.crisis')}</p>
    </footer>
  )
}
