import { getEnv } from '~/utils/env.server'

/**
 * The origin for canonical and sitemap addresses. Production requires PUBLIC_URL, so a forged
 * Host header can never reach a cached page's links; elsewhere the request's own origin.
 */
export function publicOrigin(request: Request): string {
  return (getEnv().PUBLIC_URL ?? new URL(request.url).origin).replace(/\/+$/, '')
}
