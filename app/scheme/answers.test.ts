import { describe, expect, it } from 'vitest'
import { readAnswers, readAnswersForAssessment, type Answers } from './answers'

const full: Answers = {
  applicant: { kind: 'representative', survivorName: 'Kees', relation: 'mentor' },
  survivor: { bsnMasked: '*****4333' },
  personal: {
    fullName: 'Anna de Vries',
    email: 'anna@example.org',
    accountHolder: 'A. de Vries',
    bsnMasked: '*****1234',
    ibanMasked: 'NL91 **** 4300',
    hasPhone: true,
    payee: 'representative',
    authorisationCoversPayment: true,
  },
  placements: [{ from: '1975-03', to: '1977', kind: 'fosterFamily', place: 'Huize X', municipality: 'Utrecht', inNetherlands: 'yes' }],
  placementsDone: true,
  harm: { mode: 'write', kinds: ['physical'], ownWords: '  Het begon in de winter.\n' },
  evidence: { searchRecords: true, done: true },
  conversation: { wish: 'yes' },
  declarations: { truthful: true, processing: true, at: '2026-03-01T10:00:00.000Z' },
}

describe('readAnswers', () => {
  it('reads what the applicant pages wrote back exactly (nothing lost on the next save)', () => {
    expect(readAnswers(JSON.parse(JSON.stringify(full)))).toEqual(full)
  })

  it('reads nothing, or something that is no object, as not answered', () => {
    expect(readAnswers(null)).toEqual({})
    expect(readAnswers('x')).toEqual({})
  })

  it('lets one malformed part fall back to not answered and keeps the others', () => {
    const read = readAnswers({ ...full, placements: 'many', conversation: { wish: 42 } })
    expect(read.placements).toBeUndefined()
    expect(read.conversation).toEqual({ wish: 'no' })
    expect(read.personal).toEqual(full.personal)
  })
})

describe('readAnswersForAssessment', () => {
  it("names the answers in the case document's vocabulary", () => {
    const a = readAnswersForAssessment(full)
    expect(a).toMatchObject({
      applicantKind: 'representative',
      survivorName: 'Kees',
      relation: 'mentor',
      email: 'anna@example.org',
      payee: 'representative',
      authorisationCoversPayment: true,
      placements: [{ from: '1975-03', to: '1977', kind: 'fosterFamily', institutionName: 'Huize X', place: 'Utrecht', inNetherlands: true }],
      harms: { kinds: ['physical'], account: 'Het begon in de winter.' },
      recordsSearchRequested: true,
      conversationWanted: true,
    })
    expect(a.story).toBeUndefined()
  })

  it('reads an odd case (paper, import) as not answered rather than failing', () => {
    const a = readAnswersForAssessment({ applicant: { kind: 'alien', survivorName: '  ' }, placements: [{ inNetherlands: 'maybe' }], harm: { mode: 'story', kinds: 'x' } })
    expect(a).toMatchObject({ applicantKind: 'self', survivorName: undefined, authorisationCoversPayment: false, recordsSearchRequested: false, conversationWanted: false })
    expect(a.placements).toEqual([{ from: '', to: undefined, kind: 'other', institutionName: undefined, place: undefined, inNetherlands: true }])
    expect(a.harms).toEqual({ kinds: [], account: undefined, monumentStoryId: undefined })
  })

  it('gives the story as it was shared only when the applicant chose to use it', () => {
    const story = { id: '6f1c2a8e-3b4d-4c5e-9f60-718293a4b5c6', title: 'Mijn verhaal' }
    expect(readAnswersForAssessment({ harm: { mode: 'story', kinds: [], story } })).toMatchObject({ story, harms: { monumentStoryId: story.id } })
    expect(readAnswersForAssessment({ harm: { mode: 'write', kinds: [], story } }).story).toBeUndefined()
  })
})
