import type { Candidate, MarkConfidence } from './marks'
import { ABBREVIATIONS, DOTTED_TITLES, INSTITUTION_WORDS, isUpper, NOT_NAMES, PARTICLES, PLACE_PREPOSITIONS, STRONG_STREET_ENDINGS, TITLES } from './vocabulary'

/** Names of people: after a title or role ("meneer Jansen"), and capitalised words that behave like names. */

type Token = { start: number; end: number; text: string; lower: string; initials: boolean }

// Words (with inner apostrophes and hyphens: O'Brien, Jan-Willem) and initials (J., J.P.).
const TOKEN_RE = /\p{Lu}\.(?:\s?\p{Lu}\.)*(?!\p{L})|\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu

export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const m of text.matchAll(TOKEN_RE)) {
    const initials = m[0].endsWith('.')
    tokens.push({ start: m.index, end: m.index + m[0].length, text: m[0], lower: m[0].toLowerCase(), initials })
  }
  return tokens
}

const isCapWord = (t: Token) =>
  !t.initials && isUpper(t.text[0]) && t.text.length > 1 && t.text !== t.text.toUpperCase()
const isParticle = (t: Token) => !t.initials && PARTICLES.has(t.lower)
const isTitle = (text: string, t: Token) =>
  !t.initials && (TITLES.has(t.lower) || (DOTTED_TITLES.has(t.lower) && text[t.end] === '.'))
/** Same line, one or two spaces apart: "Jan de Vries", "J. de Vries", "van 't Hek". */
const adjacent = (text: string, a: Token, b: Token) => /^[ \t\u00a0]{1,2}['’]?$/.test(text.slice(a.end, b.start))

/** True when `pos` begins a sentence, a line, or quoted speech after a colon. */
function isSentenceStart(text: string, pos: number): boolean {
  let k = pos - 1
  let sawQuote = false
  while (k >= 0) {
    const ch = text[k]!
    if (ch === '\n' || ch === '\r') return true
    if (/[\s"'„“”‘’«»([\-–—•*]/.test(ch)) {
      if (/["'„“”‘’«»]/.test(ch)) sawQuote = true
      k--
      continue
    }
    break
  }
  if (k < 0) return true
  const ch = text[k]!
  if (ch === ':') return sawQuote
  if (ch === '!' || ch === '?' || ch === '…') return true
  if (ch !== '.') return false
  // A full stop after an abbreviation or an initial does not end the sentence.
  const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, k - 12), k))?.[1] ?? ''
  if (/^\p{Lu}$/u.test(word)) return false
  return !ABBREVIATIONS.has(word.toLowerCase())
}

/**
 * From token i, the longest run of capitalised words, initials and particles on one line
 * that ends in a capitalised word or initials. Returns the index of its last token or -1.
 */
function nameRunEnd(text: string, tokens: Token[], i: number, stopAtTitles: boolean): number {
  let last = -1
  for (let j = i; j < tokens.length; j++) {
    const t = tokens[j]!
    if (j > i && !adjacent(text, tokens[j - 1]!, t)) break
    if (stopAtTitles && isTitle(text, t)) break
    if (isCapWord(t) || t.initials) last = j
    else if (!isParticle(t)) break
  }
  return last
}

/** Names after a title or role: "meneer Jansen", "juf Annie", "dhr. J. van der Berg". */
export function findTitledNames(text: string, tokens: Token[], out: Candidate[], known: Set<string>) {
  for (let i = 0; i < tokens.length - 1; i++) {
    const title = tokens[i]!
    if (!isTitle(text, title)) continue
    const first = tokens[i + 1]!
    const between = text.slice(title.end, first.start)
    // "dhr. Jansen" yes, but "bij mijn oom. Henk kwam" is a new sentence.
    if (!/^\.?[ \t\u00a0]{1,2}$/.test(between) || (between.startsWith('.') && !DOTTED_TITLES.has(title.lower))) continue
    // The name must start with a capital or initials ("meneer van Dijk" starts with a particle).
    let k = i + 1
    while (k < tokens.length && isParticle(tokens[k]!) && !isCapWord(tokens[k]!)) k++
    const head = tokens[k]
    if (!head || !(isCapWord(head) || head.initials)) continue
    const last = nameRunEnd(text, tokens, i + 1, true)
    if (last < k) continue
    const run = tokens.slice(i + 1, last + 1)
    const words = run.filter(isCapWord)
    for (const w of words) if (!PARTICLES.has(w.lower) && !NOT_NAMES.has(w.lower)) known.add(w.lower)
    // Initials alone ("meneer K.") are usually the survivor's own anonymisation.
    const confidence: MarkConfidence = words.some((w) => !PARTICLES.has(w.lower)) ? 'high' : 'low'
    out.push({ kind: 'titledName', start: run[0]!.start, end: run[run.length - 1]!.end, confidence })
    i = last
  }
}

/** Character ranges of well-known phrases that look like names but are not people. */
const NOT_NAME_PHRASES =
  /(?<!\p{L})(?:commissie[- ](?:de[- ])?winter|de winter|den haag|den bosch|den helder|goede herder|leger des heils|nationaal archief|tweede kamer|eerste kamer|onvoldoende beschermd|verbreek de stilte|blijvend vertellen|bureau jeugdzorg|raad voor de kinderbescherming|onze lieve vrouw|sint[- ]\p{Lu}\p{L}*|sinter ?klaas|zwarte piet|kerstman)(?!\p{L})/giu

function protectedRanges(text: string): Array<[number, number]> {
  return [...text.matchAll(NOT_NAME_PHRASES)].map((m) => [m.index, m.index + m[0].length])
}

function isStreetName(lower: string) {
  return STRONG_STREET_ENDINGS.some((e) => lower.endsWith(e) && lower.length > e.length + 2)
}

/**
 * Capitalised words in the middle of a sentence that are not known non-names; at the start
 * of a sentence only when the same name appears elsewhere, or with a second name word.
 */
export function findPersonNames(
  text: string,
  tokens: Token[],
  out: Candidate[],
  /** Name words after titles, and how often each name word was flagged by a previous pass. */
  known: { titled: Set<string>; seen: Map<string, number> },
  learn: boolean,
) {
  const shielded = protectedRanges(text)
  const inShield = (t: Token) => shielded.some(([s, e]) => t.start >= s && t.end <= e)
  const notName = (t: Token) =>
    NOT_NAMES.has(t.lower) || isTitle(text, t) || inShield(t) || isStreetName(t.lower)
  const isName = (t: Token) => isCapWord(t) && !PARTICLES.has(t.lower)

  /** "in Zetten", "te Baarn", "in de Glind", "het Poortje", "tehuis Valkenheide": not people. */
  const placeBefore = (idx: number) => {
    const t = tokens[idx]!
    const b = tokens[idx - 1]
    if (!b || /[\n\r]/.test(text.slice(b.end, t.start)) || isSentenceStart(text, t.start)) return false
    if (b.lower === 'het' || b.lower === 't' || PLACE_PREPOSITIONS.has(b.lower) || INSTITUTION_WORDS.has(b.lower)) return true
    const bb = tokens[idx - 2]
    return (
      PARTICLES.has(b.lower) &&
      b.text === b.lower &&
      !!bb &&
      !/[\n\r.!?]/.test(text.slice(bb.end, b.start)) &&
      (PLACE_PREPOSITIONS.has(bb.lower) || INSTITUTION_WORDS.has(bb.lower))
    )
  }

  const headsNameList = (idx: number) => {
    const t = tokens[idx]!
    let next = tokens[idx + 1]
    if (!next) return false
    const gap = text.slice(t.end, next.start)
    if (/^[ \t\u00a0]+$/.test(gap) && (next.lower === 'en' || next.lower === 'and')) {
      const after = tokens[idx + 2]
      if (!after || !/^[ \t\u00a0]+$/.test(text.slice(next.end, after.start))) return false
      next = after
    } else if (!/^,[ \t\u00a0]+$/.test(gap)) {
      return false
    }
    return isName(next) && !notName(next) && (known.seen.get(next.lower) ?? 0) > 0
  }

  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i]!
    if (!isCapWord(first) && !first.initials) continue
    const last = nameRunEnd(text, tokens, i, true)
    if (last < 0) continue

    // Split the run at words that are not names ("Toen Henk", "Kerst Amsterdam").
    const pieces: number[][] = [[]]
    for (let j = i; j <= last; j++) {
      if (isName(tokens[j]!) && notName(tokens[j]!)) pieces.push([])
      else pieces[pieces.length - 1]!.push(j)
    }
    i = last

    for (let piece of pieces) {
      while (piece.length && !isCapWord(tokens[piece[piece.length - 1]!]!) && !tokens[piece[piece.length - 1]!]!.initials) piece = piece.slice(0, -1)
      while (piece.length && isParticle(tokens[piece[0]!]!) && tokens[piece[0]!]!.text === tokens[piece[0]!]!.lower) piece = piece.slice(1)
      const run = piece.map((j) => tokens[j]!)
      const names = run.filter(isName)
      if (names.length === 0) continue
      if (INSTITUTION_WORDS.has(run[0]!.lower) || placeBefore(piece[0]!)) continue

      const atStart = isSentenceStart(text, run[0]!.start)
      const times = (t: Token) => (known.titled.has(t.lower) ? 2 : 0) + (known.seen.get(t.lower) ?? 0)
      const strong = names.length > 1 || run.some((t) => t.initials) || (run.length > 1 && isParticle(run[0]!))
      // A capitalised word opening a sentence is only a name when something else says so:
      // it recurs elsewhere, or it heads a list of names ("Rob, Kees en Jan sliepen …").
      if (atStart && !strong && !names.some((t) => times(t) > 0) && !headsNameList(piece[piece.length - 1]!)) continue
      if (learn) for (const t of names) known.seen.set(t.lower, (known.seen.get(t.lower) ?? 0) + 1)
      // Seen once (this very word) is a guess; a name that recurs or follows a title is likelier.
      const confidence: MarkConfidence = strong || names.some((t) => times(t) > 1) ? 'medium' : 'low'
      out.push({ kind: 'personName', start: run[0]!.start, end: run[run.length - 1]!.end, confidence })
    }
  }
}
