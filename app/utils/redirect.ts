/** Only same-site paths: refuses absolute and protocol-relative URLs (no open redirect). */
export function safeRedirectPath(to: string | null | undefined, fallback = '/') {
  if (!to || typeof to !== 'string') return fallback
  if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  // Our own links are percent-encoded ASCII. A control character or a non-Latin-1 letter in a
  // Location header makes Node throw (a 500 instead of a redirect), so anything else falls back.
  if (!/^[\x21-\x7E]*$/.test(to)) return fallback
  return to
}
