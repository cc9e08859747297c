// Which requests the public page cache may answer, and under which key (ADR 0011, ADR 0033).
import type { IncomingMessage } from 'node:http'
import accepts from 'accepts'
import type { Request } from 'express'

/**
 * A path the cache may answer: a pattern alone takes any query (the monument's search is free
 * text; the LRU bound holds); `query` lists the only parameters that may appear (once each,
 * short values), so other addresses of such a page are rendered as before and cannot fill the cache.
 */
export type CachedPath = RegExp | { path: RegExp; query: readonly string[] }
const MAX_QUERY_VALUE = 64

// Cookies that do not change what an anonymous page looks like. Any other cookie (a session,
// a half-finished sign-in) means the request goes to Remix as it always did.
const NEUTRAL_COOKIES = new Set(['lng'])
const MAX_URL_LENGTH = 1024

/** The cookie names in a Cookie header. */
function cookieNames(header: string | undefined): string[] {
  if (!header) return []
  return header
    .split(';')
    .map((part) => part.split('=')[0]!.trim())
    .filter(Boolean)
}

function cookieValue(header: string | undefined, name: string): string {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.split('=')
    if (k!.trim() === name) return v.join('=').trim()
  }
  return ''
}

/** Whether this request could be answered from the cache at all (before any database read). */
export function isCacheableRequest(req: Pick<Request, 'method' | 'path' | 'originalUrl' | 'headers'>, paths: CachedPath[]): boolean {
  if (req.method !== 'GET') return false
  if (req.originalUrl.length > MAX_URL_LENGTH) return false
  if (req.headers.authorization) return false
  const rule = paths.find((p) => (p instanceof RegExp ? p : p.path).test(req.path))
  if (!rule || !(rule instanceof RegExp || queryAllowed(req.originalUrl, rule.query))) return false
  return cookieNames(req.headers.cookie).every((n) => NEUTRAL_COOKIES.has(n))
}

function queryAllowed(url: string, allowed: readonly string[]): boolean {
  const at = url.indexOf('?')
  if (at < 0) return true
  const seen = new Set<string>()
  for (const [name, value] of new URLSearchParams(url.slice(at + 1))) {
    if (!allowed.includes(name) || seen.has(name) || value.length > MAX_QUERY_VALUE) return false
    seen.add(name)
  }
  return true
}

/**
 * The key: the address with its query, and what picks the language (the `lng` cookie, then
 * Accept-Language, taken as sent, so the cache can never disagree with the language detection).
 */
export function cacheKey(req: Pick<Request, 'originalUrl' | 'headers'>): string {
  return `${cookieValue(req.headers.cookie, 'lng')}\u0000${req.headers['accept-language'] ?? ''}\u0000${req.originalUrl}`
}

// Accept-Encoding headers repeat (a handful of browsers): negotiated once each.
const encodings = new Map<string, 'br' | 'gzip' | 'identity'>()
export function pickEncoding(req: IncomingMessage): 'br' | 'gzip' | 'identity' {
  const header = req.headers['accept-encoding'] ?? ''
  let chosen = encodings.get(header)
  if (!chosen) {
    const e = accepts(req).encodings(['br', 'gzip', 'identity'])
    chosen = e === 'br' || e === 'gzip' ? e : 'identity'
    if (encodings.size > 200) encodings.clear()
    encodings.set(header, chosen)
  }
  return chosen
}

/** A per-process budget of lean hits per client address and minute (the shared limit still applies to everything else). */
export function createHitLimiter(perMinute: number) {
  let window = 0
  const counts = new Map<string, number>()
  return (client: string) => {
    if (perMinute === Infinity) return true
    const now = Math.floor(Date.now() / 60_000)
    if (now !== window || counts.size > 50_000) {
      window = now
      counts.clear()
    }
    const n = (counts.get(client) ?? 0) + 1
    counts.set(client, n)
    return n <= perMinute
  }
}
