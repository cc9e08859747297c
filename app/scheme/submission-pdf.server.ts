import PDFDocument from 'pdfkit'
import { i18next } from '~/i18n/i18next.server'
import type { Lng } from '~/i18n/config'
import type { Answers } from './application-form'
import { formatLongDate } from './dates'
import { localise, type SchemeConfig } from './scheme-config'

export type SubmissionPdfInput = {
  scheme: SchemeConfig
  reference: string
  submittedOn: string
  decisionDue: string
  locale: Lng
  answers: Answers
  documents: Array<{ type: string; fileName: string }>
}

/**
 * The applicant's copy of what they sent, in their language. The BSN and IBAN appear masked:
 * the copy is stored as a file and may be downloaded or printed, and the full numbers are
 * already in the encrypted application.
 */
export async function renderSubmissionPdf(input: SubmissionPdfInput): Promise<Buffer> {
  const t = await i18next.getFixedT(input.locale, ['scheme', 'facets'])
  const { answers, scheme, locale } = input
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: t('pdf.title'), Author: t('pdf.author') }, lang: locale })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const heading = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(text).moveDown(0.2).font('Helvetica').fontSize(10.5)
  const row = (label: string, value: string | undefined | null) => {
    doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value && value.length ? value : '–')
  }
  const yesNo = (v: boolean) => t(v ? 'check.yes' : 'check.no')

  doc.font('Helvetica-Bold').fontSize(18).text(t('pdf.title'))
  doc.font('Helvetica').fontSize(11).moveDown(0.3).text(localise(scheme.name, locale))
  if (scheme.demonstration) doc.moveDown(0.3).fontSize(10).text(t('pdf.demonstration'))
  doc.moveDown(0.5).fontSize(10.5)
  row(t('pdf.reference'), input.reference)
  row(t('pdf.submittedOn'), formatLongDate(input.submittedOn, locale))
  row(t('pdf.decisionDue'), formatLongDate(input.decisionDue, locale))

  heading(t('parts.applicant'))
  const a = answers.applicant
  row(t('check.applicantKind'), a ? t(`applicant.kinds.${a.kind}.label`) : null)
  if (a && a.kind !== 'self') row(t('applicant.survivorName'), a.survivorName)
  if (a?.relation) row(t('applicant.relation'), a.relation)
  if (a?.survivorDateOfBirth) row(t('applicant.survivorDateOfBirth'), formatLongDate(a.survivorDateOfBirth, locale))
  if (a?.survivorDiedOn) row(t('applicant.survivorDiedOn'), formatLongDate(a.survivorDiedOn, locale))

  heading(t('parts.personal'))
  const p = answers.personal
  row(t('personal.fullName'), p?.fullName)
  row(t('personal.bsn'), p?.bsnMasked)
  row(t('personal.email'), p?.email)
  row(t('personal.iban'), p?.ibanMasked)
  row(t('personal.accountHolder'), p?.accountHolder)
  doc.fontSize(9).text(t('pdf.maskedNote')).fontSize(10.5)

  heading(t('parts.placements'))
  for (const [i, pl] of (answers.placements ?? []).entries()) {
    const kind = scheme.placementKinds.find((k) => k.code === pl.kind)
    doc.font('Helvetica-Bold').text(t('placements.number', { number: i + 1 })).font('Helvetica')
    row(t('placements.period'), `${pl.from} – ${pl.to ?? t('placements.unknownEnd')}`)
    row(t('placements.kind'), kind ? localise(kind.label, locale) : t('placements.otherKind'))
    row(t('placements.place'), pl.place)
    row(t('placements.municipality'), pl.municipality)
    row(t('placements.placedBy'), pl.placedBy)
    row(t('placements.inNetherlands'), yesNo(pl.inNetherlands === 'yes'))
  }

  heading(t('parts.harm'))
  const h = answers.harm
  row(t('harm.kindsLabel'), (h?.kinds ?? []).map((k) => t(`facets:violenceKinds.${k}`)).join(', '))
  if (h?.mode === 'story' && h.story) row(t('harm.usesStory'), h.story.title)
  else if (h?.ownWords) doc.moveDown(0.2).text(h.ownWords)

  heading(t('parts.evidence'))
  for (const d of input.documents) row(t(`evidence.types.${d.type}`), d.fileName)
  row(t('evidence.searchRecords'), yesNo(Boolean(answers.evidence?.searchRecords)))

  heading(t('parts.conversation'))
  row(t('conversation.question'), yesNo(answers.conversation?.wish === 'yes'))

  heading(t('parts.declarations'))
  doc.text(t('declarations.truthful'))
  doc.text(t('declarations.processing'))

  doc.end()
  return done
}
