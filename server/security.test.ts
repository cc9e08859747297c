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
