import { findAddresses, findBsns, findDates, findEmails, findPhones, findPostcodes } from './details'
import type { Candidate, Mark, MarkKind } from './marks'
import { findPersonNames, findTitledNames, tokenize } from './names'

/** Higher wins an overlap; equal ranks go to the longer span. */
const RANK: Record<MarkKind, number> = {
  email: 8,
  phone: 7,
  bsn: 7,
  postcode: 7,
  dateOfBirth: 7,
  address: 6,
  titledName: 4,
  personName: 2,
}

/**
 * Every detail in `text` that could identify someone, without overlaps (the more specific
 * kind wins, then the longer span), in text order.
 */
export function findIdentifyingDetails(text: string): Mark[] {
  const candidates: Candidate[] = []
  findEmails(text, candidates)
  findPhones(text, candidates)
  findBsns(text, candidates)
  findPostcodes(text, candidates)
  findDates(text, candidates)
  findAddresses(text, candidates)

  const tokens = tokenize(text)
  const known = { titled: new Set<string>(), seen: new Map<string, number>() }
  findTitledNames(text, tokens, candidates, known.titled)
  // First learn which words are names (after titles, in mid-sentence), then find them
  // everywhere, also where a sentence starts with one.
  findPersonNames(text, tokens, [], known, true)
  findPersonNames(text, tokens, candidates, known, false)

  candidates.sort((a, b) => RANK[b.kind] - RANK[a.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start)
  const chosen: Candidate[] = []
  for (const c of candidates) {
    if (c.end <= c.start) continue
    if (chosen.some((o) => c.start < o.end && o.start < c.end)) continue
    chosen.push(c)
  }
  return chosen
    .sort((a, b) => a.start - b.start)
    .map((c) => ({ id: `${c.kind}:${c.start}`, kind: c.kind, start: c.start, end: c.end, text: text.slice(c.start, c.end), confidence: c.confidence }))
}

/**
 * The guard for a WebVTT captions file. Only the cue text is read (and voice tags such as
 * `<v Wim>`, which can name someone): the header and the timing lines are blanked out with
 * spaces of the same length first, so the marks' offsets are into the file exactly as stored
 * and `applyRedactions` works on the file itself.
 */
export function findIdentifyingDetailsInCaptions(vtt: string): Mark[] {
  const masked = vtt
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 1 ? part : i === 0 || part.includes('-->') ? ' '.repeat(part.length) : part))
    .join('')
  return findIdentifyingDetails(masked).filter((m) => vtt.slice(m.start, m.end) === m.text)
}
