import { afterAll, describe, expect, it } from 'vitest'
import { closeDb } from '@db/client.server'
import { i18next } from '~/i18n/i18next.server'
import { JEUGDZORG_DEMO_2026 } from './schemes'
import { renderSubmissionPdf, submissionSections, type SubmissionPdfInput } from './submission-pdf.server'

afterAll(() => closeDb())

const input: SubmissionPdfInput = {
  scheme: JEUGDZORG_DEMO_2026,
  reference: 'JZ-2026-000123',
  submittedOn: '2026-12-07',
  decisionDue: '2027-06-07',
  locale: 'nl',
  answers: {
    applicant: { kind: 'representative', survivorName: 'Kees de Boer', relation: 'Zijn dochter' },
    survivor: { bsnMasked: '*****2333' },
    personal: { fullName: 'Anna de Boer', email: 'anna@example.org', accountHolder: 'K. de Boer', bsnMasked: '*****6782', ibanMasked: 'NL91 **** 4300', hasPhone: true, payee: 'survivor' },
    placements: [{ from: '1972-03', to: '1975', kind: 'residentialYouthCare', place: 'Huize Zonneschijn', municipality: 'Zeist', inNetherlands: 'yes' }],
    harm: { mode: 'write', kinds: ['physical'], ownWords: 'Wat mijn vader vertelde.' },
    evidence: { searchRecords: true, done: true },
    conversation: { wish: 'no' },
  },
  documents: [{ type: 'authorisation', fileName: 'machtiging.pdf' }],
  own: { dateOfBirth: '1985-08-20', address: { street: 'Kerkstraat', houseNumber: '3', postcode: '3512 AB', town: 'Utrecht' }, phone: '06 12345678' },
  survivor: { dateOfBirth: '1960-03-12', bsn: '111222333', address: { street: 'Laan', houseNumber: '7', postcode: '3581 AB', town: 'Utrecht' } },
}

describe('the PDF copy of an application', () => {
  it('holds every answer, the birth dates and addresses included, with the BSN and IBAN masked', async () => {
    const t = await i18next.getFixedT('nl', ['scheme', 'facets'])
    const text = submissionSections(input, t)
      .flatMap((s) => [s.heading, ...s.rows.map((r) => `${r.label}: ${r.value}`), ...(s.paragraphs ?? [])])
      .join('\n')
    for (const expected of [
      'Geboortedatum: 20 augustus 1985',
      'Adres: Kerkstraat 3, 3512 AB Utrecht',
      'Telefoonnummer: 06 12345678',
      'Gegevens van Kees de Boer',
      'Geboortedatum van het slachtoffer: 12 maart 1960',
      'Adres van het slachtoffer: Laan 7, 3581 AB Utrecht',
      'BSN van het slachtoffer: *****2333',
      'Kees de Boer (het slachtoffer)',
      'Wat mijn vader vertelde.',
      'Jeugdzorg met verblijf',
    ]) {
      expect(text).toContain(expected)
    }
    expect(text).not.toContain('111222333')
    expect(text).not.toContain('123456782')
  })

  it('is a tagged PDF with a structure tree, the document language and its title shown', async () => {
    const pdf = (await renderSubmissionPdf(input)).toString('latin1')
    expect(pdf.startsWith('%PDF-1.7')).toBe(true)
    expect(pdf).toContain('/StructTreeRoot')
    expect(pdf).toContain('/MarkInfo')
    expect(pdf).toContain('/Marked true')
    expect(pdf).toContain('/Lang (nl-NL)')
    expect(pdf).toContain('/DisplayDocTitle true')
  })

  it('embeds a Unicode font, so names beyond Latin-1 keep their letters', async () => {
    const pdf = (await renderSubmissionPdf({ ...input, answers: { ...input.answers, personal: { ...input.answers.personal!, fullName: 'Łukasz Şükrü Nguyễn' } } })).toString('latin1')
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/)
    expect(pdf).toContain('/FontFile2')
    expect(pdf).not.toContain('/Helvetica')
  })
})
