import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { getServerI18n } from '~/i18n/server-instances.server'
import { QuickExit } from './quick-exit'

describe('QuickExit', () => {
  // Without JavaScript the button cannot replace this page in history: the page that explains
  // how to clear it is linked in a <noscript>, so readers with JavaScript do not see it twice.
  it('links the page on clearing history inside <noscript>, beside the plain link to the neutral site', () => {
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={getServerI18n('nl')}>
        <QuickExit url="https://www.google.nl/" />
      </I18nextProvider>,
    )
    expect(html).toContain('href="https://www.google.nl/"')
    expect(html).toMatch(/<noscript><a class="quick-exit__history" href="\/snel-weg">Zo wis je je geschiedenis<\/a><\/noscript>/)
  })
})
