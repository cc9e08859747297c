import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fallbackLng, namespaces, supportedLngs } from './config'

const localesDir = path.resolve('public/locales')

function flatten(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => flatten(v, `${prefix}[${i}]`))
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k))
  }
  return [prefix]
}

function load(lng: string, ns: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(localesDir, lng, `${ns}.json`), 'utf8'))
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)],
  )
}

const fileNamespaces = readdirSync(path.join(localesDir, fallbackLng)).map((f) => f.replace(/\.json$/, ''))

describe('locale files', () => {
  it('have the same namespaces in every language', () => {
    for (const lng of supportedLngs) {
      expect(readdirSync(path.join(localesDir, lng)).sort()).toEqual(fileNamespaces.map((n) => `${n}.json`).sort())
    }
    for (const ns of namespaces) expect(fileNamespaces).toContain(ns)
  })

  // Every language in the list against Dutch, the fallback: a new language is checked the day it is added.
  const others = supportedLngs.filter((l) => l !== fallbackLng)
  it.each(fileNamespaces.flatMap((ns) => others.map((lng) => [ns, lng] as const)))('%s: nl and %s have exactly the same keys', (ns, lng) => {
    const nl = flatten(load(fallbackLng, ns)).sort()
    const other = flatten(load(lng, ns)).sort()
    expect(other.filter((k) => !nl.includes(k)), `keys only in ${lng}`).toEqual([])
    expect(nl.filter((k) => !other.includes(k)), 'keys only in nl').toEqual([])
  })

  it('has no empty translations', () => {
    for (const lng of supportedLngs) {
      for (const ns of fileNamespaces) {
        const walk = (v: unknown, at: string) => {
          if (typeof v === 'string') expect(v.trim(), `${lng}/${ns}:${at}`).not.toBe('')
          else if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, `${at}.${k}`)
        }
        walk(load(lng, ns), '')
      }
    }
  })

  it('every literal key used in the code exists in every language', () => {
    const sources = listFiles(path.resolve('app')).filter((f) => /\.(tsx?|ts)$/.test(f) && !f.endsWith('.test.ts'))
    const missing: string[] = []
    for (const file of sources) {
      const text = readFileSync(file, 'utf8')
      // The first namespace a file asks for is the default for its unprefixed keys.
      const defaultNs = /(?:useTranslation\(\s*\[?\s*|getFixedT\([^,()]+,\s*\[?\s*)'([a-z][a-zA-Z]*)'/.exec(text)?.[1] ?? 'common'
      // t('key'), t("ns:key"), i18nKey="key" with a literal key (templated keys are checked by their pages' tests).
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.:-]+)'|i18nKey="([a-zA-Z0-9_.:-]+)"/g)) {
        const raw = match[1] ?? match[2]!
        const [ns, key] = raw.includes(':') ? (raw.split(':') as [string, string]) : [defaultNs, raw]
        for (const lng of supportedLngs) {
          let node: unknown
          try {
            node = load(lng, ns)
          } catch {
            missing.push(`${path.relative('.', file)}: namespace ${ns} (${lng})`)
            continue
          }
          for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part]
          const exists = node !== undefined || flatten(load(lng, ns)).some((k) => k.startsWith(`${key}_`))
          if (!exists) missing.push(`${path.relative('.', file)}: ${lng}/${ns}:${key}`)
        }
      }
    }
    expect(missing).toEqual([])
  })
})
