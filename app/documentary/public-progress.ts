/**
 * "Continue where you left off" for the documentary, kept ONLY in the reader's own browser
 * (localStorage): which chapter and which block they read last. Nothing of it is sent to the
 * server — no cookie, no request parameter — so the public pages stay the same for every
 * anonymous reader (and cacheable), and the portal never learns what someone read.
 *
 * The stored value is parsed defensively: it lives on the reader's device and may be old,
 * edited or written by another version of the page. The page's inline reading script
 * (reading-script.ts) reads and writes it; its property test holds it to `parseProgress`.
 */
export const PROGRESS_KEY = 'documentaire:voortgang'

export type ReadingProgress = {
  chapter: string
  block: string | null
  at: string
}

const SLUG = /^[a-z0-9-]{1,80}$/
const BLOCK = /^blok-[a-z0-9-]{1,64}$/

export function parseProgress(raw: string | null | undefined): ReadingProgress | null {
  if (!raw || raw.length > 1000) return null
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const { chapter, block, at } = value as Record<string, unknown>
  if (typeof chapter !== 'string' || !SLUG.test(chapter)) return null
  if (block !== null && block !== undefined && (typeof block !== 'string' || !BLOCK.test(block))) return null
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) return null
  return { chapter, block: typeof block === 'string' ? block : null, at }
}

/** Where "continue" leads: the chapter, at the block last read when there is one. */
export function progressHref(progress: ReadingProgress): string {
  return `/documentaire/${progress.chapter}${progress.block ? `#${progress.block}` : ''}`
}

/** The element id of a block on the chapter page (also the anchor the contents and "continue" link to). */
export function blockAnchor(blockId: string) {
  return `blok-${blockId
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '')
    .slice(0, 64)}`
}
