/**
 * Pillory guard: finds details in a story that could identify third parties (staff, foster
 * parents, other children), so that a moderator can decide, mark by mark, what to redact
 * before publication. A published story must never become a digital pillory.
 *
 * Deliberately heuristic and deliberately eager: a false alarm costs the moderator one click
 * ("keep"), a missed name can cost someone their safety. Pure and isomorphic, so the editor
 * in the browser can show the same marks while the survivor writes.
 *
 * Offsets are UTF-16 code unit indexes into the text as given (what `String#slice` uses).
 * This file holds the marks' vocabulary; `find.ts` finds them, `redactions.ts` applies the
 * moderator's decisions.
 */

export const MARK_KINDS = [
  'titledName',
  'personName',
  'email',
  'phone',
  'address',
  'postcode',
  'bsn',
  'dateOfBirth',
] as const
export type MarkKind = (typeof MARK_KINDS)[number]
export type MarkConfidence = 'high' | 'medium' | 'low'

export type Mark = {
  /** Stable for the same text: `${kind}:${start}`. */
  id: string
  kind: MarkKind
  start: number
  end: number
  text: string
  /** How sure the guard is; the moderator decides either way. */
  confidence: MarkConfidence
}

export type RedactionDecision = {
  markId: string
  action: 'redact' | 'keep'
  /** Text to put in place of the span; the kind's placeholder when absent. */
  replacement?: string
}

/** Translated placeholders per kind, e.g. `{ personName: '[naam verwijderd]', … }`. */
export type RedactionLabels = Record<MarkKind, string>

/** A span one detector found; `find.ts` settles overlaps between detectors. */
export type Candidate = { kind: MarkKind; start: number; end: number; confidence: MarkConfidence }
