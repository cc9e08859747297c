import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { supportedLngs } from '~/i18n/config'

/** A plain form: works without JavaScript; the choice is kept in a cookie. */
export function LanguageSwitcher({ currentPath }: { currentPath: string }) {
  const { t, i18n } = useTranslation()
  const current = i18n.language
  return (
    <Form method="post" action="/taal" className="language-switcher" reloadDocument>
      <input type="hidden" name="redirectTo" value={currentPath} />
      {supportedLngs
        .filter((lng) => lng !== current)
        .map((lng) => (
          <button key={lng} type="submit" name="lng" value={lng} lang={lng}>
            {t(`language.switchTo.${lng}`)}
          </button>
        ))}
    </Form>
  )
}
