import type { Candidate, MarkConfidence } from './marks'
import { BIRTH_WORDS, MONTHS, NOT_NAMES, PARTICLES, STANDALONE_STREETS, STREET_ENDINGS, STRONG_STREET_ENDINGS } from './vocabulary'

/** Structured details: e-mail addresses, phone numbers, BSNs, postcodes, dates of birth, street addresses. */

/** 11-test ("elfproef") of the Dutch citizen service number. */
export function isValidBsn(value: string): boolean {
  const digits = value.replace(/\D/g, '')
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i)
  sum -= Number(digits[8])
  return sum % 11 === 0
}

const EMAIL_RE =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(?:@|\s?[[(]at[\])]\s?)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/giu

export function findEmails(text: string, out: Candidate[]) {
  for (const m of text.matchAll(EMAIL_RE)) out.push({ kind: 'email', start: m.index, end: m.index + m[0].length, confidence: 'high' })
}

const NL_PHONE_RE = /(?<![\p{L}\p{N}+(])(\+31|0031|\(0(?=\d)|0(?=\d))([\d ().\u00a0-]{6,24})/gu
const INTL_PHONE_RE = /(?<![\p{L}\p{N}+])\+(?!31)[1-9]\d{0,2}(?:[ .\u00a0-]?\(?\d+\)?){2,6}/gu

function phoneConfidence(national: string): MarkConfidence | null {
  // Service numbers (0800, 0900…) belong to organisations more often than to people.
  if (/^0(?:800|900|906|909)\d{4}(?:\d{3})?$/.test(national)) return 'low'
  if (/^0[1-9]\d{8}$/.test(national) && !/^0(?:800|900|906|909)/.test(national)) return 'high'
  return null
}

export function findPhones(text: string, out: Candidate[]) {
  for (const m of text.matchAll(NL_PHONE_RE)) {
    const prefix = m[1]!
    const international = prefix === '+31' || prefix === '0031'
    let national = international ? '' : '0'
    let best: { end: number; confidence: MarkConfidence } | null = null
    let separators = 0
    let pos = m.index + prefix.length
    for (const ch of m[2]!) {
      if (ch >= '0' && ch <= '9') {
        separators = 0
        pos += 1
        if (national === '') {
          // After +31 the national number gets its trunk zero back; "+31 (0)6 …" already wrote it.
          national = '0'
          if (ch === '0') continue
        }
        national += ch
        const confidence = phoneConfidence(national)
        if (confidence && !/\d/.test(text[pos] ?? '')) best = { end: pos, confidence }
        if (national.length > 11) break
      } else {
        if (++separators > 3) break
        pos += 1
      }
    }
    if (best) out.push({ kind: 'phone', start: m.index, end: best.end, confidence: best.confidence })
  }
  for (const m of text.matchAll(INTL_PHONE_RE)) {
    const digits = m[0].replace(/\D/g, '').length
    if (digits >= 9 && digits <= 15) out.push({ kind: 'phone', start: m.index, end: m.index + m[0].length, confidence: 'medium' })
  }
}

const BSN_RE = /(?<![\p{L}\p{N}.,€$-]|[€$] )(?:\d{9}|\d{3}[ .]\d{3}[ .]\d{3}|\d{4}[ .]\d{2}[ .]\d{3})(?![\p{L}\p{N}]|[.,]\d)/gu

export function findBsns(text: string, out: Candidate[]) {
  for (const m of text.matchAll(BSN_RE)) {
    // A 9-digit number that fails the 11-test may still be a mistyped BSN or a case number.
    out.push({ kind: 'bsn', start: m.index, end: m.index + m[0].length, confidence: isValidBsn(m[0]) ? 'high' : 'medium' })
  }
}

// Letter pairs SA, SD and SS are not used in Dutch postcodes.
const POSTCODE_RE = /(?<![\p{L}\p{N}])[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?![\p{L}\p{N}])/gu

export function findPostcodes(text: string, out: Candidate[]) {
  for (const m of text.matchAll(POSTCODE_RE)) out.push({ kind: 'postcode', start: m.index, end: m.index + m[0].length, confidence: 'high' })
}

const DAY = '(?:0?[1-9]|[12]\\d|3[01])'
const DATE_RES = [
  // 12-03-1961, 12/3/61, 12.03.1961
  new RegExp(`(?<![\\p{L}\\p{N}])${DAY}([-/.])(?:0?[1-9]|1[0-2])\\1(?:19\\d\\d|20\\d\\d|\\d\\d)(?![\\p{L}\\p{N}]|[-/.]\\d)`, 'gu'),
  // 1961-03-12
  /(?<![\p{L}\p{N}])(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\p{L}\p{N}])/gu,
  // 12 maart 1961, 1e mei '61, 3 okt. 1975, 12 March 1961
  new RegExp(`(?<![\\p{L}\\p{N}])${DAY}(?:e|de|ste|st|nd|rd|th)?\\s+(?:${MONTHS})\\.?,?\\s+(?:19\\d\\d|20\\d\\d|['’]\\d\\d)(?![\\p{L}\\p{N}])`, 'giu'),
  // March 12, 1961
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${MONTHS})\\.?\\s+${DAY}(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d\\d(?![\\p{L}\\p{N}])`, 'giu'),
]

export function findDates(text: string, out: Candidate[]) {
  for (const re of DATE_RES) {
    for (const m of text.matchAll(re)) {
      const start = m.index
      const end = start + m[0].length
      const around = text.slice(Math.max(0, start - 40), start) + ' ' + text.slice(end, end + 30)
      out.push({ kind: 'dateOfBirth', start, end, confidence: BIRTH_WORDS.test(around) ? 'high' : 'medium' })
    }
  }
}

const endings = (list: string[]) => [...list].sort((a, b) => b.length - a.length).join('|')
const HOUSE_NUMBER = String.raw`\d{1,5}(?:[a-zA-Z]{1,2}(?![\p{L}\p{N}])|-[\p{L}\p{N}]{1,4}(?![\p{L}\p{N}])| [A-Z](?![\p{L}\p{N}]))?(?![\p{N}])`
const ADDRESS_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])((?:\p{Lu}[\p{L}'’.-]*[ \t\u00a0]+(?:(?:${[...PARTICLES].join('|')})[ \t\u00a0]+)*){0,3})` +
    String.raw`(\p{Lu}[\p{L}'’-]*?(?:${endings(STREET_ENDINGS)})|\p{Ll}[\p{L}'’-]*?(?:${endings(STRONG_STREET_ENDINGS)})|${STANDALONE_STREETS.join('|')})` +
    String.raw`[ \t\u00a0]+${HOUSE_NUMBER}`,
  'gu',
)
/** Words that may come before a street name in a sentence but are not part of it. */
const NOT_STREET_PREFIX = new Set([...NOT_NAMES].filter((w) => !PARTICLES.has(w)))

export function findAddresses(text: string, out: Candidate[]) {
  for (const m of text.matchAll(ADDRESS_RE)) {
    let start = m.index
    // "In de Kerkstraat 12": drop leading words of the sentence that are not the street's.
    const prefix = m[1] ?? ''
    const words = [...prefix.matchAll(/\S+/g)]
    for (const w of words) {
      const lower = w[0].toLowerCase()
      if (NOT_STREET_PREFIX.has(lower) || (PARTICLES.has(lower) && w[0] === lower)) start = m.index + w.index + w[0].length
      else break
    }
    while (/\s/.test(text[start] ?? '')) start++
    out.push({ kind: 'address', start, end: m.index + m[0].length, confidence: 'high' })
  }
}
