import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { getServerI18n } from '~/i18n/server-instances.server'
import { NoResults } from './no-results'
import { INFORMATION_POINT_SLUG } from './schemas'

function render(lng: string, language: string | null) {
  return renderToStaticMarkup(
    <I18nextProvider i18n={getServerI18n(lng)}>
      <NoResults language={language} />
    </I18nextProvider>,
  )
}

describe('NoResults', () => {
  it('says no organisation helps in the chosen language and points to the expertise point, with its free number', () => {
    const html = render('nl', 'ar')
    expect(html).toContain('hulp geeft in deze taal: Arabisch.')
    expect(html).toContain(`href="/hulp/${INFORMATION_POINT_SLUG}"`)
    expect(html).toContain('href="tel:08001238"')
    expect(html).not.toContain('Probeer het met minder keuzes')
    expect(render('en', 'tr')).toContain('helps in this language: Turkish.')
  })

  it('without a language, suggests fewer choices and still links the expertise point', () => {
    const html = render('nl', null)
    expect(html).toContain('Probeer het met minder keuzes')
    expect(html).toContain(`href="/hulp/${INFORMATION_POINT_SLUG}"`)
    expect(html).not.toContain('in deze taal')
  })
})
