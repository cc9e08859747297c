import { expect, test } from './fixtures'

test.describe('security headers and health', () => {
  test('every page has an enforced CSP with a fresh nonce and the other protective headers', async ({ request }) => {
    // A page rendered for each request (the sign-in form is never kept) gets a new nonce every time.
    const first = await request.get('/inloggen')
    const second = await request.get('/inloggen')
    const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1]
    const csp1 = first.headers()['content-security-policy'] ?? ''
    const csp2 = second.headers()['content-security-policy'] ?? ''
    expect(nonceOf(csp1)).toBeTruthy()
    expect(nonceOf(csp1)).not.toBe(nonceOf(csp2))
    expect(csp1).toContain("frame-ancestors 'none'")
    expect(csp1).toContain("default-src 'self'")
    expect(first.headers()['content-security-policy-report-only']).toBeUndefined()
    const h = first.headers()
    expect(h['strict-transport-security']).toContain('max-age=')
    expect(h['x-content-type-options']).toBe('nosniff')
    // ADR 0017: no referrer to other sites, a real Origin on our own posts.
    expect(h['referrer-policy']).toBe('same-origin')
    expect(h['permissions-policy']).toContain('camera=()')
    expect(h['x-powered-by']).toBeUndefined()
    // The nonce in the header is the one on the page's scripts.
    expect(await first.text()).toContain(`nonce="${nonceOf(csp1)}"`)

    // A page from the public page cache (ADR 0011, 0033) carries the nonce it was rendered with,
    // and its policy names exactly that nonce, with the same protective headers.
    for (const path of ['/', '/hulp']) {
      const kept = [await request.get(path), await request.get(path)]
      for (const answer of kept) {
        const csp = answer.headers()['content-security-policy'] ?? ''
        expect(csp).toContain("frame-ancestors 'none'")
        expect(answer.headers()['x-content-type-options']).toBe('nosniff')
        expect(answer.headers()['referrer-policy']).toBe('same-origin')
        expect(await answer.text()).toContain(`nonce="${nonceOf(csp)}"`)
      }
    }
  })

  test('a mutating request from a foreign origin is refused', async ({ request }) => {
    const response = await request.post('/taal', {
      headers: { Origin: 'https://evil.example' },
      form: { lng: 'en', redirectTo: '/' },
      maxRedirects: 0,
    })
    expect(response.status()).toBe(403)
  })

  test('the same post from our own origin is accepted', async ({ request, baseURL }) => {
    const response = await request.post('/taal', {
      headers: { Origin: baseURL! },
      form: { lng: 'en', redirectTo: '/hulp' },
      maxRedirects: 0,
    })
    expect(response.status()).toBe(302)
    expect(response.headers()['location']).toBe('/hulp')
  })

  test('the language switcher will not redirect off-site', async ({ request, baseURL }) => {
    const response = await request.post('/taal', {
      headers: { Origin: baseURL! },
      form: { lng: 'en', redirectTo: '//evil.example/' },
      maxRedirects: 0,
    })
    expect(response.headers()['location']).toBe('/')
  })

  test('/healthz reports the database and storage', async ({ request }) => {
    const response = await request.get('/healthz')
    expect(response.status()).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok', checks: { database: 'ok', storage: 'ok' } })
  })
})
