import { randomBytes } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import rateLimit from 'express-rate-limit'
import helmet from 'helmet'
import { fallbackLng, isLng, supportedLngs, type Lng } from '../app/i18n/config'
import { resources } from '../app/i18n/resources.server'

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
    referrerPolicy: { policy: 'no-referrer' },
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
 * cookies). Browsers send Sec-Fetch-Site, which we trust first: with our
 * `Referrer-Policy: no-referrer` they send `Origin: null` even for our own forms.
 * Without it we compare Origin. Server-to-server calls with neither (webhooks) pass;
 * they authenticate with signatures of their own.
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
      res.status(403).type('text/plain').send('Forbidden: cross-origin request')
      return
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

/** "Please wait", in the reader's language (common.json), as a small page of its own. */
function tooManyRequests(req: Request, res: Response) {
  const lng = requestLanguage(req)
  const text = (resources[lng]!.common as { errors: { tooManyRequests: { title: string; body: string } } }).errors.tooManyRequests
  const escape = (v: string) => v.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
  res
    .status(429)
    .type('html')
    .send(`<!DOCTYPE html><html lang="${lng}"><head><meta charset="utf-8"><title>${escape(text.title)}</title></head><body><main><h1>${escape(text.title)}</h1><p>${escape(text.body)}</p></main></body></html>`)
}

/** Two tiers: reading is generous; writing (POST etc.) is stricter. Auth steps add their own limits. */
export function rateLimits(perMinute: { reads: number; writes: number }) {
  const common = { standardHeaders: 'draft-7' as const, legacyHeaders: false, handler: tooManyRequests }
  const reads = rateLimit({
    ...common,
    windowMs: 60_000,
    limit: perMinute.reads,
    skip: (req) => !SAFE_METHODS.has(req.method),
  })
  const writes = rateLimit({
    ...common,
    windowMs: 60_000,
    limit: perMinute.writes,
    // Signed server-to-server webhooks (the Schadefonds) are not a person at a keyboard.
    skip: (req) => SAFE_METHODS.has(req.method) || req.path.startsWith('/api/schadefonds/'),
  })
  return [reads, writes] as const
}
