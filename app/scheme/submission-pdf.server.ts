import type { TFunction } from 'i18next'
import { i18next } from '~/i18n/i18next.server'
import type { Lng } from '~/i18n/config'
import type { Answers } from './answers'
import { formatLongDate, isIsoDate } from './dates'
import { maskBsn } from './identifiers'
import { localise, type SchemeConfig } from './scheme-config'
import { createTaggedPdf } from '~/utils/tagged-pdf.server'

type Address = { street: string; houseNumber: string; postcode: string; town: string }

export type SubmissionPdfInput = {
  scheme: SchemeConfig
  reference: string
  submittedOn: string
  decisionDue: string
  locale: Lng
  answers: Answers
  documents: Array<{ type: string; fileName: string }>
  /** The applicant's own details that are kept encrypted (decrypted by the caller for this copy). */
  own?: { dateOfBirth: string | null; address: Address | null; phone: string | null } | null
  /** A representative's survivor. */
  survivor?: { dateOfBirth: string; bsn: string; address: Address } | null
}

/** One section of the copy: a heading and its answers, in the order of the application. */
export type PdfSection = { heading: string; rows: Array<{ label: string; value: string }>; paragraphs?: string[] }

/**
 * Every answer the applicant gave, as label and value, in their language: what the copy
 * shows. BSN and IBAN stay masked (the copy is a file that may be downloaded or printed; the
 * full numbers are in the encrypted application). Kept apart from the drawing so it can be
 * checked without reading a PDF.
 */
export function submissionSections(input: SubmissionPdfInput, t: TFunction): PdfSection[] {
  const { answers, scheme, locale } = input
  const long = (d: string | null | undefined) => (d && isIsoDate(d) ? formatLongDate(d, locale) : '–')
  const address = (a: Address | null | undefined) => (a ? `${a.street} ${a.houseNumber}, ${a.postcode} ${a.town}` : '–')
  const yesNo = (v: boolean) => t(v ? 'check.yes' : 'check.no')
  const v = (s: string | null | undefined) => (s && s.length ? s : '–')
  const sections: PdfSection[] = []

  const a = answers.applicant
  const applicantRows = [{ label: t('check.applicantKind'), value: a ? t(`applicant.kinds.${a.kind}.label`) : '–' }]
  if (a && a.kind !== 'self') applicantRows.push({ label: t('applicant.survivorName'), value: v(a.survivorName) })
  if (a?.relation) applicantRows.push({ label: t('applicant.relation'), value: a.relation })
  if (a?.kind === 'relative') {
    applicantRows.push({ label: t('applicant.survivorDateOfBirth'), value: long(a.survivorDateOfBirth) })
    applicantRows.push({ label: t('applicant.survivorDiedOn'), value: long(a.survivorDiedOn) })
  }
  sections.push({ heading: t('parts.applicant'), rows: applicantRows })

  if (a?.kind === 'representative') {
    const s = input.survivor
    sections.push({
      heading: t('parts.survivor_named', { name: a.survivorName ?? '' }),
      rows: [
        { label: t('applicant.survivorDateOfBirth'), value: long(s?.dateOfBirth) },
        { label: t('check.survivorBsn'), value: s ? maskBsn(s.bsn) : '–' },
        { label: t('check.survivorAddress'), value: address(s?.address) },
      ],
    })
  }

  const p = answers.personal
  const personalRows = [
    { label: t('personal.fullName'), value: v(p?.fullName) },
    { label: t('personal.dateOfBirth'), value: long(input.own?.dateOfBirth) },
    { label: t('personal.bsn'), value: v(p?.bsnMasked) },
    { label: t('personal.address'), value: address(input.own?.address) },
    { label: t('personal.email'), value: v(p?.email) },
    { label: t('personal.phone'), value: v(input.own?.phone) },
    { label: t('personal.iban'), value: v(p?.ibanMasked) },
    { label: t('personal.accountHolder'), value: v(p?.accountHolder) },
  ]
  if (a?.kind === 'representative') {
    personalRows.push({
      label: t('check.payee'),
      value: p?.payee === 'representative' ? t('check.payeeRepresentative') : p?.payee === 'survivor' ? t('check.payeeSurvivor', { name: a.survivorName ?? '' }) : '–',
    })
  }
  sections.push({ heading: t('parts.personal'), rows: personalRows, paragraphs: [t('pdf.maskedNote')] })

  const placements: PdfSection = { heading: t('parts.placements'), rows: [] }
  for (const [i, pl] of (answers.placements ?? []).entries()) {
    const kind = scheme.placementKinds.find((k) => k.code === pl.kind)
    const n = t('placements.number', { number: i + 1 })
    placements.rows.push(
      { label: `${n}, ${t('placements.period')}`, value: `${pl.from} – ${pl.to ?? t('placements.unknownEnd')}` },
      { label: `${n}, ${t('placements.kind')}`, value: kind ? localise(kind.label, locale) : pl.kind === 'adoption' ? t('placements.adoption') : t('placements.otherKind') },
      { label: `${n}, ${t('placements.place')}`, value: v(pl.place) },
      { label: `${n}, ${t('placements.municipality')}`, value: v(pl.municipality) },
      { label: `${n}, ${t('placements.placedBy')}`, value: v(pl.placedBy) },
      { label: `${n}, ${t('placements.inNetherlands')}`, value: yesNo(pl.inNetherlands === 'yes') },
    )
  }
  sections.push(placements)

  const h = answers.harm
  const harm: PdfSection = { heading: t('parts.harm'), rows: [{ label: t('harm.kindsLabel'), value: (h?.kinds ?? []).map((k) => t(`facets:violenceKinds.${k}`)).join(', ') || '–' }], paragraphs: [] }
  if (h?.mode === 'story' && h.story) {
    harm.rows.push({ label: t('harm.usesStory'), value: h.story.snapshot?.title || h.story.title })
    // The copy shows the text as it was shared, so the applicant keeps what the fund reads.
    if (h.story.snapshot) harm.paragraphs!.push(h.story.snapshot.text)
  }
  if (h?.mode === 'lifeStory' && h.lifeStory) {
    harm.rows.push({ label: t('harm.usesLifeStory'), value: h.lifeStory.snapshot?.title || h.lifeStory.title })
    if (h.lifeStory.snapshot) harm.paragraphs!.push(h.lifeStory.snapshot.text)
  }
  if (h?.ownWords) harm.paragraphs!.push(h.ownWords)
  sections.push(harm)

  sections.push({
    heading: t('parts.evidence'),
    rows: [...input.documents.map((d) => ({ label: t(`evidence.types.${d.type}`), value: d.fileName })), { label: t('evidence.searchRecords'), value: yesNo(Boolean(answers.evidence?.searchRecords)) }],
  })
  sections.push({ heading: t('parts.conversation'), rows: [{ label: t('conversation.question'), value: yesNo(answers.conversation?.wish === 'yes') }] })
  sections.push({ heading: t('parts.declarations'), rows: [], paragraphs: [t('declarations.truthful'), t('declarations.processing')] })
  return sections
}


/**
 * The applicant's copy of what they sent, in their language: a tagged PDF (structure tree,
 * document language, title shown) so a screen reader reads it in order, with headings.
 */
export async function renderSubmissionPdf(input: SubmissionPdfInput): Promise<Buffer> {
  const t = await i18next.getFixedT(input.locale, ['scheme', 'facets'])
  const { scheme, locale } = input
  const { doc, done } = createTaggedPdf({ locale, title: t('pdf.title'), author: t('pdf.author') })
  const regular = 'Body'
  const bold = 'Bold'

  const root = doc.struct('Document')
  doc.addStructure(root)
  const block = (type: 'H1' | 'H2' | 'P', draw: () => void) => root.add(doc.struct(type, {}, draw))
  const row = (label: string, value: string) =>
    block('P', () => {
      doc.font(bold).text(`${label}: `, { continued: true }).font(regular).text(value)
    })

  block('H1', () => doc.font(bold).fontSize(18).text(t('pdf.title')))
  block('P', () => doc.font(regular).fontSize(11).moveDown(0.3).text(localise(scheme.name, locale)))
  if (scheme.demonstration) block('P', () => doc.moveDown(0.3).fontSize(10).text(t('pdf.demonstration')))
  doc.moveDown(0.5).fontSize(10.5)
  row(t('pdf.reference'), input.reference)
  row(t('pdf.submittedOn'), formatLongDate(input.submittedOn, locale))
  row(t('pdf.decisionDue'), formatLongDate(input.decisionDue, locale))

  for (const section of submissionSections(input, t)) {
    block('H2', () => doc.moveDown(0.8).font(bold).fontSize(13).text(section.heading).moveDown(0.2).font(regular).fontSize(10.5))
    for (const r of section.rows) row(r.label, r.value)
    for (const text of section.paragraphs ?? []) block('P', () => doc.moveDown(0.2).font(regular).fontSize(10.5).text(text))
  }
  root.end()
  doc.end()
  return done
}
