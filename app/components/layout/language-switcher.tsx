import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getLocale, supportedLngs } from '~/i18n/config'

/** A plain form: works without JavaScript; the choice is kept in a cookie. */
export function LanguageSwitcher({ currentPath }: { currentPath: string }) {
  const { i18n } = useTranslation()
  const current = i18n.language
  return (
    <Form method="post" action="/taal" className="language-switcher" reloadDocument>
      <input type="hidden" name="redirectTo" value={currentPath} />
      {supportedLngs
        .filter((lng) => lng !== current)
        .map((lng) => (
          // A language is offered in its own name and direction, whatever the page's language.
          <button key={lng} type="submit" name="lng" value={lng} lang={lng} dir={getLocale(lng).dir}>
            {getLocale(lng).nativeName}
          </button>
        ))}
    </Form>
  )
}
