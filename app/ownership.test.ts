import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { getTableName, isTable } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { SHARED_KERNEL, TABLE_OWNERS } from '../eslint/table-owners.js'

/**
 * One owner per table (ADR 0020). ESLint refuses an import of another owner's schema; this
 * test closes the other door: a table named in raw SQL (`sql\`select … from applications\``)
 * outside its owner's folder.
 */
const root = path.resolve(__dirname, '..')

async function tablesByFile() {
  const out = new Map<string, string[]>()
  for (const file of Object.keys(TABLE_OWNERS)) {
    const mod = (await import(`../db/schema/${file}.ts`)) as Record<string, unknown>
    out.set(file, Object.values(mod).filter(isTable).map((t) => getTableName(t)))
  }
  return out
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : []
  })
}

describe('one owner per table', () => {
  it('the owner map names every schema file, and no other folder names an owned table in raw SQL', async () => {
    const schemaFiles = readdirSync(path.join(root, 'db/schema')).map((f) => f.replace(/\.ts$/, '')).filter((f) => f !== 'index')
    expect(schemaFiles.filter((f) => !(f in TABLE_OWNERS) && !SHARED_KERNEL.includes(f))).toEqual([])

    const tables = await tablesByFile()
    const offences: string[] = []
    for (const file of sourceFiles(path.join(root, 'app'))) {
      const folder = path.relative(path.join(root, 'app'), file).split(path.sep)[0]
      const text = readFileSync(file, 'utf8')
      for (const [schemaFile, names] of tables) {
        if (TABLE_OWNERS[schemaFile as keyof typeof TABLE_OWNERS] === folder) continue
        for (const name of names) {
          const raw = new RegExp(`\\b(from|join|into|update|table)\\s+"?${name}"?\\b`, 'i')
          if (raw.test(text)) offences.push(`${path.relative(root, file)} names ${name} (owned by app/${TABLE_OWNERS[schemaFile as keyof typeof TABLE_OWNERS]})`)
        }
      }
    }
    expect(offences).toEqual([])
  })
})
