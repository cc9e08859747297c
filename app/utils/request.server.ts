import type { AppLoadContext } from '@remix-run/node'

/** The client IP from the Express host (hash it before it is stored anywhere). */
export function clientIp(context: AppLoadContext | undefined) {
  return context?.clientIp ?? ''
}
