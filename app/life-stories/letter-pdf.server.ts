import type { Lng } from '~/i18n/config'
import { i18next } from '~/i18n/i18next.server'
import { absoluteUrl } from '~/mail/mail.server'
import { formatLetterCode } from './letter-code.server'
import { formatLongDate } from '~/utils/format-date'
import { createTaggedPdf } from '~/utils/tagged-pdf.server'

/**
 * The letter for a survivor without e-mail (ADR 0030): where to go, what to do, the code and
 * until when it works, in plain words. It names no story and no title (a letter can be read by
 * others in the house), only the reference. A tagged PDF in the survivor's language, with the
 * same embedded font as the scheme's copy (DejaVu Sans: names beyond Latin-1).
 */

export async function renderLetterPdf({ code, expiresAt, reference, locale, request }: { code: string; expiresAt: Date; reference: string; locale: Lng; request?: Request }): Promise<Buffer> {
  const t = await i18next.getFixedT(locale, 'lifeStories')
  const { doc, done } = createTaggedPdf({ locale, margin: 64, title: t('letter.pdfTitle'), author: t('letter.author') })
  const root = doc.struct('Document')
  doc.addStructure(root)
  const block = (type: 'H1' | 'H2' | 'P', draw: () => void) => root.add(doc.struct(type, {}, draw))
  const until = formatLongDate(expiresAt, locale)
  const url = absoluteUrl('/levensverhaal/code', request)

  block('H1', () => doc.font('Bold').fontSize(18).text(t('letter.heading')))
  block('P', () => doc.moveDown(0.6).font('Body').fontSize(12).text(t('letter.intro')))
  block('P', () => doc.moveDown(0.4).text(t('letter.private')))
  block('H2', () => doc.moveDown(0.8).font('Bold').fontSize(14).text(t('letter.stepsHeading')))
  for (const step of [t('letter.step1', { url }), t('letter.step2'), t('letter.step3'), t('letter.step4')]) block('P', () => doc.moveDown(0.3).font('Body').fontSize(12).text(step))
  block('H2', () => doc.moveDown(0.8).font('Bold').fontSize(14).text(t('letter.codeHeading')))
  block('P', () => doc.moveDown(0.3).font('Code').fontSize(24).text(formatLetterCode(code), { characterSpacing: 2 }))
  block('P', () => doc.moveDown(0.3).font('Body').fontSize(12).text(t('letter.codeRules', { date: until })))
  block('P', () => doc.moveDown(0.8).text(t('letter.help')))
  block('P', () => doc.moveDown(0.8).fontSize(10).text(t('letter.reference', { reference })))
  root.end()
  doc.end()
  return done
}
