// Kept pages as templates for new addresses of the same page (ADR 0035). A story listing kept
// for one address has everything another address of the listing shows, in the same language
// and publication generation, except what is inside `<main>`: the header, the footer, the
// head and the inline script with its nonce are the same bytes. So a new address is one page
// of the listing (its query and a small React render of the content) put between those, not a
// whole Remix document request.
import type { IncomingHttpHeaders } from 'node:http'
import { LRUCache } from 'lru-cache'
import type { PageBody } from '../app/utils/page-body'
import { cacheKey } from './page-cache-request'

/** The root layout's content landmark (app/root.tsx): the route's content is everything inside it. */
const MAIN_OPEN = '<main id="inhoud"'
const MAIN_CLOSE = '</main>'

export type PageParts = { head: string; tail: string; lng: string }

/** A rendered page around its content, and its language; null when the page is not laid out as expected. */
export function splitKeptPage(html: string): PageParts | null {
  const open = html.indexOf(MAIN_OPEN)
  if (open < 0 || html.indexOf(MAIN_OPEN, open + 1) >= 0) return null
  const start = html.indexOf('>', open) + 1
  const end = html.lastIndexOf(MAIN_CLOSE)
  const lng = /^<!DOCTYPE html><html lang="([A-Za-z-]{2,12})"/.exec(html)?.[1]
  if (start <= 0 || end < start || !lng) return null
  return { head: html.slice(0, start), tail: html.slice(end), lng }
}

export type Template<E> = PageParts & { entry: E; body: PageBody['body'] }

/**
 * The templates, one per path and what picks the language (the `lng` cookie, Accept-Language
 * and `?lng=`, as the cache key takes them). Bounded: Accept-Language is the client's to choose.
 */
export function createTemplates<E extends { identity: Buffer }>(bodies: readonly PageBody[]) {
  const templates = new LRUCache<string, Template<E>>({ max: 256 })
  const keyOf = (path: string, url: string, headers: IncomingHttpHeaders) => {
    const q = url.indexOf('?')
    const lng = q < 0 ? null : new URLSearchParams(url.slice(q + 1)).get('lng')
    return cacheKey({ originalUrl: lng === null ? path : `${path}?lng=${encodeURIComponent(lng)}`, headers })
  }
  const bodyFor = (path: string) => bodies.find((b) => b.path.test(path))
  return {
    /** Whether a path is composed at all (checked before anything else is read). */
    composable: (path: string) => bodies.length > 0 && bodyFor(path) !== undefined,
    /** Keeps a page just kept for its first reader as the template of its path and language. */
    remember(path: string, url: string, headers: IncomingHttpHeaders, entry: E) {
      const body = bodyFor(path)
      if (!body) return
      const parts = splitKeptPage(entry.identity.toString('utf8'))
      if (parts) templates.set(keyOf(path, url, headers), { ...parts, entry, body: body.body })
    },
    get: (path: string, url: string, headers: IncomingHttpHeaders) => templates.get(keyOf(path, url, headers)),
    clear: () => templates.clear(),
  }
}
