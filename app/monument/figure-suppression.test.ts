import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SUPPRESS_BELOW, suppressCounts, suppressTotal } from './figure-suppression'

const counts = fc.uniqueArray(fc.record({ key: fc.string({ minLength: 1, maxLength: 6 }), count: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.nat(10_000)) }), {
  selector: (c) => c.key,
  maxLength: 14,
})

describe('sector figure suppression', () => {
  it('never publishes a count of 1 to 4, and publishes every other count as it is or hidden', () => {
    fc.assert(
      fc.property(counts, (input) => {
        const out = suppressCounts(input)
        expect(out.map((o) => o.key)).toEqual(input.map((i) => i.key))
        input.forEach((raw, i) => {
          const published = out[i]!
          if (raw.count > 0 && raw.count < SUPPRESS_BELOW) {
            expect(published.count).toBeNull()
            expect(published.display).toBe('< 5')
          } else if (published.count !== null) {
            expect(published.count).toBe(raw.count)
            expect(published.display).toBe(String(raw.count))
          }
          expect(published.display).not.toMatch(/^[1-4]$/)
        })
      }),
    )
  })

  it('never hides exactly one group of a dimension (it could be worked out from the total)', () => {
    fc.assert(
      fc.property(counts, (input) => {
        const hidden = suppressCounts(input).filter((o) => o.count === null).length
        const nonZero = input.filter((c) => c.count > 0).length
        if (nonZero > 1) expect(hidden).not.toBe(1)
      }),
    )
  })

  it('keeps zero as zero and hides a small total', () => {
    expect(suppressCounts([{ key: 'a', count: 0 }, { key: 'b', count: 7 }])).toEqual([
      { key: 'a', count: 0, display: '0' },
      { key: 'b', count: 7, display: '7' },
    ])
    expect(suppressCounts([{ key: 'a', count: 3 }, { key: 'b', count: 7 }, { key: 'c', count: 9 }]).map((c) => c.display)).toEqual(['< 5', '< 5', '9'])
    expect(suppressTotal(4).display).toBe('< 5')
    expect(suppressTotal(0).display).toBe('0')
    expect(suppressTotal(5).display).toBe('5')
  })
})
