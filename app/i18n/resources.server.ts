import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Resource } from 'i18next'
import { supportedLngs } from './config'

/**
 * Every locale file, read once per process. Creating an i18next instance per request with
 * the fs backend re-read and re-parsed every namespace file on each render and page title,
 * which capped the portal at ~110 pages a second (bench/story-page.ts).
 */
function loadResources(): Resource {
  const root = path.resolve('public/locales')
  const resources: Resource = {}
  for (const lng of supportedLngs) {
    resources[lng] = {}
    for (const file of readdirSync(path.join(root, lng)).filter((f) => f.endsWith('.json'))) {
      resources[lng]![file.replace(/\.json$/, '')] = JSON.parse(readFileSync(path.join(root, lng, file), 'utf8'))
    }
  }
  return resources
}

export const resources = loadResources()
