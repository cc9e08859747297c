import type { TFunction } from 'i18next'
import type { Lng } from '~/i18n/config'
import { i18next } from '~/i18n/i18next.server'
import { formatLongDate } from '~/scheme/dates'
import type { StatusLetterData } from '~/scheme/for-intake-letters.server'
import { createTaggedPdf } from '~/utils/tagged-pdf.server'

/**
 * Letters for posting to someone who applied on paper or by phone (ADR 0031): the status of
 * their application in plain words, its reference and how to reach us; the first letter also
 * carries the letter code and how to use it. A tagged PDF (structure, language, title) like
 * the scheme's copy, with the DejaVu font so every name prints (app/i18n/pdf-font.test.ts).
 */


export type LetterParagraph = {
  kind: 'H1' | 'H2' | 'P' | 'code'
  text: string
}

/** The letter's content, apart from the drawing so a test can read it without parsing a PDF. */
export function letterParagraphs({ data, code, t, locale }: { data: StatusLetterData; code?: string; t: TFunction; locale: Lng }): LetterParagraph[] {
  const long = (d: string | null) => (d ? formatLongDate(d, locale) : '–')
  const out: LetterParagraph[] = []
  const address = data.address ? [data.applicantName, `${data.address.street} ${data.address.houseNumber}`, `${data.address.postcode} ${data.address.town}`] : [data.applicantName]
  for (const line of address) out.push({ kind: 'P', text: line })
  out.push({
    kind: 'H1',
    text: t(code ? 'letter.welcomeTitle' : 'letter.statusTitle'),
  })
  out.push({
    kind: 'P',
    text: t('letter.greeting', { name: data.applicantName }),
  })
  if (code)
    out.push({
      kind: 'P',
      text: t('letter.received', { date: long(data.receivedOn) }),
    })
  out.push({ kind: 'P', text: `${t('letter.reference')}: ${data.reference}` })
  out.push({ kind: 'H2', text: t('letter.statusHeading') })
  out.push({ kind: 'P', text: t(`letter.status.${data.status}`) })
  if (data.openQuestion)
    out.push({
      kind: 'P',
      text: t('letter.question', { question: data.openQuestion }),
    })
  if (data.decisionDue && ['submitted', 'inAssessment', 'informationRequested', 'proposed', 'confirmed', 'handedOff', 'received'].includes(data.status)) {
    out.push({
      kind: 'P',
      text: t('letter.decisionDue', { date: long(data.decisionDue) }),
    })
  }
  if (code) {
    out.push({ kind: 'H2', text: t('letter.codeHeading') })
    out.push({ kind: 'P', text: t('letter.codeIntro') })
    out.push({ kind: 'code', text: code })
    out.push({ kind: 'P', text: t('letter.codeSteps') })
    out.push({ kind: 'P', text: t('letter.codeOptional') })
  }
  out.push({ kind: 'H2', text: t('letter.contactHeading') })
  out.push({ kind: 'P', text: t('letter.contact') })
  out.push({ kind: 'P', text: t('letter.help') })
  return out
}

export async function renderLetterPdf({ data, code, locale }: { data: StatusLetterData; code?: string; locale: Lng }): Promise<Buffer> {
  const t = await i18next.getFixedT(locale, 'intake')
  const { doc, done } = createTaggedPdf({ locale, margin: 64, title: t(code ? 'letter.welcomeTitle' : 'letter.statusTitle'), author: t('letter.author') })
  const root = doc.struct('Document')
  doc.addStructure(root)
  for (const p of letterParagraphs({ data, code, t, locale })) {
    const type = p.kind === 'code' ? 'P' : p.kind
    root.add(
      doc.struct(type, {}, () => {
        if (p.kind === 'H1') doc.moveDown(1.5).font('Bold').fontSize(17).text(p.text).moveDown(0.5)
        else if (p.kind === 'H2') doc.moveDown(0.8).font('Bold').fontSize(13).text(p.text).moveDown(0.2)
        // Large and spaced: typed from paper, sometimes by someone who sees poorly.
        else if (p.kind === 'code') doc.moveDown(0.4).font('Bold').fontSize(20).text(p.text, { characterSpacing: 2 }).moveDown(0.4)
        else doc.font('Body').fontSize(12).text(p.text, { lineGap: 2 })
      })
    )
  }
  root.end()
  doc.end()
  return done
}
