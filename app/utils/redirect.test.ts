import { describe, expect, it } from 'vitest'
import { safeRedirectPath } from './redirect'

describe('safeRedirectPath', () => {
  it('keeps same-site paths', () => {
    expect(safeRedirectPath('/verhalen?pagina=2')).toBe('/verhalen?pagina=2')
  })
  it.each(['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', '/a\u0000b', '/a\r\nSet-Cookie: x=1', '/caf\u00e9', '/a b'])(
    'refuses %s',
    (to) => {
      expect(safeRedirectPath(to)).toBe('/')
    },
  )
})
