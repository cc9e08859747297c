import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Issue 16: one use case per module keeps a change in one place. A module over 300 lines or a
 * route over 150 usually holds two use cases (or a page's components that belong in its
 * capability folder). Tests, migrations and e2e journeys are exempt; so are the few files
 * below, each with its reason.
 */
const MODULE_LIMIT = 300
const ROUTE_LIMIT = 150
const EXEMPT: Record<string, string> = {
  'db/seed/referrals.ts': 'seed content: thirteen directory entries, each a fact sheet with its source; split, a reviewer could not check them side by side',
}

const root = path.resolve(__dirname, '..')
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return name === 'migrations' ? [] : files(full)
    return /\.(ts|tsx)$/.test(name) && !/\.(test|spec)\.tsx?$/.test(name) ? [full] : []
  })
}

describe('module size', () => {
  it(`no module over ${MODULE_LIMIT} lines and no route over ${ROUTE_LIMIT}`, () => {
    const over: string[] = []
    for (const folder of ['app', 'db', 'storage', 'server', 'scripts', 'bench']) {
      for (const file of files(path.join(root, folder))) {
        const rel = path.relative(root, file)
        const lines = readFileSync(file, 'utf8').split('\n').length - 1
        const limit = rel.startsWith('app/routes/') ? ROUTE_LIMIT : MODULE_LIMIT
        if (lines > limit && !(rel in EXEMPT)) over.push(`${rel}: ${lines} lines (limit ${limit})`)
      }
    }
    expect(over).toEqual([])
  })
})
