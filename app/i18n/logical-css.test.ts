import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'

// ADR 0021: a right-to-left language mirrors the layout by itself only when the styles say
// "start" and "end" instead of "left" and "right". A physical property that is really meant
// (say, a shadow that must fall the same way in every language) carries `/* physical: why */`.
const PHYSICAL = /\b(?:margin|padding|border|inset)-(?:left|right)\b|(?:^|[\s{;])(?:left|right)\s*:|\b(?:text-align|float|clear)\s*:\s*(?:left|right)\b/

it('the style sheets use logical properties, so right-to-left pages mirror', () => {
  const dir = path.resolve('app/styles')
  const offending = readdirSync(dir)
    .filter((f) => f.endsWith('.css'))
    .flatMap((file) =>
      readFileSync(path.join(dir, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => (PHYSICAL.test(line) && !line.includes('/* physical:') ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    )
  expect(offending).toEqual([])
})

it('the check itself catches a physical property', () => {
  expect(PHYSICAL.test('.a { margin-left: 1rem; }')).toBe(true)
  expect(PHYSICAL.test('.a { position: absolute; left: 0; }')).toBe(true)
  expect(PHYSICAL.test('td { text-align: right; }')).toBe(true)
  expect(PHYSICAL.test('.a { margin-inline-start: 1rem; text-align: start; }')).toBe(false)
})
