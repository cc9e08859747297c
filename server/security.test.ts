import { describe, expect, it } from 'vitest'
import { isCrossOriginMutation } from './security'

const own = 'https://portaal.example'

describe('isCrossOriginMutation', () => {
  it('lets reads through whatever their origin', () => {
    expect(isCrossOriginMutation({ method: 'GET', origin: 'https://evil.example', ownOrigin: own })).toBe(false)
  })
  it('trusts Sec-Fetch-Site first (our own forms send Origin: null under no-referrer)', () => {
    expect(isCrossOriginMutation({ method: 'POST', origin: 'null', secFetchSite: 'same-origin', ownOrigin: own })).toBe(false)
    expect(isCrossOriginMutation({ method: 'POST', origin: 'null', secFetchSite: 'cross-site', ownOrigin: own })).toBe(true)
    expect(isCrossOriginMutation({ method: 'POST', secFetchSite: 'same-site', ownOrigin: own })).toBe(true)
  })
  it('compares Origin when Sec-Fetch-Site is absent', () => {
    expect(isCrossOriginMutation({ method: 'POST', origin: own, ownOrigin: own })).toBe(false)
    expect(isCrossOriginMutation({ method: 'DELETE', origin: 'https://evil.example', ownOrigin: own })).toBe(true)
  })
  it('lets server-to-server calls without browser headers through', () => {
    expect(isCrossOriginMutation({ method: 'POST', ownOrigin: own })).toBe(false)
  })
})

describe('the rate limit answer', () => {
  it('says "please wait" in the reader language, from the lng cookie or Accept-Language', async () => {
    const express = (await import('express')).default
    const { rateLimits } = await import('./security')
    const app = express()
    app.use(...rateLimits({ reads: 1, writes: 1 }))
    app.get('/', (_req, res) => res.send('ok'))
    const server = app.listen(0, '127.0.0.1')
    await new Promise((r) => server.once('listening', r))
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/`
    try {
      expect((await fetch(base)).status).toBe(200)
      const dutch = await fetch(base)
      expect(dutch.status).toBe(429)
      expect(await dutch.text()).toContain('Even wachten')
      const english = await fetch(base, { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } })
      expect(await english.text()).toContain('Please wait')
      // The language switcher's cookie wins over the browser (remix cookie: base64 of JSON).
      const chosen = await fetch(base, { headers: { 'Accept-Language': 'en', Cookie: `lng=${encodeURIComponent(Buffer.from('"nl"').toString('base64'))}` } })
      expect(await chosen.text()).toContain('<html lang="nl">')
    } finally {
      server.close()
    }
  })
})
