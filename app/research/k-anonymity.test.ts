import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DECADES, REGIONS, SETTINGS } from '~/facets/facets'
import { anonymise, K, smallestGroup, SUPPRESSED, toQis, type Qis } from './k-anonymity'

const INSTITUTIONS = ['De Kempen', 'Huize Sint Jozef', 'Valkenheide', 'Rentray', 'Het Poortje']
const raw = fc.record({
  decades: fc.array(fc.constantFrom(...DECADES, 'bogus'), { maxLength: 3 }),
  settings: fc.array(fc.constantFrom(...SETTINGS), { maxLength: 2 }),
  region: fc.option(fc.constantFrom(...REGIONS, '__proto__'), { nil: null }),
  institution: fc.option(fc.oneof(fc.constantFrom(...INSTITUTIONS), fc.string({ maxLength: 12 })), { nil: null }),
})
const dataset = fc.array(raw, { maxLength: 300 }).map((rows) => rows.map((r, i) => ({ id: i, raw: r, qis: toQis(r) })))

const keyOf = (q: Qis) => JSON.stringify(q)

describe('k-anonymity over decade, setting, region and institution', () => {
  it('every combination of QIs in the output occurs at least k times, or the output is empty', () => {
    fc.assert(
      fc.property(dataset, fc.integer({ min: 1, max: 8 }), (rows, k) => {
        const result = anonymise(rows, { k })
        const counts = new Map<string, number>()
        for (const r of result.records) counts.set(keyOf(r.qis), (counts.get(keyOf(r.qis)) ?? 0) + 1)
        for (const c of counts.values()) expect(c).toBeGreaterThanOrEqual(k)
        expect(result.records.length + result.droppedRecords).toBe(rows.length)
      }),
      { seed: 20261207, numRuns: 300 },
    )
  })

  it('a suppressed or generalised value never shows the original: each output value is the input or one of its generalisations', () => {
    fc.assert(
      fc.property(dataset, (rows) => {
        const result = anonymise(rows)
        for (const r of result.records) {
          const input = rows[r.id]!.qis
          // A rare institution only ever appears as '*'.
          const shared = rows.filter((x) => x.qis.institution === input.institution).length
          if (shared < K) expect(r.qis.institution).toBe(SUPPRESSED)
          else expect([input.institution, SUPPRESSED]).toContain(r.qis.institution)
          if (r.qis.decade !== SUPPRESSED && input.decade !== r.qis.decade) expect(r.qis.decade).toMatch(/^\d{4}-\d{4}$/)
          if (input.region === SUPPRESSED) expect(r.qis.region).toBe(SUPPRESSED)
        }
      }),
      { seed: 20261207, numRuns: 200 },
    )
  })

  it('unknown values never pass through: a tampered region or decade becomes *', () => {
    expect(toQis({ decades: ['bogus'], settings: ['nope'], region: '__proto__', institution: '  ' })).toEqual({ decade: '*', setting: '*', region: '*', institution: '*' })
    expect(toQis({ decades: ['1960s', '1970s'], settings: ['residentialGroup', 'closedYouthCare'], region: 'utrecht', institution: ' De  Kempen ' })).toEqual({
      decade: '1960-1979',
      setting: 'residential',
      region: 'utrecht',
      institution: 'de kempen',
    })
    expect(toQis({ decades: ['1950s', '1990s'], settings: ['fosterFamily', 'psychiatricHospital'], region: null, institution: null }).decade).toBe('*')
  })

  it('keeps full detail when every group is already large enough', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ id: i, qis: toQis({ decades: ['1970s'], settings: ['fosterFamily'], region: i < 5 ? 'utrecht' : 'limburg', institution: null }) }))
    const result = anonymise(rows)
    expect(result.levels).toEqual({ decade: 0, setting: 0, region: 0, institution: 0 })
    expect(result.records.map((r) => r.qis.region).sort()).toEqual([...Array(5).fill('limburg'), ...Array(5).fill('utrecht')])
    expect(smallestGroup(result.records.map((r) => r.qis))).toBe(5)
  })

  it('generalises step by step when groups are small, and leaves out a lone all-* group smaller than k', () => {
    const provinces = ['groningen', 'friesland', 'drenthe'] as const
    const rows = Array.from({ length: 9 }, (_, i) => ({ id: i, qis: toQis({ decades: ['1960s'], settings: ['closedYouthCare'], region: provinces[i % 3]!, institution: null }) }))
    const result = anonymise(rows)
    expect(result.levels.region).toBeGreaterThanOrEqual(1)
    expect(new Set(result.records.map((r) => r.qis.region))).toEqual(new Set(['north']))
    const lone = anonymise([{ id: 0, qis: toQis({ decades: ['1960s'], settings: [], region: 'zeeland', institution: 'Rentray' }) }])
    expect(lone.records).toEqual([])
    expect(lone.droppedRecords).toBe(1)
  })
})
