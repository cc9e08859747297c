import { readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cleanLine, hasRefusedCharacter, line, optionalLine, optionalText, text, TEXT_MESSAGES } from './text-schema'

const SEED = 20261207

/** Whether `ns:key` exists in both locale files. */
function isKnownKey(message: string) {
  const [ns, key] = message.split(':') as [string, string | undefined]
  if (!key) return false
  return ['nl', 'en'].every((lng) => {
    let node: unknown = JSON.parse(readFileSync(path.resolve('public/locales', lng, `${ns}.json`), 'utf8'))
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part]
    return typeof node === 'string'
  })
}

const refusedChar = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }).filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d).map((c) => String.fromCharCode(c)),
  fc.constant('\u007f'),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
)
const hostile = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'binary-ascii' }),
  fc.string({ unit: fc.oneof(refusedChar, fc.constantFrom('a', ' ', '\r', '\n', '\t', 'é', '😀')) }),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'),
  fc.tuple(fc.string(), refusedChar, fc.string()).map(([a, b, c]) => a + b + c),
)
const anyValue = fc.oneof(hostile, fc.anything({ withObjectString: true, withNullPrototype: true }), fc.constant(undefined))

const schemas = {
  text: text({ max: 50 }),
  optionalText: optionalText({ max: 50 }),
  line: line({ max: 50 }),
  optionalLine: optionalLine({ max: 50 }),
  customKeys: text({ max: 5, min: 3, required: 'validation:required', tooLong: 'validation:textTooLong', tooShort: 'validation:required' }),
}

describe('text layer', () => {
  it.each(Object.entries(schemas))('%s: safeParse never throws, accepted text is clean, messages are known keys', (_, schema) => {
    fc.assert(
      fc.property(anyValue, (value) => {
        const result = schema.safeParse(value)
        if (result.success) {
          if (result.data !== undefined) {
            expect(typeof result.data).toBe('string')
            expect(hasRefusedCharacter(result.data as string)).toBe(false)
            expect(result.data).not.toMatch(/\r/)
            expect((result.data as string).length).toBeLessThanOrEqual(50)
          }
        } else {
          for (const issue of result.error.issues) expect(isKnownKey(issue.message), issue.message).toBe(true)
        }
      }),
      { seed: SEED, numRuns: 2000 },
    )
  })

  it('refuses multi-line text with a control character, with a message in the person’s language', () => {
    fc.assert(
      fc.property(fc.string(), refusedChar, fc.string(), (a, bad, b) => {
        const result = text({ max: 10_000 }).safeParse(`x${a}${bad}${b}`)
        expect(result.success).toBe(false)
        expect(result.error!.issues.map((i) => i.message)).toContain(TEXT_MESSAGES.controlCharacters)
      }),
      { seed: SEED },
    )
    expect(isKnownKey(TEXT_MESSAGES.controlCharacters)).toBe(true)
    expect(text({ max: 100 }).safeParse('mijn verhaal\u0000').success).toBe(false)
  })

  it('keeps what a person can type: tabs, line breaks, accents, emoji and paired surrogates', () => {
    expect(text({ max: 100 }).parse('Eerste regel\r\n\tTweede — café 😀\rDerde')).toBe('Eerste regel\n\tTweede — café 😀\nDerde')
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }).filter((s) => s.trim() !== ''), (s) => {
        const result = text({ max: 10_000 }).safeParse(s)
        expect(result.success).toBe(true)
        expect(result.data).toBe(s.replace(/\r\n?/g, '\n').trim())
      }),
      { seed: SEED },
    )
  })

  it('strips invisible junk from single-line names instead of refusing them', () => {
    expect(line({ max: 60 }).parse('Ma\u0000rieke\tde\r\nVries\u007f')).toBe('Marieke de Vries')
    expect(optionalLine({ max: 60 }).parse('\u0000\u0001 ')).toBeUndefined()
    expect(line({ max: 60 }).safeParse('\u0000').success).toBe(false)
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(hasRefusedCharacter(cleanLine(s))).toBe(false)
        expect(cleanLine(s)).not.toMatch(/[\r\n\t]/)
      }),
      { seed: SEED },
    )
  })

  it('caps very long strings, a megabyte included, without trouble', () => {
    const mb = 'a'.repeat(1024 * 1024)
    for (const schema of Object.values(schemas)) expect(schema.safeParse(mb).success).toBe(false)
    expect(text({ max: 10 }).safeParse(mb).error!.issues[0]!.message).toBe(TEXT_MESSAGES.tooLong)
    expect(text({ max: 10 }).safeParse(`${mb}\u0000`).error!.issues.map((i) => i.message)).toEqual([TEXT_MESSAGES.tooLong, TEXT_MESSAGES.controlCharacters])
  })

  it('answers missing, empty and non-text values with the required message', () => {
    for (const v of [undefined, '', '   ', ['a', 'b'], { toString: 'x' }, Object.create(null), 42]) {
      const result = text({ max: 10 }).safeParse(v)
      expect(result.success).toBe(false)
      expect(result.error!.issues[0]!.message).toBe(TEXT_MESSAGES.required)
    }
  })
})
