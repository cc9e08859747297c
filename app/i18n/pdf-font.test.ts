import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// The applicant's PDF copy (app/scheme/submission-pdf.server.ts) embeds DejaVu Sans. A
// language is only usable there if the font has its letters: a missing glyph prints as an
// empty box. fontkit is the font reader pdfkit itself uses.
const require = createRequire(import.meta.url)
const fontkit = require('fontkit') as { openSync(file: string): { hasGlyphForCodePoint(codePoint: number): boolean } }
const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')
const fonts = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => [f, fontkit.openSync(path.join(dir, f))] as const)

const missing = (text: string) =>
  fonts.flatMap(([name, font]) => [...text].filter((ch) => !font.hasGlyphForCodePoint(ch.codePointAt(0)!)).map((ch) => `${name}: ${ch}`))

describe('the PDF font', () => {
  it('has every Turkish letter (ğ, ş, ı and their capitals, dotted İ)', () => {
    expect(missing('ğĞşŞıİçÇöÖüÜ')).toEqual([])
  })

  it('has Papiamentu’s and Dutch letters', () => {
    expect(missing('èéëïòóùúñÑ')).toEqual([])
  })

  it('has the Arabic letters, though printing Arabic needs more than glyphs (ADR 0021)', () => {
    expect(missing('ابتثجحخدذرزسشصضطظعغفقكلمنهوي')).toEqual([])
  })

  it('reports a letter it does not have (the check itself works)', () => {
    expect(missing('𓀀')).toHaveLength(2)
  })
})
