/** Only same-site paths: refuses absolute and protocol-relative URLs (no open redirect). */
export function safeRedirectPath(to: string | null | undefined, fallback = '/') {
  if (!to || typeof to !== 'string') return fallback
  if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  return to
}
