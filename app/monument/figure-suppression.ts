/** Groups smaller than this are never published as a number (as for the triage figures). */
export const SUPPRESS_BELOW = 5

export type PublishedCount = { key: string; count: number | null; display: string }

/**
 * Turns raw counts per category into publishable ones: 1–4 become "< 5". When a dimension
 * would then hide exactly one category, the next smallest count is hidden too, so the hidden
 * one cannot be worked out from the total and the others (secondary suppression). Zero stays
 * zero: it points at no one.
 */
export function suppressCounts(counts: ReadonlyArray<{ key: string; count: number }>): PublishedCount[] {
  const small = (n: number) => n > 0 && n < SUPPRESS_BELOW
  const hidden = new Set(counts.filter((c) => small(c.count)).map((c) => c.key))
  if (hidden.size === 1) {
    const next = counts.filter((c) => c.count > 0 && !hidden.has(c.key)).sort((a, b) => a.count - b.count || a.key.localeCompare(b.key))[0]
    if (next) hidden.add(next.key)
  }
  return counts.map((c) =>
    hidden.has(c.key) ? { key: c.key, count: null, display: `< ${SUPPRESS_BELOW}` } : { key: c.key, count: c.count, display: String(c.count) },
  )
}

/** A total as published: below five it is "< 5" too. */
export function suppressTotal(n: number): PublishedCount {
  return n > 0 && n < SUPPRESS_BELOW ? { key: 'total', count: null, display: `< ${SUPPRESS_BELOW}` } : { key: 'total', count: n, display: String(n) }
}
