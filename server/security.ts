import { randomBytes } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import rateLimit, { type Store } from 'express-rate-limit'
import helmet from 'helmet'
import { fallbackLng, isLng, supportedLngs, type Lng } from '../app/i18n/config'
import { resources } from '../app/i18n/resources.server'
import { logger } from '../app/utils/logger.server'

/** A fresh nonce per request; Remix puts it on its inline and module scripts. */
export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = randomBytes(16).toString('base64')
  next()
}

/**
 * Enforced CSP (no report-only): only our own scripts, with the per-request nonce; no
 * third-party scripts, fonts, frames or trackers; nobody may frame the portal.
 */
export function securityHeaders(options: { production: boolean }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`, "'strict-dynamic'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        frameSrc: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        manifestSrc: ["'self'"],
        workerSrc: ["'self'"],
        ...(options.production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: { maxAge: 63_072_000, includeSubDomains: true },
    // `same-origin` (ADR 0017): no referrer at all to other sites, so nobody learns a reader
    // came from this portal; our own posts carry a real Origin (under `no-referrer` Chromium
    // sends `Origin: null`, which Remix's CSRF check refuses).
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  })
}

export function permissionsPolicy(_req: Request, res: Response, next: NextFunction) {
  res.setHeader(
    'Permissions-Policy',
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=(), browsing-topics=()',
  )
  next()
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses mutating requests from another origin (a second line behind SameSite=Lax
 * cookies). Browsers send Sec-Fetch-Site, which we trust first: a page with a stricter
 * referrer policy, a privacy extension or an older browser may send `Origin: null` even for
 * our own forms. Without it we compare Origin. Server-to-server calls with neither (webhooks)
 * pass; they authenticate with signatures of their own.
 */
export function isCrossOriginMutation(req: {
  method: string
  origin?: string
  secFetchSite?: string
  ownOrigin: string
}) {
  if (SAFE_METHODS.has(req.method)) return false
  if (req.secFetchSite) return req.secFetchSite !== 'same-origin' && req.secFetchSite !== 'none'
  if (req.origin && req.origin !== 'null') return req.origin !== req.ownOrigin
  return false
}

export function sameOriginMutations(publicUrl?: string) {
  const allowed = publicUrl ? new URL(publicUrl).origin : undefined
  return (req: Request, res: Response, next: NextFunction) => {
    const cross = isCrossOriginMutation({
      method: req.method,
      origin: req.get('origin'),
      secFetchSite: req.get('sec-fetch-site'),
      ownOrigin: allowed ?? `${req.protocol}://${req.get('host')}`,
    })
    if (cross) {
      smallPage(req, res, 403, 'crossSite')
      return
    }
    // Our own form, established by Sec-Fetch-Site, but with `Origin: null` (a page of ours with
    // `no-referrer`, a privacy extension): that Origin says nothing, and Remix's own check
    // (Origin host must equal Host) would refuse it with a blank 500. Without Sec-Fetch-Site
    // it stays, and Remix still refuses it.
    if (!SAFE_METHODS.has(req.method) && req.get('origin') === 'null' && req.get('sec-fetch-site') === 'same-origin') {
      delete req.headers.origin
    }
    next()
  }
}

/** The reader's language for answers given before Remix runs: the `lng` cookie, then Accept-Language. */
export function requestLanguage(req: Pick<Request, 'headers'> & { acceptsLanguages: (...langs: string[]) => string | false }): Lng {
  const cookie = /(?:^|;\s*)lng=([^;]*)/.exec(req.headers.cookie ?? '')?.[1]
  if (cookie) {
    try {
      // remix's createCookie without secrets: base64 of the JSON value.
      const value: unknown = JSON.parse(Buffer.from(decodeURIComponent(cookie), 'base64').toString('utf8'))
      if (isLng(value)) return value
    } catch {
      // not ours: fall through
    }
  }
  const accepted = req.acceptsLanguages(...supportedLngs)
  return isLng(accepted) ? accepted : fallbackLng
}

const escapeHtml = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

type CommonTexts = {
  siteName: string
  quickExit: { label: string }
  crisis: { lines: Record<string, { name: string; number: string; altNumber?: string }>; or: string }
  footer: { crisis: string }
  errors: { backHome: string; serverError: { title: string; body: string }; tooManyRequests: { title: string; body: string }; crossSite: { title: string; body: string } }
}
const commonTexts = (lng: Lng) => resources[lng]!.common as unknown as CommonTexts

/** A refusal answered before Remix runs, as a small page in the reader's language (common.json). */
function smallPage(req: Request, res: Response, status: number, key: 'tooManyRequests' | 'crossSite') {
  const lng = requestLanguage(req)
  const text = commonTexts(lng).errors[key]
  res
    .status(status)
    .type('html')
    .send(`<!DOCTYPE html><html lang="${lng}"><head><meta charset="utf-8"><title>${escapeHtml(text.title)}</title></head><body><main><h1>${escapeHtml(text.title)}</h1><p>${escapeHtml(text.body)}</p></main></body></html>`)
}

/** "Please wait", in the reader's language. */
function tooManyRequests(req: Request, res: Response) {
  smallPage(req, res, 429, 'tooManyRequests')
}

/** The crisis lines of the site header, with the numbers people dial (crisis-help.tsx holds the same list). */
const CRISIS_TEL: Record<string, { tel: string; altTel?: string }> = {
  suicide: { tel: '113', altTel: '08000113' },
  victimSupport: { tel: '09000101' },
  breakTheSilence: { tel: '09009999001' },
  emergency: { tel: '112' },
}

/**
 * The page for an error that happened before React could render (Remix's request handler, its
 * CSRF check, a failed render of the error boundary itself) or in Express: plain HTML without
 * scripts, in the reader's language, with the quick exit, the crisis lines and a way home.
 * Never a blank page: the reader may be in the middle of telling something hard.
 */
/** A stylesheet of the root layout: its address, and its media when it is not for every medium (print.css). */
export type Stylesheet = string | { href: string; media?: string }

export function lastResortPage({ lng, quickExitUrl, stylesheets = [] }: { lng: Lng; quickExitUrl: string; stylesheets?: Stylesheet[] }) {
  const text = commonTexts(lng)
  const lines = Object.entries(CRISIS_TEL)
    .map(([id, { tel, altTel }]) => {
      const line = text.crisis.lines[id]!
      const alt = altTel && line.altNumber ? ` ${escapeHtml(text.crisis.or)} <a href="tel:${altTel}">${escapeHtml(line.altNumber)}</a>` : ''
      return `<li><strong>${escapeHtml(line.name)}</strong> <a href="tel:${tel}">${escapeHtml(line.number)}</a>${alt}</li>`
    })
    .join('')
  // With its media: the print stylesheet hides the header (and the quick exit) on paper only.
  const links = stylesheets
    .map((sheet) => (typeof sheet === 'string' ? { href: sheet } : sheet))
    .map(({ href, media }) => `<link rel="stylesheet" href="${escapeHtml(href)}"${media ? ` media="${escapeHtml(media)}"` : ''}>`)
    .join('')
  return (
    `<!DOCTYPE html><html lang="${lng}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="referrer" content="same-origin"><meta name="robots" content="noindex"><title>${escapeHtml(text.errors.serverError.title)}</title>${links}</head>` +
    `<body><header class="site-header"><div class="site-header__top"><a href="/" class="site-header__name">${escapeHtml(text.siteName)}</a>` +
    `<div class="site-header__tools"><a class="quick-exit" href="${escapeHtml(quickExitUrl)}" rel="noreferrer noopener">${escapeHtml(text.quickExit.label)}</a></div></div></header>` +
    `<main id="inhoud"><div class="page"><h1>${escapeHtml(text.errors.serverError.title)}</h1><p>${escapeHtml(text.errors.serverError.body)}</p>` +
    `<p><a href="/">${escapeHtml(text.errors.backHome)}</a></p><p>${escapeHtml(text.footer.crisis)}</p><ul>${lines}</ul></div></main></body></html>`
  )
}

/** A browser asking for a page (not a `.data` fetch, a file or a webhook): it should get a page back. */
function wantsDocument(req: Request) {
  return (req.get('accept') ?? '').includes('text/html') && !req.path.endsWith('.data') && !('_data' in req.query)
}

/**
 * Last-resort error pages around the Remix handler. `guard` goes right before it: Remix answers
 * an error it cannot render (its CSRF check, a throw before React ran, a failed error boundary)
 * with an empty or plain-text 500; a browser asking for a page gets `lastResortPage` instead.
 * `handler` is Express's error handler, last in the chain, for errors outside Remix.
 */
export function lastResortErrors(options: { quickExitUrl: string; stylesheets?: Stylesheet[] }) {
  const page = (req: Request) => lastResortPage({ lng: requestLanguage(req), ...options })
  const guard = (req: Request, res: Response, next: NextFunction) => {
    if (!wantsDocument(req)) return next()
    const write = res.write
    const end = res.end
    let replaced: boolean | undefined
    const decide = () => {
      if (replaced !== undefined) return replaced
      const type = String(res.getHeader('Content-Type') ?? '')
      // Only Remix's own bare answers (no body type, or its "Unexpected Server Error" text): a
      // route's deliberate 5xx with a body of its own (JSON from /healthz) stays as it is.
      replaced = !res.headersSent && res.statusCode >= 500 && (type === '' || type.startsWith('text/plain'))
      if (replaced) {
        res.removeHeader('Content-Length')
        res.removeHeader('Content-Encoding')
        res.setHeader('Content-Type', 'text/html; charset=utf-8')
      }
      return replaced
    }
    res.write = function (this: Response, ...args: Parameters<typeof write>) {
      // The empty or plain-text body is dropped; the page is written at the end.
      if (decide()) return true
      return write.apply(this, args)
    } as typeof write
    res.end = function (this: Response, ...args: unknown[]) {
      if (decide()) return end.call(this, page(req), 'utf8')
      return (end as (...a: unknown[]) => Response).apply(this, args)
    } as typeof end
    next()
  }
  const handler = (err: unknown, req: Request, res: Response, next: NextFunction) => {
    // Only the error: no request data (ADR on logging, README).
    logger.error({ err }, 'unhandled error in the Express chain')
    if (res.headersSent) return next(err)
    res.status(500)
    if (wantsDocument(req)) res.type('html').send(page(req))
    else res.type('text/plain').send('Internal Server Error')
  }
  return { guard, handler }
}

/**
 * Two tiers: reading is generous; writing (POST etc.) is stricter. Auth steps add their own limits.
 * `store` gives each tier its counter store: the portal passes the shared PostgreSQL store
 * (server/shared-limits.ts, ADR 0027); without one each process counts for itself.
 */
export function rateLimits(perMinute: { reads: number; writes: number }, store?: (tier: 'reads' | 'writes') => Store) {
  const common = { standardHeaders: 'draft-7' as const, legacyHeaders: false, handler: tooManyRequests }
  const reads = rateLimit({
    ...common,
    ...(store ? { store: store('reads') } : {}),
    windowMs: 60_000,
    limit: perMinute.reads,
    skip: (req) => !SAFE_METHODS.has(req.method),
  })
  const writes = rateLimit({
    ...common,
    ...(store ? { store: store('writes') } : {}),
    windowMs: 60_000,
    limit: perMinute.writes,
    // Signed server-to-server webhooks (the Schadefonds) are not a person at a keyboard.
    skip: (req) => SAFE_METHODS.has(req.method) || req.path.startsWith('/api/schadefonds/'),
  })
  return [reads, writes] as const
}
