import type { Mark, RedactionDecision, RedactionLabels } from './marks'

/** Thrown when decisions or marks do not belong to this text; re-run the guard. */
export class StaleMarksError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StaleMarksError'
  }
}

/**
 * The text with every span decided as `redact` replaced (by `replacement` or the kind's
 * placeholder). Text outside those spans is returned unchanged, character for character.
 * Refuses (StaleMarksError) rather than guess when a mark no longer matches the text: a
 * redaction shifted by one edit could publish the very name it was meant to hide.
 */
export function applyRedactions(
  text: string,
  decisions: RedactionDecision[],
  marks: Mark[],
  labels: RedactionLabels,
): string {
  const byId = new Map(marks.map((m) => [m.id, m]))
  const seen = new Set<string>()
  const redact: Array<{ mark: Mark; replacement: string }> = []
  for (const decision of decisions) {
    if (seen.has(decision.markId)) throw new StaleMarksError(`two decisions for mark ${decision.markId}`)
    seen.add(decision.markId)
    const mark = byId.get(decision.markId)
    if (!mark) throw new StaleMarksError(`decision for unknown mark ${decision.markId}`)
    if (mark.start < 0 || mark.end > text.length || text.slice(mark.start, mark.end) !== mark.text) {
      throw new StaleMarksError(`mark ${mark.id} does not match the text`)
    }
    if (decision.action === 'redact') redact.push({ mark, replacement: decision.replacement ?? labels[mark.kind] })
  }
  redact.sort((a, b) => a.mark.start - b.mark.start)
  let out = ''
  let at = 0
  for (const { mark, replacement } of redact) {
    if (mark.start < at) throw new StaleMarksError(`mark ${mark.id} overlaps another redaction`)
    out += text.slice(at, mark.start) + replacement
    at = mark.end
  }
  return out + text.slice(at)
}

/** Marks without a decision yet: a story is not published while this is not empty. */
export function findUndecidedMarks(marks: Mark[], decisions: RedactionDecision[]): Mark[] {
  const decided = new Set(decisions.map((d) => d.markId))
  return marks.filter((m) => !decided.has(m.id))
}
