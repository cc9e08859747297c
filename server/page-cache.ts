// The public page cache (ADR 0011): rendered monument pages for anonymous readers, kept only
// while the publication generation they were rendered under stands. The generation is read
// from PostgreSQL on every request, by a query that starts after the request arrived, so a
// withdrawal or a report committed before a request is never answered from the cache.
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlib, gzip } from 'node:zlib'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { NextFunction, Request, Response } from 'express'
import { LRUCache } from 'lru-cache'
import type { PageBody } from '../app/utils/page-body'
import { createFreshReader } from './fresh-reader'
import { createTemplates } from './page-compose'
import { cacheKey, createHitLimiter, isCacheableRequest, pickEncoding, type CachedPath } from './page-cache-request'

export { cacheKey, isCacheableRequest, type CachedPath } from './page-cache-request'
export { createFreshReader } from './fresh-reader'

const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)

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
  /** What a cache hit sends, taken from the first response that served this entry (security headers, the entry's nonce). */
  wire?: string[]
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
  paths: CachedPath[]
  /**
   * A second validity besides the generation, for pages that show what holds today (the
   * scheme overview says whether a window is open): an entry kept under another value is stale.
   */
  epoch?: () => string
  /** Requests per minute one client address may get from the lean path (per process); more go the usual way, through the shared limit. */
  hitsPerMinute?: number
  /** Pages whose new addresses are composed into a kept page of the same path and language (ADR 0035). */
  bodies?: readonly PageBody[]
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
  const epoch = options.epoch ?? (() => '')
  const pages = new LRUCache<string, Entry & { epoch: string }>({
    maxSize: Math.max(1, options.maxBytes),
    sizeCalculation: (e) => e.identity.length + e.encodedBytes + 512,
  })
  // Concurrent misses for one page (after a change, every reader misses at once) share one render.
  const rendering = new Map<string, Promise<Entry | globalThis.Response>>()
  const stats = { hits: 0, misses: 0, bypassed: 0, notModified: 0, composed: 0 }
  const limiter = createHitLimiter(options.hitsPerMinute ?? Infinity)
  const templates = createTemplates<Entry & { epoch: string }>(options.bodies ?? [])

  async function store(response: globalThis.Response, gen: string, nonce: string): Promise<Entry> {
    const identity = Buffer.from(await response.arrayBuffer())
    const headers: Array<[string, string]> = []
    for (const [name, value] of response.headers) {
      if (name === 'content-length' || name === 'content-encoding' || name === 'set-cookie') continue
      headers.push([name, value])
    }
    return entryOf(identity, { generation: gen, nonce, status: response.status, headers })
  }

  function keep(key: string, entry: Entry & { epoch: string }) {
    // A newer generation may have been kept meanwhile; never replace it with an older one.
    const current = pages.get(key)
    if (!current || BigInt(current.generation) <= BigInt(entry.generation)) pages.set(key, entry)
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
        if (pages.peek(key) === entry) pages.set(key, entry as Entry & { epoch: string })
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
    // Every later hit sends these same headers from the lean path, without the chain that made them.
    if (!entry.wire) {
      entry.wire = wireHeaders(res)
      templates.remember(req.path, req.originalUrl, req.headers, entry as Entry & { epoch: string })
    }
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

  /**
   * The lean path, in front of Express (ADR 0033): a kept page of the current generation is
   * written with the headers its first response carried, skipping Express's request set-up,
   * logging, helmet, routing, the shared limit's database round trip and compression. Returns
   * false at once when the request is not one to answer here, and a promise of false when it
   * turns out not to be (a stale entry, a client over its per-process budget): the caller then
   * hands the untouched request to Express.
   */
  function hit(req: IncomingMessage, res: ServerResponse, clientIp: (req: IncomingMessage) => string): false | Promise<boolean> {
    if (options.maxBytes <= 0) return false
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    const request = { method: req.method ?? '', path: q < 0 ? url : url.slice(0, q), originalUrl: url, headers: req.headers }
    if (!isCacheableRequest(request, options.paths)) return false
    const key = cacheKey(request)
    const day = epoch()
    const found = pages.get(key)
    const kept = found?.wire && found.epoch === day ? found : undefined
    // Not kept yet: a page with a body of its own is composed into its template (ADR 0035).
    const template = kept || !templates.composable(request.path) ? undefined : templates.get(request.path, url, req.headers)
    if (!kept && (!template || template.entry.epoch !== day)) return false
    return generation().then(
      async (gen) => {
        if ((kept ?? template!.entry).generation !== gen || !limiter(clientIp(req))) return false
        let entry = kept
        if (entry) stats.hits++
        else {
          const { head, tail, lng, body, entry: from } = template!
          const main = await body({ url: new URL(url, 'http://portal.invalid'), lng, generation: gen })
          const made = entryOf(Buffer.from(head + main + tail), from)
          // The template's headers, with this page's own validator.
          entry = Object.assign(made, { epoch: day, wire: from.wire!.map((v, i, all) => (i % 2 === 1 && all[i - 1] === 'etag' ? made.etag : v)) })
          keep(key, entry)
          stats.composed++
        }
        const headers = entry.wire!
        if (req.headers['if-none-match'] === entry.etag) {
          stats.notModified++
          res.writeHead(304, headers).end()
          return true
        }
        const encoding = pickEncoding(req)
        const body = encoding === 'identity' ? entry.identity : await encode(key, entry, encoding)
        res.writeHead(entry.status, [...headers, ...(encoding === 'identity' ? [] : ['content-encoding', encoding]), 'content-length', String(body.length)])
        res.end(body)
        return true
      },
      () => false,
    )
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
    const day = epoch()
    const kept = pages.get(key)
    if (kept && kept.generation === gen && kept.epoch === day) {
      stats.hits++
      return serve(req, res, key, kept)
    }
    stats.misses++
    const flightKey = `${gen}\u0000${day}\u0000${key}`
    let flight = rendering.get(flightKey)
    if (!flight) {
      const nonce = String(res.locals.cspNonce)
      flight = (async () => {
        const response = await options.render(toFetchRequest(req), { cspNonce: nonce, clientIp: req.ip ?? '', publicationGeneration: gen })
        if (!isKeepable(response)) return response
        const entry = Object.assign(await store(response, gen, nonce), { epoch: day })
        // Compressed when a reader first asks for an encoding (off the main thread), not
        // ahead: most search addresses are read once, by a reader who wants one encoding.
        keep(key, entry)
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

  const clear = () => {
    pages.clear()
    templates.clear()
  }
  return { hit, middleware, stats, clear, size: () => pages.size }
}

/** A kept page's bytes with the status, headers and nonce of the response that made them (or of its template). */
function entryOf(identity: Buffer, from: Pick<Entry, 'generation' | 'nonce' | 'status' | 'headers'>): Entry {
  return {
    generation: from.generation,
    nonce: from.nonce,
    // The nonce is part of the bytes: a new rendering is a new entity.
    etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
    status: from.status,
    headers: from.headers,
    identity,
    encoded: {},
    encodedBytes: 0,
  }
}

// Per response, never replayed: the body's own length and encoding, and the shared limit's counters.
const NOT_REPLAYED = new Set(['content-length', 'content-encoding', 'set-cookie', 'ratelimit', 'ratelimit-policy', 'retry-after'])

function wireHeaders(res: Response): string[] {
  const out: string[] = []
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (value === undefined || NOT_REPLAYED.has(name)) continue
    // X-Content-Type-Options may have been set twice (helmet and a module): once is enough.
    out.push(name, Array.isArray(value) ? (name === 'x-content-type-options' ? value[0]! : value.join(', ')) : String(value))
  }
  if (!res.hasHeader('cache-control')) out.push('cache-control', 'no-store')
  return out
}

