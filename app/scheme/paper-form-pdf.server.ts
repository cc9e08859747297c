import type PDFDocument from 'pdfkit'
import type { Lng } from '~/i18n/config'
import { i18next } from '~/i18n/i18next.server'
import { paperFormModel, type PaperForm, type PaperQuestion } from './paper-form'
import type { SchemeConfig } from './scheme-config'
import { createTaggedPdf } from '~/utils/tagged-pdf.server'

/**
 * Draws the paper form (paper-form.ts) as a tagged PDF: document title and language, a
 * structure tree in reading order (headings, paragraphs, lists of options), real text in a
 * large font (12 pt, DejaVu Sans as in the submission copy), and write-in boxes drawn as
 * artifacts so a screen reader skips them. pdfkit cannot make the boxes fillable form fields
 * that are also tagged, so the form is for printing.
 */


const SIZE = { h1: 22, h2: 17, h3: 14, body: 12, hint: 11 }
const MARGIN = 56
const BOX = 16
const LINE_HEIGHT = 28

type Doc = InstanceType<typeof PDFDocument>
type Struct = ReturnType<Doc['struct']>

export async function renderPaperFormPdf({ scheme, lng, compress = true }: { scheme: SchemeConfig; lng: Lng; compress?: boolean }): Promise<Buffer> {
  const t = await i18next.getFixedT(lng, ['scheme', 'facets', 'consent'])
  return drawPaperForm(paperFormModel({ scheme, t, lng }), { lng, compress, pageLabel: (page) => t('paperForm.page', { page }), date: { day: t('dateInput.day'), month: t('dateInput.month'), year: t('dateInput.year') }, tickOne: t('paperForm.tickOne'), tickAny: t('paperForm.tickAny'), documentTitle: t('paperForm.documentTitle') })
}

type Words = { pageLabel: (page: number) => string; date: { day: string; month: string; year: string }; tickOne: string; tickAny: string; documentTitle: string }

export function drawPaperForm(form: PaperForm, { lng, compress, ...words }: { lng: Lng; compress: boolean } & Words): Promise<Buffer> {
  const { doc, done } = createTaggedPdf({ locale: lng, margin: MARGIN, compress, bufferPages: true, title: `${words.documentTitle} (${form.schemeName})`, author: 'Erkenningsportaal jeugdzorg', subject: form.title })
  const width = doc.page.width - 2 * MARGIN
  const bottom = () => doc.page.height - MARGIN

  const root = doc.struct('Document')
  doc.addStructure(root)
  const add = (parent: Struct, type: string, draw: () => void) => parent.add(doc.struct(type as 'P', {}, draw))
  const heightOf = (text: string, font: 'Body' | 'Bold', size: number, w = width) => doc.font(font).fontSize(size).heightOfString(text, { width: w })
  /** Starts a new page when `needed` points do not fit, so a question and its box stay together. */
  const keep = (needed: number) => {
    if (doc.y + needed > bottom()) doc.addPage()
  }
  const artifact = (draw: () => void) => {
    doc.markContent('Artifact', { type: 'Layout' })
    draw()
    doc.endMarkedContent()
  }
  const para = (parent: Struct, text: string, { font = 'Body', size = SIZE.body, gap = 0.4 }: { font?: 'Body' | 'Bold'; size?: number; gap?: number } = {}) => {
    keep(heightOf(text, font, size))
    add(parent, 'P', () => doc.font(font).fontSize(size).fillColor('black').text(text, MARGIN, doc.y, { width }))
    doc.moveDown(gap)
  }
  const heading = (type: 'H1' | 'H2' | 'H3', text: string, size: number) => {
    keep(heightOf(text, 'Bold', size) + 60)
    doc.moveDown(type === 'H1' ? 0 : 0.6)
    add(root, type, () => doc.font('Bold').fontSize(size).fillColor('black').text(text, MARGIN, doc.y, { width }))
    doc.moveDown(0.3)
  }
  const box = (x: number, y: number, w: number, h: number) => artifact(() => doc.lineWidth(1).strokeColor('black').rect(x, y, w, h).stroke())

  const options = (question: PaperQuestion, many: boolean) => {
    const list = doc.struct('L')
    root.add(list)
    add(list, 'Caption', () => doc.font('Body').fontSize(SIZE.hint).text(many ? words.tickAny : words.tickOne, MARGIN, doc.y, { width }))
    doc.moveDown(0.2)
    for (const option of question.options ?? []) {
      const text = option.hint ? `${option.label}: ${option.hint}` : option.label
      keep(heightOf(text, 'Body', SIZE.body, width - 28) + 6)
      const y = doc.y
      box(MARGIN, y + 1, BOX, BOX)
      const item = doc.struct('LI')
      list.add(item)
      add(item, 'LBody', () => {
        doc.font('Bold').fontSize(SIZE.body).text(option.label, MARGIN + 28, y, { width: width - 28, continued: Boolean(option.hint) })
        if (option.hint) doc.font('Body').fontSize(SIZE.hint).text(`: ${option.hint}`)
      })
      item.end()
      doc.moveDown(0.35)
    }
    list.end()
  }

  const answerArea = (question: PaperQuestion) => {
    const x = MARGIN
    switch (question.answer) {
      case 'line':
      case 'monthYear': {
        const y = doc.y
        box(x, y, question.answer === 'monthYear' ? 160 : width, LINE_HEIGHT)
        doc.y = y + LINE_HEIGHT
        break
      }
      case 'lines': {
        const n = question.lines ?? 6
        keep(n * LINE_HEIGHT)
        const y = doc.y
        artifact(() => {
          doc.lineWidth(0.75).strokeColor('black')
          for (let i = 1; i <= n; i++) doc.moveTo(x, y + i * LINE_HEIGHT).lineTo(x + width, y + i * LINE_HEIGHT).stroke()
        })
        doc.y = y + n * LINE_HEIGHT
        break
      }
      case 'date': {
        const y = doc.y
        const parts: Array<[string, number]> = [
          [words.date.day, 56],
          [words.date.month, 56],
          [words.date.year, 90],
        ]
        add(root, 'P', () => {
          let left = x
          for (const [label, w] of parts) {
            doc.font('Body').fontSize(SIZE.hint).text(label, left, y, { width: w, lineBreak: false })
            left += w + 16
          }
        })
        let left = x
        for (const [, w] of parts) {
          box(left, y + 16, w, LINE_HEIGHT)
          left += w + 16
        }
        doc.y = y + 16 + LINE_HEIGHT
        break
      }
      case 'choice':
      case 'choices':
        options(question, question.answer === 'choices')
        break
      case 'tick':
        break
    }
    doc.x = MARGIN
  }

  const question = (q: PaperQuestion) => {
    const boxHeight = q.answer === 'lines' ? 3 * LINE_HEIGHT : q.answer === 'date' ? 48 : q.answer === 'tick' || q.answer === 'choice' || q.answer === 'choices' ? 24 : LINE_HEIGHT
    const labelWidth = q.answer === 'tick' ? width - 28 : width
    keep(heightOf(q.label, 'Bold', SIZE.body, labelWidth) + (q.hint ? heightOf(q.hint, 'Body', SIZE.hint, labelWidth) : 0) + boxHeight + 16)
    doc.moveDown(0.5)
    if (q.answer === 'tick') {
      // A tick box goes before its sentence, as on the website.
      const y = doc.y
      box(MARGIN, y + 1, BOX, BOX)
      add(root, 'P', () => doc.font('Bold').fontSize(SIZE.body).text(q.label, MARGIN + 28, y, { width: labelWidth }))
      if (q.hint) add(root, 'P', () => doc.font('Body').fontSize(SIZE.hint).text(q.hint!, MARGIN + 28, doc.y + 2, { width: labelWidth }))
      doc.x = MARGIN
      return
    }
    add(root, 'P', () => doc.font('Bold').fontSize(SIZE.body).text(q.label, MARGIN, doc.y, { width }))
    if (q.hint) add(root, 'P', () => doc.font('Body').fontSize(SIZE.hint).text(q.hint!, MARGIN, doc.y + 2, { width }))
    doc.moveDown(0.3)
    answerArea(q)
  }

  heading('H1', form.title, SIZE.h1)
  para(root, form.schemeName, { font: 'Bold' })
  if (form.demonstration) para(root, form.demonstration)
  for (const text of form.instructions) para(root, text)

  for (const step of form.steps) {
    doc.moveDown(0.6)
    heading('H2', step.title, SIZE.h2)
    para(root, step.intro)
    for (const note of step.notes) para(root, note, { size: SIZE.hint })
    const times = step.repeat?.times ?? 1
    for (let n = 1; n <= times; n++) {
      if (step.repeat) heading('H3', step.repeat.label(n), SIZE.h3)
      for (const q of step.questions) question(q)
    }
  }

  heading('H2', form.signature.title, SIZE.h2)
  for (const label of [form.signature.date, form.signature.signature]) {
    keep(80)
    add(root, 'P', () => doc.font('Bold').fontSize(SIZE.body).text(label, MARGIN, doc.y, { width }))
    doc.moveDown(0.2)
    const y = doc.y
    box(MARGIN, y, label === form.signature.date ? 200 : width, label === form.signature.date ? LINE_HEIGHT : 60)
    doc.y = y + (label === form.signature.date ? LINE_HEIGHT : 60)
    doc.moveDown(0.6)
  }
  para(root, form.signature.send)
  root.end()

  // Page numbers in the footer: pagination artifacts, outside the reading order.
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const saved = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc.markContent('Artifact', { type: 'Pagination' })
    doc.font('Body').fontSize(SIZE.hint).fillColor('black').text(`${words.pageLabel(i + 1)}`, MARGIN, doc.page.height - MARGIN / 2 - 6, { width, align: 'center', lineBreak: false })
    doc.endMarkedContent()
    doc.page.margins.bottom = saved
  }
  doc.end()
  return done
}
