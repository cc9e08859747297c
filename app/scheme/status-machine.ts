/**
 * The application's status after the hand-off, as a pure function of the Schadefonds'
 * reports. The fund's webhooks can arrive late, twice or out of order (a retry after a
 * timeout, a queue on their side), so the status is never "the last event that arrived":
 * it is the fold of every report, sorted by the time the fund says it happened
 * (`occurredAt`), in which a step is taken only when it moves forward in the scheme's
 * order. The same set of reports gives the same state whatever order they came in, and a
 * report seen twice (same webhook id) counts once.
 *
 * The scheme's order: received → decided → (objection →  decided again)… → paid. An
 * objection follows a decision; a decision after an objection is the decision on the
 * objection and replaces the first. "paid" and "withdrawn" end the line: what comes after
 * is kept in the history but changes nothing.
 */

export const FUND_EVENT_KINDS = ['received', 'decided', 'objectionReceived', 'paid'] as const
export type FundEventKind = (typeof FUND_EVENT_KINDS)[number]
export type FundOutcome = 'granted' | 'rejected'

export type FundEvent = {
  /** The webhook id: the same report delivered twice has the same id. */
  id: string
  kind: FundEventKind
  occurredAt: Date
  outcome?: FundOutcome
  amountCents?: number
  reasonCode?: string
}

/** The portal's own statuses that come before the fund's, in order, and the fund's. */
const RANK: Record<string, number> = {
  draft: 0,
  submitted: 1,
  inAssessment: 2,
  informationRequested: 2,
  proposed: 3,
  confirmed: 4,
  handedOff: 5,
  received: 6,
  decided: 7,
  objectionReceived: 8,
  paid: 9,
}
const TERMINAL = new Set(['paid', 'withdrawn'])
const FUND_STATUSES = new Set<string>(FUND_EVENT_KINDS)

export type FundState = {
  status: string
  receivedAt: Date | null
  /** The decision in force: the last one taken, a decision on an objection replacing the first. */
  decision: { at: Date; outcome: FundOutcome | null; amountCents: number | null; reasonCode: string | null } | null
  objectionAt: Date | null
  paid: { at: Date; amountCents: number | null } | null
}

export type FoldResult = {
  state: FundState
  /** Per webhook id: whether the report took effect, or was late (kept in the history only). */
  effect: Map<string, 'applied' | 'late'>
}

/**
 * The status an application had before any report of the fund: its own status, or
 * "handed off" when it already shows one of the fund's (the fold starts again from there).
 */
export function baseStatus(current: string): string {
  return FUND_STATUSES.has(current) ? 'handedOff' : current
}

/** Whether a report of `kind` may follow `status` (the scheme's order). */
export function canMove(status: string, kind: FundEventKind): boolean {
  if (TERMINAL.has(status) || !(status in RANK)) return false
  // A newer decision replaces the one in force, and a decision may follow an objection.
  if (kind === 'decided' && (status === 'decided' || status === 'objectionReceived')) return true
  // An objection is against a decision.
  if (kind === 'objectionReceived' && status !== 'decided') return false
  return RANK[kind]! > RANK[status]!
}

/**
 * Whether going from `from` to `to` is a step back in the scheme's order. A decision after
 * an objection is not (it is the decision on the objection); leaving paid or withdrawn is.
 */
export function isBackwards(from: string, to: string): boolean {
  if (from === to) return false
  if (TERMINAL.has(from)) return true
  if (from === 'objectionReceived' && to === 'decided') return false
  return (RANK[to] ?? -1) < (RANK[from] ?? -1)
}

/** Time first; at the same instant the scheme's order; then the id, so the order never depends on arrival. */
function compare(a: FundEvent, b: FundEvent): number {
  return a.occurredAt.getTime() - b.occurredAt.getTime() || RANK[a.kind]! - RANK[b.kind]! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

export function foldFundEvents({ base, events }: { base: string; events: readonly FundEvent[] }): FoldResult {
  const unique = new Map<string, FundEvent>()
  for (const e of events) if (!unique.has(e.id)) unique.set(e.id, e)
  const state: FundState = { status: base, receivedAt: null, decision: null, objectionAt: null, paid: null }
  const effect = new Map<string, 'applied' | 'late'>()
  for (const e of [...unique.values()].sort(compare)) {
    if (!canMove(state.status, e.kind)) {
      effect.set(e.id, 'late')
      continue
    }
    effect.set(e.id, 'applied')
    state.status = e.kind
    if (e.kind === 'received') state.receivedAt = e.occurredAt
    if (e.kind === 'decided') {
      state.decision = { at: e.occurredAt, outcome: e.outcome ?? null, amountCents: e.amountCents ?? null, reasonCode: e.reasonCode ?? null }
      // A new decision opens a new objection term.
      state.objectionAt = null
    }
    if (e.kind === 'objectionReceived') state.objectionAt = e.occurredAt
    if (e.kind === 'paid') state.paid = { at: e.occurredAt, amountCents: e.amountCents ?? null }
  }
  return { state, effect }
}

/** The amount to show the applicant: what was paid, else what the decision granted. */
export function amountOf(state: Pick<FundState, 'decision' | 'paid'>): number | null {
  if (state.paid?.amountCents != null) return state.paid.amountCents
  return state.decision?.outcome === 'granted' ? state.decision.amountCents : null
}
