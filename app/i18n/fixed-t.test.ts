import { describe, expect, it } from 'vitest'
import { i18next } from './i18next.server'

describe('server translators (ADR 0033)', () => {
  it('translate from the language a request asks for, detected once per request', async () => {
    const request = new Request('http://x/', { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } })
    expect(await i18next.getLocale(request)).toBe('en')
    const en = await i18next.getFixedT(request, 'common')
    const nl = await i18next.getFixedT('nl', 'common')
    expect(en('siteName')).toBeTruthy()
    expect(typeof nl('siteName')).toBe('string')
    const t = await i18next.getFixedT('en', ['pages', 'common'])
    expect(t('common:siteName')).toBe(en('siteName'))
    expect(await i18next.getLocale(new Request('http://x/?lng=en'))).toBe('en')
    expect(await i18next.getLocale(new Request('http://x/'))).toBe('nl')
  })

  it('keep a key prefix', async () => {
    const full = await i18next.getFixedT('en', 'pages')
    const prefixed = await i18next.getFixedT('en', 'pages', { keyPrefix: 'home' })
    expect(prefixed('title')).toBe(full('home.title'))
  })
})
