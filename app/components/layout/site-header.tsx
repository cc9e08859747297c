import { Form, Link, NavLink } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CrisisHelp } from './crisis-help'
import { LanguageSwitcher } from './language-switcher'
import { clearTabCopies, QuickExit } from './quick-exit'

const NAV = [
  { to: '/verhalen', key: 'nav.stories' },
  { to: '/hulp', key: 'nav.help' },
  { to: '/regeling', key: 'nav.scheme' },
] as const

type HeaderUser = { displayName: string; staff: boolean } | null

export function SiteHeader({ quickExitUrl, currentPath, user }: { quickExitUrl: string; currentPath: string; user: HeaderUser }) {
  const { t } = useTranslation()
  return (
    <>
      <a className="skip-link" href="#inhoud">
        {t('skipLink')}
      </a>
      <header className="site-header">
        <div className="site-header__top">
          <Link to="/" className="site-header__name">
            {t('siteName')}
          </Link>
          <div className="site-header__tools">
            <LanguageSwitcher currentPath={currentPath} />
            <QuickExit url={quickExitUrl} />
          </div>
        </div>
        <nav aria-label={t('nav.label')} className="site-nav">
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{t(item.key)}</NavLink>
              </li>
            ))}
            {user ? (
              <>
                <li className="site-nav__account">
                  <NavLink to={user.staff ? '/beheer' : '/account'}>{user.staff ? t('nav.staff') : t('nav.account')}</NavLink>
                </li>
                <li>
                  {/* Signing out leaves no copy of typed text in this tab (the story editor keeps one there). */}
                  <Form method="post" action="/uitloggen" reloadDocument onSubmit={clearTabCopies}>
                    <button type="submit" className="link-button">
                      {t('nav.signOut')}
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <li className="site-nav__account">
                <NavLink to="/inloggen">{t('nav.signIn')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <CrisisHelp />
      </header>
    </>
  )
}
