import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Resource, ResourceLanguage } from 'i18next'
import { getLocale, supportedLngs } from './config'

/**
 * Every locale file, read once per process. Creating an i18next instance per request with
 * the fs backend re-read and re-parsed every namespace file on each render and page title,
 * which capped the portal at ~110 pages a second (bench/story-page.ts).
 */
function readLocale(lng: string): ResourceLanguage {
  const inMemory = getLocale(lng).code === lng ? getLocale(lng).resources : undefined
  if (inMemory) return inMemory as ResourceLanguage
  const dir = path.join(path.resolve('public/locales'), lng)
  const namespaces: ResourceLanguage = {}
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    namespaces[file.replace(/\.json$/, '')] = JSON.parse(readFileSync(path.join(dir, file), 'utf8'))
  }
  return namespaces
}

/** Shared with remix-i18next, which reads it on each request: a language registered later is added to it. */
export const resources: Resource = {}

/** Loads the languages not read yet (all at start-up; a registered one on its first request). */
export function ensureResources(): Resource {
  for (const lng of supportedLngs) resources[lng] ??= readLocale(lng)
  return resources
}

ensureResources()
