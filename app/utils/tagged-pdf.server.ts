import { createRequire } from 'node:module'
import path from 'node:path'
import PDFDocument from 'pdfkit'
import { intlLocale, type Lng } from '~/i18n/config'

/**
 * A font that covers more than Latin-1 (names such as Łukasz, Şükrü or Nguyễn), shipped as
 * the npm package `dejavu-fonts-ttf` and embedded (subset) in every PDF. No fallback to the
 * standard Helvetica: it has no glyphs beyond Latin-1 and would silently drop letters.
 */
const require = createRequire(import.meta.url)
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')
export const PDF_FONTS = {
  regular: path.join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
  mono: path.join(FONT_DIR, 'DejaVuSansMono-Bold.ttf'),
}

/**
 * Every PDF the portal makes (the application copy, the paper form, letters for posting) starts
 * the same way: A4, tagged (a structure tree for screen readers), its language and title set
 * and shown, the DejaVu fonts registered as 'Body', 'Bold' and 'Code'. `done` resolves with the
 * bytes once the caller ends the document.
 */
export function createTaggedPdf({ locale, title, author, subject, margin = 56, compress, bufferPages = false }: {
  locale: Lng
  title: string
  author: string
  subject?: string
  margin?: number
  /** pdfkit compresses streams by default; tests that read the text turn it off. */
  compress?: boolean
  bufferPages?: boolean
}): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    pdfVersion: '1.7',
    tagged: true,
    displayTitle: true,
    bufferPages,
    ...(compress === undefined ? {} : { compress }),
    lang: intlLocale(locale),
    info: { Title: title, Author: author, ...(subject ? { Subject: subject } : {}) },
  })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  doc.registerFont('Body', PDF_FONTS.regular)
  doc.registerFont('Bold', PDF_FONTS.bold)
  doc.registerFont('Code', PDF_FONTS.mono)
  return { doc, done }
}
