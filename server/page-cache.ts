// The public page cache (ADR 0011): rendered monument pages for anonymous readers, kept only
// while the publication generation they were rendered under stands. The generation is read
// from PostgreSQL on every request, by a query that starts after the request arrived, so a
// withdrawal or a report committed before a request is never answered from the cache.
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlib, gzip } from 'node:zlib'
import type { NextFunction, Request, Response } from 'express'
import { LRUCache } from 'lru-cache'

const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)

/**
 * Reads a value so that the read started after the call: concurrent callers that arrive
 * while a read is under way share the next one. Each caller waits at most two round trips,
 * and under load one query serves many requests instead of one each.
 */
export function createFreshReader<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null
  let next: Promise<T> | null = null
  const start = (): Promise<T> => {
    const p = read().finally(() => {
      if (running === p) running = null
    })
    running = p
    return p
  }
  return () => {
    if (!running) return start()
    // A read is under way, but it started before this caller arrived: queue the next one.
    next ??= running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      next = null
      return start()
    })
    return next
  }
}

type Entry = {
  generation: string
  nonce: string
  etag: string
  status: number
  headers: Array<[string, string]>
  identity: Buffer
  /** Compressed once, when a reader first asks for that encoding (a page read once is compressed once). */
  encoded: Partial<Record<'br' | 'gzip', Promise<Buffer>>>
  encodedBytes: number
}

export type RenderContext = { cspNonce: string; clientIp: string; publicationGeneration?: string }

export type PageCacheOptions = {
  /** The Remix request handler (fetch API). */
  render: (request: globalThis.Request, context: RenderContext) => Promise<globalThis.Response>
  /** The publication generation as PostgreSQL holds it now. */
  readGeneration: () => Promise<string>
  /** Upper bound of the kept pages in bytes (all encodings together); 0 turns the cache off. */
  maxBytes: number
  /** Only these paths are ever considered (their routes must also answer `Cache-Control: public`). */
  paths: RegExp[]
}

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
export function isCacheableRequest(req: Pick<Request, 'method' | 'path' | 'originalUrl' | 'headers'>, paths: RegExp[]): boolean {
  if (req.method !== 'GET') return false
  if (req.originalUrl.length > MAX_URL_LENGTH) return false
  if (req.headers.authorization) return false
  if (!paths.some((p) => p.test(req.path))) return false
  return cookieNames(req.headers.cookie).every((n) => NEUTRAL_COOKIES.has(n))
}

/**
 * The key: the address with its query, and what picks the language (the `lng` cookie, then
 * Accept-Language, taken as sent, so the cache can never disagree with the language detection).
 */
export function cacheKey(req: Pick<Request, 'originalUrl' | 'headers'>): string {
  return `${cookieValue(req.headers.cookie, 'lng')}\u0000${req.headers['accept-language'] ?? ''}\u0000${req.originalUrl}`
}

/** Only a complete, public, cookie-free HTML page of an anonymous reader may be kept. */
function isKeepable(response: globalThis.Response): boolean {
  if (response.status !== 200) return false
  if (response.headers.has('set-cookie')) return false
  if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return false
  const cacheControl = response.headers.get('cache-control') ?? ''
  return /\bpublic\b/.test(cacheControl) && !/\b(no-store|private)\b/.test(cacheControl)
}

function toFetchRequest(req: Request): globalThis.Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
  }
  const controller = new AbortController()
  req.once('close', () => controller.abort())
  return new Request(`${req.protocol}://${req.get('host')}${req.originalUrl}`, { method: 'GET', headers, signal: controller.signal })
}

async function sendResponse(res: Response, response: globalThis.Response) {
  res.status(response.status)
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value)
  for (const cookie of response.headers.getSetCookie()) res.append('Set-Cookie', cookie)
  res.end(Buffer.from(await response.arrayBuffer()))
}

export function createPageCache(options: PageCacheOptions) {
  const generation = createFreshReader(options.readGeneration)
  const pages = new LRUCache<string, Entry>({
    maxSize: Math.max(1, options.maxBytes),
    sizeCalculation: (e) => e.identity.length + e.encodedBytes + 512,
  })
  // Concurrent misses for one page (after a change, every reader misses at once) share one render.
  const rendering = new Map<string, Promise<Entry | globalThis.Response>>()
  const stats = { hits: 0, misses: 0, bypassed: 0, notModified: 0 }

  async function store(response: globalThis.Response, gen: string, nonce: string): Promise<Entry> {
    const identity = Buffer.from(await response.arrayBuffer())
    const headers: Array<[string, string]> = []
    for (const [name, value] of response.headers) {
      if (name === 'content-length' || name === 'content-encoding' || name === 'set-cookie') continue
      headers.push([name, value])
    }
    return {
      generation: gen,
      nonce,
      // The nonce is part of the bytes: a new rendering is a new entity.
      etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
      status: response.status,
      headers,
      identity,
      encoded: {},
      encodedBytes: 0,
    }
  }

  function encode(key: string, entry: Entry, encoding: 'br' | 'gzip'): Promise<Buffer> {
    let pending = entry.encoded[encoding]
    if (!pending) {
      pending =
        encoding === 'br'
          ? brotliAsync(entry.identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: entry.identity.length } })
          : gzipAsync(entry.identity, { level: 6 })
      entry.encoded[encoding] = pending
      void pending.then((body) => {
        entry.encodedBytes += body.length
        // Count the new bytes against the bound (set again only if it is still the kept entry).
        if (pages.peek(key) === entry) pages.set(key, entry)
      })
    }
    return pending
  }

  async function serve(req: Request, res: Response, key: string, entry: Entry) {
    // The page carries the nonce it was rendered with; the policy of this response names it.
    const csp = res.getHeader('Content-Security-Policy')
    const requestNonce = String(res.locals.cspNonce)
    if (typeof csp === 'string') res.setHeader('Content-Security-Policy', csp.replace(`'nonce-${requestNonce}'`, `'nonce-${entry.nonce}'`))
    for (const [name, value] of entry.headers) res.setHeader(name, value)
    res.append('Vary', 'Accept-Encoding')
    res.setHeader('ETag', entry.etag)
    if (req.headers['if-none-match'] === entry.etag) {
      stats.notModified++
      res.status(304).end()
      return
    }
    const encoding = req.acceptsEncodings('br', 'gzip', 'identity')
    const body = encoding === 'br' || encoding === 'gzip' ? await encode(key, entry, encoding) : entry.identity
    if (encoding === 'br' || encoding === 'gzip') res.setHeader('Content-Encoding', encoding)
    res.setHeader('Content-Length', body.length)
    res.status(entry.status).end(body)
  }

  async function middleware(req: Request, res: Response, next: NextFunction) {
    if (options.maxBytes <= 0 || !isCacheableRequest(req, options.paths)) return next()
    let gen: string
    try {
      gen = await generation()
    } catch {
      stats.bypassed++
      return next() // the database is unwell: let Remix answer (and fail) as it would
    }
    const key = cacheKey(req)
    const kept = pages.get(key)
    if (kept && kept.generation === gen) {
      stats.hits++
      return serve(req, res, key, kept)
    }
    stats.misses++
    const flightKey = `${gen}\u0000${key}`
    let flight = rendering.get(flightKey)
    if (!flight) {
      const nonce = String(res.locals.cspNonce)
      flight = (async () => {
        const response = await options.render(toFetchRequest(req), { cspNonce: nonce, clientIp: req.ip ?? '', publicationGeneration: gen })
        if (!isKeepable(response)) return response
        const entry = await store(response, gen, nonce)
        // A newer generation may have been kept meanwhile; never replace it with an older one.
        const current = pages.get(key)
        if (!current || BigInt(current.generation) <= BigInt(gen)) pages.set(key, entry)
        return entry
      })().finally(() => rendering.delete(flightKey))
      rendering.set(flightKey, flight)
      const result = await flight.catch((error: unknown) => error)
      if (result instanceof Error) return next(result)
      return result instanceof globalThis.Response ? sendResponse(res, result) : serve(req, res, key, result as Entry)
    }
    // Someone else is rendering this page: a kept page is shared; anything else is rendered anew.
    const shared = await flight.catch(() => null)
    if (shared && !(shared instanceof globalThis.Response)) return serve(req, res, key, shared)
    return next()
  }

  return { middleware, stats, clear: () => pages.clear(), size: () => pages.size }
}
