import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/** House style: every ADR says whether it still holds and since when, so a reader knows which one to trust. */
const dir = path.resolve(__dirname, '../docs/decisions')

describe('architecture decision records', () => {
  const files = readdirSync(dir).filter((f) => /^\d{4}-.+\.md$/.test(f))

  it('each has a Status line and a Date line at its head, and a superseding ADR exists', () => {
    const problems: string[] = []
    for (const file of files) {
      const head = readFileSync(path.join(dir, file), 'utf8').split('\n').slice(0, 8)
      const status = head.find((l) => l.startsWith('Status: '))
      const date = head.find((l) => /^Date: \d{4}-\d{2}-\d{2}$/.test(l))
      if (!status) problems.push(`${file}: no "Status: …" line`)
      if (!date) problems.push(`${file}: no "Date: YYYY-MM-DD" line`)
      const superseded = status?.match(/superseded by (\d{4})/)
      if (superseded && !files.some((f) => f.startsWith(superseded[1]!))) problems.push(`${file}: superseded by a missing ADR ${superseded[1]}`)
    }
    expect(files.length).toBeGreaterThan(0)
    expect(problems).toEqual([])
  })
})
