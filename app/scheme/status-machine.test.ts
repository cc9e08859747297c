import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applicationStatusEnum } from '@db/schema/scheme'
import { amountOf, baseStatus, canMove, isBackwards, foldFundEvents, FUND_EVENT_KINDS, type FundEvent, type FundEventKind } from './status-machine'

const at = (day: number) => new Date(Date.UTC(2026, 2, day, 10))
const ev = (id: string, kind: FundEventKind, day: number, extra: Partial<FundEvent> = {}): FundEvent => ({ id, kind, occurredAt: at(day), ...extra })

const received = ev('r', 'received', 1)
const decided = ev('d', 'decided', 10, { outcome: 'granted', amountCents: 500_000 })
const paid = ev('p', 'paid', 20, { amountCents: 500_000 })

describe('the scheme order (every status × every report)', () => {
  // Rows: the status an application is in; columns: whether each report may move it.
  const table: Record<string, Record<FundEventKind, boolean>> = {
    draft: { received: true, decided: true, objectionReceived: false, paid: true },
    submitted: { received: true, decided: true, objectionReceived: false, paid: true },
    inAssessment: { received: true, decided: true, objectionReceived: false, paid: true },
    informationRequested: { received: true, decided: true, objectionReceived: false, paid: true },
    proposed: { received: true, decided: true, objectionReceived: false, paid: true },
    confirmed: { received: true, decided: true, objectionReceived: false, paid: true },
    handedOff: { received: true, decided: true, objectionReceived: false, paid: true },
    received: { received: false, decided: true, objectionReceived: false, paid: true },
    decided: { received: false, decided: true, objectionReceived: true, paid: true },
    objectionReceived: { received: false, decided: true, objectionReceived: false, paid: true },
    paid: { received: false, decided: false, objectionReceived: false, paid: false },
    withdrawn: { received: false, decided: false, objectionReceived: false, paid: false },
  }

  it('covers every application status', () => {
    expect(Object.keys(table).sort()).toEqual([...applicationStatusEnum.enumValues].sort())
  })

  for (const [status, row] of Object.entries(table)) {
    for (const kind of FUND_EVENT_KINDS) {
      it(`${status} + ${kind} → ${row[kind] ? 'moves' : 'stays'}`, () => {
        expect(canMove(status, kind)).toBe(row[kind])
      })
    }
  }

  it('knows a step back: leaving paid or withdrawn, or a lower step, but not the decision on an objection', () => {
    expect(isBackwards('paid', 'received')).toBe(true)
    expect(isBackwards('withdrawn', 'decided')).toBe(true)
    expect(isBackwards('decided', 'received')).toBe(true)
    expect(isBackwards('objectionReceived', 'decided')).toBe(false)
    expect(isBackwards('handedOff', 'paid')).toBe(false)
    expect(isBackwards('paid', 'paid')).toBe(false)
  })

  it('starts the fold from the portal status, or from "handed off" once the fund has reported', () => {
    expect(baseStatus('confirmed')).toBe('confirmed')
    expect(baseStatus('withdrawn')).toBe('withdrawn')
    for (const kind of FUND_EVENT_KINDS) expect(baseStatus(kind)).toBe('handedOff')
  })
})

describe('folding the reports', () => {
  it('received → decided → paid → a late "received": still paid, with the outcome and amount', () => {
    const late = ev('r2', 'received', 25)
    const { state, effect } = foldFundEvents({ base: 'handedOff', events: [received, decided, paid, late] })
    expect(state).toMatchObject({ status: 'paid', receivedAt: at(1), decision: { at: at(10), outcome: 'granted', amountCents: 500_000 }, paid: { at: at(20), amountCents: 500_000 } })
    expect(effect.get('r2')).toBe('late')
    expect(amountOf(state)).toBe(500_000)
  })

  it('paid arriving before decided ends paid, with the decision filled in by its own time', () => {
    const { state, effect } = foldFundEvents({ base: 'handedOff', events: [paid, decided] })
    expect(state).toMatchObject({ status: 'paid', decision: { at: at(10), outcome: 'granted' } })
    expect(effect.get('d')).toBe('applied')
  })

  it('a report seen twice counts once', () => {
    const once = foldFundEvents({ base: 'handedOff', events: [received, decided] })
    const twice = foldFundEvents({ base: 'handedOff', events: [received, decided, decided, received] })
    expect(twice).toEqual(once)
  })

  it('an objection reopens the case, and the decision on it replaces the first', () => {
    const refused = ev('d1', 'decided', 10, { outcome: 'rejected', reasonCode: 'notPlausible' })
    const objection = ev('o', 'objectionReceived', 15)
    const onObjection = ev('d2', 'decided', 40, { outcome: 'granted', amountCents: 500_000 })
    const mid = foldFundEvents({ base: 'handedOff', events: [refused, objection] })
    expect(mid.state).toMatchObject({ status: 'objectionReceived', objectionAt: at(15), decision: { outcome: 'rejected' } })
    const { state } = foldFundEvents({ base: 'handedOff', events: [onObjection, objection, refused] })
    expect(state).toMatchObject({ status: 'decided', objectionAt: null, decision: { at: at(40), outcome: 'granted', amountCents: 500_000 } })
  })

  it('an objection without a decision before it changes nothing', () => {
    const { state, effect } = foldFundEvents({ base: 'handedOff', events: [ev('o', 'objectionReceived', 5), decided] })
    expect(state.status).toBe('decided')
    expect(effect.get('o')).toBe('late')
  })

  it('a withdrawn application stays withdrawn', () => {
    const { state } = foldFundEvents({ base: 'withdrawn', events: [received, decided, paid] })
    expect(state.status).toBe('withdrawn')
  })

  it('shows the granted amount before payment, and none for a refusal', () => {
    expect(amountOf(foldFundEvents({ base: 'handedOff', events: [decided] }).state)).toBe(500_000)
    expect(amountOf(foldFundEvents({ base: 'handedOff', events: [ev('d', 'decided', 10, { outcome: 'rejected' })] }).state)).toBeNull()
  })
})

const eventArb = fc.record({
  id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
  kind: fc.constantFrom(...FUND_EVENT_KINDS),
  occurredAt: fc.integer({ min: 1, max: 30 }).map(at),
  outcome: fc.constantFrom<'granted' | 'rejected' | undefined>('granted', 'rejected', undefined),
  amountCents: fc.constantFrom(undefined, 500_000),
})
// One report per webhook id (a duplicate delivery carries the same body).
const historyArb = fc.uniqueArray(eventArb, { selector: (e) => e.id, maxLength: 7 }) as fc.Arbitrary<FundEvent[]>
const RANK = ['handedOff', 'received', 'decided', 'objectionReceived', 'paid']

describe('properties over any history', () => {
  it('the state does not depend on arrival order or on duplicates', () => {
    fc.assert(
      fc.property(historyArb, fc.infiniteStream(fc.nat()), (events, seeds) => {
        const shuffled = [...events, ...events.slice(0, 2)].sort(() => (seeds.next().value % 3) - 1)
        expect(foldFundEvents({ base: 'handedOff', events: shuffled }).state).toEqual(foldFundEvents({ base: 'handedOff', events }).state)
      }),
    )
  })

  it('one more report never moves the status back (only a decision on an objection follows the objection), and paid stays paid', () => {
    fc.assert(
      fc.property(historyArb, eventArb, (events, extra) => {
        if (events.some((e) => e.id === extra.id)) return
        const before = foldFundEvents({ base: 'handedOff', events }).state.status
        const after = foldFundEvents({ base: 'handedOff', events: [...events, extra as FundEvent] }).state.status
        if (before === 'paid') expect(after).toBe('paid')
        const backwards = RANK.indexOf(after) < RANK.indexOf(before)
        if (backwards) expect([before, after]).toEqual(['objectionReceived', 'decided'])
      }),
    )
  })
})
