import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useChangeLanguage } from 'remix-i18next/react'
import { SiteFooter } from '~/components/layout/site-footer'
import { IdleWarning } from '~/components/layout/idle-warning'
import { SiteHeader } from '~/components/layout/site-header'
import { localeDir, toLng } from '~/i18n/config'
import { getSessionContext, isStaff } from '~/auth/session.server'
import { i18next } from '~/i18n/i18next.server'
import stylesHref from '~/styles/app.css'
import printStylesHref from '~/styles/print.css'
import { getPublicEnv } from '~/utils/env.server'
import { useNonce } from '~/utils/nonce-provider'
import { publicOrigin } from '~/seo/origin.server'
import { PageSeo } from '~/seo/page-seo'
import { publicPage } from '~/seo/public-pages'
import { QUICK_EXIT_SCRIPT } from '~/seo/quick-exit-script'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesHref },
  { rel: 'stylesheet', href: printStylesHref, media: 'print' },
  { rel: 'icon', href: '/favicon.ico', sizes: 'any' },
]

export const handle = { i18n: ['common'] }

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await i18next.getLocale(request)
  const ctx = await getSessionContext(request)
  const signedIn = ctx && ctx.session.stage === 'full'
  const user = signedIn
    ? { displayName: ctx.user.displayName, staff: isStaff(ctx.user), idleSeconds: ctx.session.idleTimeoutSeconds }
    : null
  const url = new URL(request.url)
  // For canonical and hreflang links (ADR 0034): the public origin and the language the address pins.
  const seo = { origin: publicOrigin(request), pinnedLng: url.searchParams.get('lng') }
  return { locale, env: getPublicEnv(), path: url.pathname, user, seo }
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  const nonce = useNonce()
  const { t, i18n } = useTranslation()
  // When the root loader itself failed there is no data: the language entry.server chose for
  // this request (cookie, then Accept-Language) still holds, so the error page speaks it.
  const locale = data?.locale ?? toLng(i18n.language)
  // Error pages have no meta of their own: give them a title here.
  const error = useRouteError()
  const errorTitle = error
    ? t(isRouteErrorResponse(error) && error.status === 404 ? 'errors.notFound.title' : 'errors.serverError.title')
    : null
  useChangeLanguage(locale)
  const matches = useMatches()
  const leaf = matches[matches.length - 1]
  const page = error ? undefined : publicPage(leaf?.id)
  // Reading pages ship no Remix scripts (ADR 0034, JavaScript budget); staff keep them for the
  // idle warning. The quick exit's shortcut stays, as a few hundred bytes of inline script.
  const scripts = !page || page.scripts || Boolean(data?.user?.staff)
  return (
    <html lang={locale} dir={localeDir(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* ADR 0017: nothing to other sites, a real Origin on our own posts. */}
        <meta name="referrer" content="same-origin" />
        <PageSeo page={page} leafData={leaf?.data} seo={data?.seo ?? null} path={data?.path ?? '/'} locale={locale} />
        <Meta />
        {errorTitle ? <title>{errorTitle}</title> : null}
        <Links />
      </head>
      <body>
        <SiteHeader quickExitUrl={data?.env.QUICK_EXIT_URL ?? 'https://www.google.nl/'} currentPath={data?.path ?? '/'} user={data?.user ?? null} />
        {data?.user?.staff ? <IdleWarning idleSeconds={data.user.idleSeconds} /> : null}
        <main id="inhoud" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
        {scripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : (
          <script nonce={nonce} dangerouslySetInnerHTML={{ __html: QUICK_EXIT_SCRIPT }} />
        )}
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const key = status === 404 ? 'notFound' : status === 403 ? 'forbidden' : status === 401 ? 'unauthorized' : 'serverError'
  return (
    <div className="page">
      <h1>{t(`errors.${key}.title`)}</h1>
      <p>{t(`errors.${key}.body`)}</p>
      <p>
        <a href="/">{t('errors.backHome')}</a>
      </p>
    </div>
  )
}
